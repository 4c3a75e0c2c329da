/**
 * Staged rollout, client-side (IoTDA has none): the devices are cut into waves, each wave is its own task,
 * and the next wave starts only when the previous one finished with a success rate at or above the
 * threshold. A wave whose failures already make the threshold unreachable is stopped at once (where the
 * task type can be stopped), like an abort threshold in AWS IoT Jobs or hawkBit.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { InputError } from '../../helpers/inputErrors';
import { LIMITS, type TaskTypeSpec } from '../../helpers/taskTypes';
import { iotdaRequest } from '../../transport';
import { collectDeviceResults, type DeviceFailure } from './deviceResults';
import type { CreateOptions } from './createOptions';
import { createOrReuseTask } from './createOrReuseTask';
import { showTask, taskPath } from './taskLookup';
import { waitForTask } from './waitForTask';

/** Cumulative wave ends: "1%, 10%, 100%" or counts "10, 100, 1000"; the last wave always takes the rest. */
export function planWaves(spec: string, total: number): number[] {
	const ends: number[] = [];
	for (const part of spec.split(/[,;\s]+/).filter(Boolean)) {
		const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(part);
		if (!match) throw new InputError('Staged Rollout Waves', spec, `has "${part}", which is neither a percentage nor a count`);
		const value = Number(match[1]);
		const end = match[2] ? Math.ceil((total * value) / 100) : Math.floor(value);
		if (match[2] && value > 100) throw new InputError('Staged Rollout Waves', spec, `has ${part}, more than 100%`);
		const bounded = Math.min(Math.max(end, 1), total);
		if (ends.length && bounded <= ends[ends.length - 1]) continue;
		ends.push(bounded);
	}
	if (!ends.length || ends[ends.length - 1] < total) ends.push(total);
	let start = 0;
	for (const end of ends) {
		if (end - start > LIMITS.maxTargets)
			throw new InputError('Staged Rollout Waves', spec, `makes a wave of ${end - start} devices; a task holds at most ${LIMITS.maxTargets}, add waves`);
		start = end;
	}
	return ends;
}

export interface WaveReport {
	wave: number;
	task_id: string;
	task_name: string;
	device_count: number;
	status: string;
	success: number;
	fail: number;
	success_rate: number;
	stop_sent: boolean;
	outcome: string;
}

export async function runStagedRollout(
	this: IExecuteFunctions,
	input: { spec: TaskTypeSpec; body: IDataObject; ids: string[]; itemIndex: number; options: CreateOptions },
): Promise<IDataObject> {
	const { spec, body, ids, itemIndex, options } = input;
	const rollout = options.rollout!;
	const wait = options.wait!;
	const ends = planWaves(rollout.waves, ids.length);
	const threshold = rollout.successThreshold / 100;
	const waves: WaveReport[] = [];
	const succeeded: string[] = [];
	const failed: DeviceFailure[] = [];
	const notFinished: DeviceFailure[] = [];
	let start = 0;
	let stopReason: string | undefined;

	for (const [index, end] of ends.entries()) {
		const targets = ids.slice(start, end);
		const taskName = `${String(body.task_name)}_w${index + 1}`;
		// With "Return Existing Task", a re-run finds the waves it already made and resumes after them.
		const { task: created } = await createOrReuseTask(this, { ...body, task_name: taskName, targets }, options, itemIndex);
		const taskId = String(created.task_id);
		const allowedFailures = Math.floor(targets.length * (1 - threshold));
		const waited = await waitForTask.call(this, taskId, {
			pollIntervalMs: wait.pollIntervalMs,
				maxWaitMs: wait.maxWaitMs,
			itemIndex,
			shouldAbort: (task) => {
				const fail = Number((task.task_progress as IDataObject | undefined)?.fail ?? 0);
				return fail > allowedFailures
					? `wave ${index + 1}: ${fail} of ${targets.length} devices failed, more than the ${100 - rollout.successThreshold}% the threshold allows`
					: undefined;
			},
		});
		let task = waited.task;
		let stopSent = false;
		if (waited.outcome === 'aborted' && spec.isUpgrade) {
			await iotdaRequest.call(this, {
				method: 'POST',
				path: taskPath(taskId, '/stop'),
				body: {},
				action: `Stop rollout wave ${index + 1} (${taskId})`,
				itemIndex,
			});
			stopSent = true;
			const shown = await showTask.call(this, taskId, itemIndex);
			task = (shown.batchtask as IDataObject) ?? task;
		}
		const results = await collectDeviceResults.call(this, { ...task, targets }, itemIndex);
		succeeded.push(...results.succeeded);
		failed.push(...results.failed);
		notFinished.push(...results.not_finished);
		const rate = targets.length ? results.succeeded.length / targets.length : 1;
		waves.push({
			wave: index + 1,
			task_id: taskId,
			task_name: taskName,
			device_count: targets.length,
			status: String(task.status),
			success: results.succeeded.length,
			fail: results.failed.length,
			success_rate: Math.round(rate * 10000) / 100,
			stop_sent: stopSent,
			outcome: waited.outcome,
		});
		start = end;
		if (waited.outcome !== 'finished') {
			stopReason = waited.reason ?? waited.outcome;
			break;
		}
		if (rate < threshold) {
			stopReason = `wave ${index + 1} succeeded on ${Math.round(rate * 10000) / 100}% of its devices, below the ${rollout.successThreshold}% threshold`;
			break;
		}
		if (rollout.pauseMs > 0 && index < ends.length - 1) await sleep(rollout.pauseMs);
	}

	return {
		rollout: {
			status: stopReason ? 'stopped' : 'completed',
			...(stopReason ? { reason: stopReason } : {}),
			success_threshold: rollout.successThreshold,
			waves,
			devices: {
				succeeded,
				failed,
				not_finished: notFinished,
				never_started: ids.slice(start),
			},
		},
	};
}
