/** Create's Dry Run: the exact requests it would send (every wave of a staged rollout) and what would follow. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requestOptionsFor } from '../../../transport/requestOptions';
import { apiUrl } from '../../../transport';
import { BATCH_TASKS_PATH } from '../../../api/batchTasks';
import type { CreateOptions } from './readCreateOptions';
import { planWaves, waveTaskName } from './stagedRollout';
import { deviceCount, type TaskPlan } from './taskPlan';

const CREATE_PATH = apiUrl(BATCH_TASKS_PATH);

/** What the node would do after creating, as Dry Run reports it (every option that changes the run is here). */
function dryRunThen(
	this: IExecuteFunctions,
	options: CreateOptions,
	itemIndex: number,
): IDataObject {
	const { wait, rollout } = options;
	const { timeout, skipSslCertificateValidation, retry } = requestOptionsFor.call(this, itemIndex);
	return {
		request: {
			timeout_ms: timeout ?? 'default',
			ignore_ssl_issues: skipSslCertificateValidation === true,
			max_attempts: retry.maxAttempts,
			max_retry_seconds: retry.maxTotalMs / 1000,
		},
		if_task_exists: options.ifTaskExists,
		...(options.idempotencyKey ? { idempotency_key: options.idempotencyKey } : {}),
		...(options.maxTasks !== undefined
			? { max_tasks_per_run: options.maxTasks, too_many_tasks: options.tooManyTasks }
			: {}),
		...(wait
			? {
					wait: {
						poll_interval_seconds: wait.pollIntervalMs / 1000,
						max_wait_minutes: wait.maxWaitMs / 60000,
						device_output: wait.deviceOutput,
					},
				}
			: {}),
		...(rollout
			? {
					rollout: {
						waves: rollout.waves,
						success_threshold: rollout.successThreshold,
						pause_minutes: rollout.pauseMs / 60000,
					},
				}
			: {}),
	};
}

/** 'a', 'a and b', 'a, b and c'. */
function listed(parts: string[]): string {
	return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The records' devices: '12, 48 and 60 devices', '1 device', or where IoTDA finds them (targets/: 'device groups'). */
function devicesOf(records: IDataObject[]): string {
	const counts = records.map((r) => r.device_count);
	if (!counts.every((c) => typeof c === 'number'))
		return `the devices of the ${String(records[0].targets_from)} (IoTDA resolves them)`;
	const unit = counts.length === 1 && counts[0] === 1 ? 'device' : 'devices';
	return `${listed(counts.map((c) => (c as number).toLocaleString('en-US')))} ${unit}`;
}

/**
 * Node version 2 puts a one-line summary first in every Dry Run record (the whole run: "Would create 3 tasks:
 * 12, 48 and 60 devices", "Would create 3 waves, one task each: 1, 9 and 90 devices"); version 1's records stay
 * as they were.
 */
function withSummary(
	this: IExecuteFunctions,
	records: IDataObject[],
	waves: boolean,
): IDataObject[] {
	if (this.getNode().typeVersion < 2) return records;
	const n = records.length;
	const what = waves ? `${n} waves, one task each` : n === 1 ? '1 task' : `${n} tasks`;
	const summary = `Would create ${what}: ${devicesOf(records)}`;
	return records.map((record) => ({ summary, ...record }));
}

/** One Dry Run record per planned task, in plan order. */
export function dryRunTasks(
	this: IExecuteFunctions,
	plans: TaskPlan[],
	options: CreateOptions,
	itemIndex: number,
): IDataObject[] {
	const then = dryRunThen.call(this, options, itemIndex);
	const records = plans.map((plan) => ({
		dry_run: true,
		method: 'POST',
		path: CREATE_PATH,
		...deviceCount(plan),
		body: plan.body,
		then,
	}));
	return withSummary.call(this, records, false);
}

/** Every wave's request as Dry Run shows it: the real body of each wave's task, with its device count. */
export function dryRunWaves(
	this: IExecuteFunctions,
	{ ids, options, itemIndex }: { ids: string[]; options: CreateOptions; itemIndex: number },
	body: IDataObject,
	origin: IDataObject,
): IDataObject[] {
	const then = dryRunThen.call(this, options, itemIndex);
	let start = 0;
	const records = planWaves(options.rollout!.waves, ids.length).map((end, index) => {
		const targets = ids.slice(start, end);
		start = end;
		const waveBody = { ...body, task_name: waveTaskName(String(body.task_name), index), targets };
		return {
			dry_run: true,
			wave: index + 1,
			method: 'POST',
			path: CREATE_PATH,
			device_count: targets.length,
			...origin,
			body: waveBody,
			then,
		};
	});
	return withSummary.call(this, records, true);
}
