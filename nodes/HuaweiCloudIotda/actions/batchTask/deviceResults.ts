/**
 * Per-device outcome of a finished (or stopped) task, split into succeeded, failed and not finished.
 * Only the sub-tasks that did not succeed are fetched when the task's device list is known: a task of
 * 30,000 devices that all succeeded costs no extra request.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { append } from '../../helpers/arrays';
import { iotdaRequestAllPages } from '../../transport';
import { taskPath } from './taskLookup';
import { requestOptionsFor } from '../../helpers/requestOptions';

export interface DeviceFailure {
	device_id: string;
	status: string;
	error_code?: string;
	error_msg?: string;
}

export interface DeviceResults {
	succeeded: string[];
	failed: DeviceFailure[];
	/** Sub-tasks still waiting or running, or stopped/removed before they ran. */
	not_finished: DeviceFailure[];
}

const NOT_SUCCEEDED = ['Fail', 'FailWaitRetry', 'Stopped', 'Removed', 'Waitting', 'Processing'];

async function detailsWithStatus(
	this: IExecuteFunctions,
	taskId: string,
	status: string,
	itemIndex: number,
) {
	return await iotdaRequestAllPages.call(this, {
		method: 'GET',
		path: taskPath(taskId),
		qs: { task_detail_status: status },
		listKey: 'task_details',
		recordName: 'sub-tasks',
		action: `Get results of batch task ${taskId}`,
		itemIndex,
		...requestOptionsFor.call(this, itemIndex),
	});
}

function toFailure(detail: IDataObject): DeviceFailure {
	const error = (detail.error as IDataObject | undefined) ?? {};
	return {
		device_id: String(detail.target),
		status: String(detail.status),
		...(error.error_code ? { error_code: String(error.error_code) } : {}),
		...(error.error_msg ? { error_msg: String(error.error_msg) } : {}),
	};
}

/** Splits a task's devices into succeeded, failed and not finished (reads only what it must). */
export async function collectDeviceResults(
	this: IExecuteFunctions,
	task: IDataObject,
	itemIndex: number,
): Promise<DeviceResults> {
	const taskId = String(task.task_id);
	const progress = (task.task_progress as IDataObject | undefined) ?? {};
	const counters: Record<string, number> = {
		Fail: Number(progress.fail ?? 0),
		FailWaitRetry: Number(progress.fail_wait_retry ?? 0),
		Stopped: Number(progress.stopped ?? 0),
		Removed: Number(progress.removed ?? 0),
		Waitting: Number(progress.waitting ?? 0),
		Processing: Number(progress.processing ?? 0),
	};
	const results: DeviceResults = { succeeded: [], failed: [], not_finished: [] };
	for (const status of NOT_SUCCEEDED) {
		if (!counters[status]) continue;
		const details = await detailsWithStatus.call(this, taskId, status, itemIndex);
		const bucket = status === 'Fail' ? results.failed : results.not_finished;
		append(bucket, details.map(toFailure));
	}
	const targets = Array.isArray(task.targets) ? (task.targets as string[]) : undefined;
	if (targets) {
		const other = new Set(results.failed.concat(results.not_finished).map((f) => f.device_id));
		results.succeeded = targets.filter((id) => !other.has(id));
	} else if (Number(progress.success ?? 0) > 0) {
		const details = await detailsWithStatus.call(this, taskId, 'Success', itemIndex);
		results.succeeded = details.map((d) => String(d.target));
	}
	return results;
}
