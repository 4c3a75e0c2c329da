/**
 * Simplify (n8n's UX guidelines): Create, Get and Get Many output the task fields people use instead of the raw
 * IoTDA Task. The raw Task echoes the request — `targets` alone is up to 30,000 device IDs per task
 * (CreateBatchTask `targets`, max 30,000) — which the n8n UI would then render and store with every execution.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseIotdaTime } from '../../helpers/iotdaTime';
import { checkBoolean } from '../../helpers/validate';

/**
 * The Simplify toggle (n8n's fixed display name, default and description for it); Create, Get and Get Many add
 * their resource/operation condition with updateDisplayOptions like their other fields.
 */
export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/**
 * How an item is simplified: false (Simplify off: the raw Task), 'v1' (node version 1: IoTDA's time format and
 * spellings, as workflows saved with it read them) or 'plain' (version 2 on: ISO times, "Waiting").
 */
export type SimplifyMode = false | 'v1' | 'plain';

/** The Simplify mode of one item (on when the parameter is absent, as in workflows saved before it existed). */
export function simplifyOn(this: IExecuteFunctions, itemIndex: number): SimplifyMode {
	if (!checkBoolean('Simplify', this.getNodeParameter('simplify', itemIndex, true), true))
		return false;
	return this.getNode().typeVersion >= 2 ? 'plain' : 'v1';
}

/** IoTDA's `yyyyMMdd'T'HHmmss'Z'` as ISO 8601 (`2026-12-30T15:25:57.000Z`); other values as given. */
function isoTime(value: unknown): IDataObject[string] {
	const time = parseIotdaTime(value);
	return time === undefined ? (value as IDataObject[string]) : new Date(time).toISOString();
}

/** IoTDA's misspelt 'Waitting' (status and the task_progress counter) as 'Waiting'; every other value as given. */
function plainSpelling(simplified: IDataObject): IDataObject {
	const progress = simplified.task_progress as IDataObject | undefined;
	const { waitting, ...counters } = progress ?? {};
	return {
		...simplified,
		status: simplified.status === 'Waitting' ? 'Waiting' : simplified.status,
		...(progress
			? { task_progress: waitting === undefined ? counters : { ...counters, waiting: waitting } }
			: {}),
		...(simplified.create_time !== undefined
			? { create_time: isoTime(simplified.create_time) }
			: {}),
		...(simplified.schedule_time !== undefined
			? { schedule_time: isoTime(simplified.schedule_time) }
			: {}),
	};
}

/**
 * The simplified form of an IoTDA Task (model `Task`: task_id, task_name, task_type, status, status_desc,
 * task_progress, create_time, task_policy.schedule_time — IoTDA API reference, ShowBatchTask / ListBatchTasks
 * response; SDK model_task.go). Output, keys always in this order:
 *
 * `{ task_id, task_name, task_type, status, status_desc?, task_progress?, device_count? | targets_from, create_time?,
 *    schedule_time? }`
 *
 * - `device_count`: from `known` when the caller knows the devices (Create: its `{ device_count }` of the IDs it
 *   sent, or `{ targets_from }` for groups or a file, which IoTDA resolves later — put in device_count's place),
 *   else `task_progress.total` (sub-tasks, one per device), else the length of `targets`; absent when none is known.
 * - `task_progress`: IoTDA's counters as given (total, processing, success, fail, waitting, fail_wait_retry,
 *   stopped, removed; integers).
 * - times: in `mode` 'v1' IoTDA's format, `yyyyMMdd'T'HHmmss'Z'` (UTC); in 'plain' ISO 8601, and IoTDA's
 *   'Waitting' (status, task_progress.waitting) reads 'Waiting' / `waiting`.
 * Fields IoTDA did not return are left out, never invented. Never throws.
 */
export function simplifyTask(
	task: IDataObject,
	known?: IDataObject,
	mode: Exclude<SimplifyMode, false> = 'v1',
): IDataObject {
	const progress = task.task_progress as IDataObject | undefined;
	const policy = task.task_policy as IDataObject | undefined;
	const targets = Array.isArray(task.targets) ? task.targets.length : undefined;
	const devices = known ?? {
		device_count: typeof progress?.total === 'number' ? progress.total : targets,
	};
	const simplified: IDataObject = {
		task_id: task.task_id,
		task_name: task.task_name,
		task_type: task.task_type,
		status: task.status,
		status_desc: task.status_desc,
		task_progress: progress,
		...devices,
		create_time: task.create_time,
		schedule_time: policy?.schedule_time,
	};
	for (const key of Object.keys(simplified))
		if (simplified[key] === undefined) delete simplified[key];
	return mode === 'plain' ? plainSpelling(simplified) : simplified;
}
