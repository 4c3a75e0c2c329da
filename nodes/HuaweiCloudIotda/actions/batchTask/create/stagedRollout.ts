/**
 * Staged rollout, client-side (IoTDA has none): the devices are cut into waves, each wave is its own task,
 * and the next wave starts only when the previous one finished with a success rate at or above the
 * threshold. A wave whose failures already make the threshold unreachable is stopped at once (where the
 * task type can be stopped), like an abort threshold in AWS IoT Jobs or hawkBit.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { append } from '../../../helpers/arrays';
import { cancelSignalOf, pause } from '../../../helpers/clock';
import { InputError } from '../../../helpers/inputErrors';
import { refuseNotGrowing, type PlanEntry } from '../../../helpers/wavePlan';
import { asItemError, withNote } from '../../../helpers/itemErrors';
import { LIMITS, type TaskTypeSpec } from '../../../helpers/apiRules';
import {
	collectDeviceResults,
	controlBatchTask,
	showTask,
	type DeviceFailure,
} from '../../../api/batchTasks';
import type { CreateOptions } from './readCreateOptions';
import { createOrReuseTask } from './createOrReuseTask';
import { waitForTask } from '../waitForTask';
import { itemSettings } from '../../../transport/requestOptions';

/** Cumulative wave ends : "1%, 10%, 100%" or counts "10, 100, 1000"; the last wave always takes the rest. */
export function planWaves(spec: string, total: number): number[] {
	const ends: number[] = [];
	const parts = spec.split(/[,;\s]+/).filter(Boolean);
	const written: PlanEntry[] = [];
	for (const part of parts) {
		const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(part);
		if (!match)
			throw new InputError(
				'Staged Rollout Waves',
				spec,
				`has "${part}", which is neither a percentage nor a count`,
			);
		const value = Number(match[1]);
		written.push({ part, unit: match[2] ? '%' : '', value });
		const end = match[2] ? Math.ceil((total * value) / 100) : Math.floor(value);
		if (match[2] && value > 100)
			throw new InputError('Staged Rollout Waves', spec, `has ${part}, more than 100%`);
		const bounded = Math.min(Math.max(end, 1), total);
		// Growing as written but not in devices ("1, 10%" of 5 devices): rounding merges the two waves.
		if (ends.length && bounded <= ends[ends.length - 1]) continue;
		ends.push(bounded);
	}
	refuseNotGrowing('Staged Rollout Waves', spec, written);
	if (!ends.length || ends[ends.length - 1] < total) ends.push(total);
	// Asked for waves but the first already takes every device: that would be a full rollout, not a canary.
	if (parts.length > 1 && ends.length === 1)
		throw new InputError(
			'Staged Rollout Waves',
			spec,
			`makes its first wave of all ${total} devices, so nothing would be staged; make the first wave smaller (e.g. a count such as 1)`,
		);
	let start = 0;
	for (const end of ends) {
		if (end - start > LIMITS.maxTargets)
			throw new InputError(
				'Staged Rollout Waves',
				spec,
				`makes a wave of ${end - start} devices; a task holds at most ${LIMITS.maxTargets}, add waves`,
			);
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

export interface RolloutInput {
	spec: TaskTypeSpec;
	body: IDataObject;
	ids: string[];
	itemIndex: number;
	options: CreateOptions;
}

/** What the rollout has done so far; the output is built from it. */
interface RolloutState {
	waves: WaveReport[];
	succeeded: string[];
	failed: DeviceFailure[];
	notFinished: DeviceFailure[];
	/** Index of the first device not yet given to a wave. */
	start: number;
	stopReason?: string;
	cancelled: boolean;
	/** Every wave task created (or found) so far, also one whose wait then failed. */
	created: string[];
}

const percent = (rate: number) => Math.round(rate * 10000) / 100;

/** The task name of wave `index` (0-based): `<name>_w1`, `<name>_w2`, … */
export function waveTaskName(name: string, index: number): string {
	return `${name}_w${index + 1}`;
}

/**
 * How many of a wave's `devices` may fail while it still meets `thresholdPercent` (an integer 0–100):
 * devices − ⌈devices × threshold / 100⌉, in integers — `Math.floor(10 * (1 - 0.9))` is 0 in floating point
 * (0.9999…), which would stop a 10-device wave at 90 % on its first failure although 9/10 meets it.
 */
export function allowedFailures(devices: number, thresholdPercent: number): number {
	return devices - Math.ceil((devices * thresholdPercent) / 100);
}

/** Stops a wave whose failures passed the threshold (upgrades only) and returns the task as it is then. */
async function stopWave(
	this: IExecuteFunctions,
	taskId: string,
	wave: number,
	itemIndex: number,
	task: IDataObject,
) {
	const settings = itemSettings.call(this, itemIndex);
	await controlBatchTask.call(
		this,
		taskId,
		'stop',
		{},
		{
			action: `Stop rollout wave ${wave} (${taskId})`,
			...settings,
		},
	);
	const shown = await showTask.call(this, taskId, settings);
	return (shown.batchtask as IDataObject) ?? task;
}

/** A cancelled execution sends nothing more: every device of the wave is reported as not finished. */
function cancelledResults(targets: string[]) {
	return {
		succeeded: [],
		failed: [],
		not_finished: targets.map((device_id) => ({
			device_id,
			status: 'Unknown (execution cancelled)',
		})),
	};
}

/** The wave's devices, read from IoTDA; after a cancel nothing more is sent (cancelledResults). */
async function waveResults(
	this: IExecuteFunctions,
	outcome: string,
	task: IDataObject,
	itemIndex: number,
) {
	return outcome === 'cancelled'
		? cancelledResults(task.targets as string[])
		: await collectDeviceResults.call(this, task, itemSettings.call(this, itemIndex));
}

/** Creates one wave's task (or finds it on a re-run), waits for it and records its devices in `state`. */
async function runWave(
	this: IExecuteFunctions,
	input: RolloutInput,
	state: RolloutState,
	index: number,
	targets: string[],
) {
	const { spec, body, itemIndex, options } = input;
	const percentNeeded = options.rollout!.successThreshold;
	const taskName = waveTaskName(String(body.task_name), index);
	// With "Return Existing Task", a re-run finds the waves it already made and resumes after them.
	const { task: created } = await createOrReuseTask.call(
		this,
		{ ...body, task_name: taskName, targets },
		options,
		itemIndex,
	);
	const taskId = String(created.task_id);
	state.created.push(taskId);
	const maxFailures = allowedFailures(targets.length, percentNeeded);
	const waited = await waitForTask.call(this, taskId, {
		pollIntervalMs: options.wait!.pollIntervalMs,
		maxWaitMs: options.wait!.maxWaitMs,
		itemIndex,
		shouldAbort: (task) => {
			const fail = Number((task.task_progress as IDataObject | undefined)?.fail ?? 0);
			return fail > maxFailures
				? `wave ${index + 1}: ${fail} of ${targets.length} devices failed, more than the ${100 - percentNeeded}% the threshold allows`
				: undefined;
		},
	});
	const stopSent = waited.outcome === 'aborted' && spec.isUpgrade;
	const task = stopSent
		? await stopWave.call(this, taskId, index + 1, itemIndex, waited.task)
		: waited.task;
	const results = await waveResults.call(this, waited.outcome, { ...task, targets }, itemIndex);
	append(state.succeeded, results.succeeded);
	append(state.failed, results.failed);
	append(state.notFinished, results.not_finished);
	const rate = targets.length ? results.succeeded.length / targets.length : 1;
	state.waves.push({
		wave: index + 1,
		task_id: taskId,
		task_name: taskName,
		device_count: targets.length,
		status: String(task.status),
		success: results.succeeded.length,
		fail: results.failed.length,
		success_rate: percent(rate),
		stop_sent: stopSent,
		outcome: waited.outcome,
	});
	state.cancelled = waited.outcome === 'cancelled';
	if (waited.outcome !== 'finished') state.stopReason = waited.reason ?? waited.outcome;
	else if (results.succeeded.length * 100 < targets.length * percentNeeded)
		state.stopReason = `wave ${index + 1} succeeded on ${percent(rate)}% of its devices, below the ${percentNeeded}% threshold`;
}

function summarize(input: RolloutInput, state: RolloutState): IDataObject {
	const status = state.cancelled ? 'cancelled' : state.stopReason ? 'stopped' : 'completed';
	return {
		rollout: {
			status,
			...(state.stopReason ? { reason: state.stopReason } : {}),
			success_threshold: input.options.rollout!.successThreshold,
			waves: state.waves,
			devices: {
				succeeded: state.succeeded,
				failed: state.failed,
				not_finished: state.notFinished,
				never_started: input.ids.slice(state.start),
			},
		},
	};
}

/**
 * Runs the waves one after another and reports each (task id, status, success rate) and every device's
 * outcome. Cancelling the execution ends the current wait or pause at once; the report then lists the
 * waves created so far (status "cancelled").
 */
export async function runStagedRollout(
	this: IExecuteFunctions,
	input: RolloutInput,
): Promise<IDataObject> {
	const ends = planWaves(input.options.rollout!.waves, input.ids.length);
	const signal = cancelSignalOf(this);
	const state: RolloutState = {
		waves: [],
		succeeded: [],
		failed: [],
		notFinished: [],
		start: 0,
		cancelled: false,
		created: [],
	};
	try {
		for (const [index, end] of ends.entries()) {
			await runWave.call(this, input, state, index, input.ids.slice(state.start, end));
			state.start = end;
			if (state.stopReason || index === ends.length - 1) break;
			const pauseMs = input.options.rollout!.pauseMs;
			if (pauseMs > 0 && !(await pause(pauseMs, signal))) {
				state.cancelled = true;
				state.stopReason = `execution cancelled during the pause before wave ${index + 2}`;
				break;
			}
		}
	} catch (error) {
		throw rolloutError.call(this, error, input.itemIndex, state.created);
	}
	return summarize(input, state);
}

/**
 * A request of the rollout failed for good (a wave refused, a status request failing after its retries): the
 * report is lost with the error, so the error's description names the wave tasks already created — they keep
 * running in IoTDA. Returns the n8n error for `itemIndex`.
 */
function rolloutError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	created: string[],
) {
	const nodeError = asItemError(this.getNode(), error, itemIndex);
	if (created.length === 0) return nodeError;
	return withNote(
		nodeError,
		`Wave tasks this rollout had already created: ${created.join(', ')}. They keep running in IoTDA (Batch Task → Get or Stop).`,
	);
}
