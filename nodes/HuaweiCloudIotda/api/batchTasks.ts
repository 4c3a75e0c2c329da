/**
 * IoTDA's batch-task API, the one module both nodes call it through (huaweicloud-sdk-go-v3 services/iotda/v5,
 * ioTDA_meta.go):
 * - CreateBatchTask `POST /batchtasks` → Task;
 * - ListBatchTasks `GET /batchtasks?task_type&app_id&status&limit&marker&offset` → {batchtasks, page};
 * - ShowBatchTask `GET /batchtasks/{task_id}?target&task_detail_status&limit&marker&offset`
 *   → {batchtask, task_details, page};
 * - StopBatchTask / RetryBatchTask / confirm: `POST /batchtasks/{task_id}/{stop|retry|confirm}` (taskPath).
 * Every list goes through the transport's one pager; `settings` carries an item's Options (timeout, TLS,
 * retries) and its index.
 */
import type { IDataObject } from 'n8n-workflow';

import { append } from '../helpers/arrays';
import type { ControlOperation } from '../helpers/apiRules';
import {
	iotdaRequest,
	iotdaRequestPages,
	type Context,
	type IotdaRequest,
	type PagedRequest,
	type PagedResult,
	type RequestSettings,
} from '../transport';

/** The batch-task collection below `/v5/iot/{project_id}`. */
export const BATCH_TASKS_PATH = '/batchtasks';

/** `/batchtasks/{task_id}` plus a suffix such as `/stop`, the ID encoded as one path segment. */
export function taskPath(taskId: string, suffix = ''): string {
	return `${BATCH_TASKS_PATH}/${encodeURIComponent(taskId)}${suffix}`;
}

export interface TaskSummary {
	task_id: string;
	task_name: string;
	task_type: string;
	status: string;
}

/** ShowBatchTask with one sub-task: the cheapest way to read a task's type, status and progress. */
export async function showTask(
	this: Context,
	taskId: string,
	settings: RequestSettings,
	action = `Get batch task ${taskId}`,
): Promise<IDataObject> {
	return await iotdaRequest.call(this, {
		method: 'GET',
		path: taskPath(taskId),
		qs: { limit: 1 },
		action,
		...settings,
	});
}

/** The task's ID, name, type and status, read before acting on it so a refusal can be explained first. */
export async function fetchTaskSummary(
	this: Context,
	taskId: string,
	action: string,
	settings: RequestSettings,
): Promise<TaskSummary> {
	const response = await showTask.call(this, taskId, settings, action);
	const task = (response.batchtask ?? {}) as IDataObject;
	return {
		task_id: String(task.task_id ?? taskId),
		task_name: String(task.task_name ?? ''),
		task_type: String(task.task_type ?? ''),
		status: String(task.status ?? ''),
	};
}

/**
 * CreateBatchTask with `body` (CreateBatchTaskRequest). Not safe to repeat: `request.recover` finds what a
 * create with an unknown outcome did (transport/index.ts iotdaRequest).
 */
export async function createBatchTask(
	this: Context,
	body: IDataObject,
	request: Pick<IotdaRequest, 'action' | 'recover'> & RequestSettings,
): Promise<IDataObject> {
	return await iotdaRequest.call(this, {
		method: 'POST',
		path: BATCH_TASKS_PATH,
		body,
		...request,
	});
}

/** DeleteBatchTask `DELETE /batchtasks/{task_id}` (IoTDA deletes finished tasks only). */
export async function deleteBatchTask(
	this: Context,
	taskId: string,
	request: Pick<IotdaRequest, 'action'> & RequestSettings,
): Promise<IDataObject> {
	return await iotdaRequest.call(this, { method: 'DELETE', path: taskPath(taskId), ...request });
}

/**
 * Stop, retry or confirm `POST /batchtasks/{task_id}/{operation}` with `body` (e.g. `{devices}`), answered with
 * the per-device `targets`. A POST: retried after a server error only when the caller says it is `idempotent`.
 */
export async function controlBatchTask(
	this: Context,
	taskId: string,
	operation: ControlOperation,
	body: IDataObject,
	request: Pick<IotdaRequest, 'action' | 'idempotent' | 'afterLostAnswer'> & RequestSettings,
): Promise<IDataObject> {
	return await iotdaRequest.call(this, {
		method: 'POST',
		path: taskPath(taskId, `/${operation}`),
		body,
		...request,
	});
}

/** ListBatchTasks' filters: IoTDA lists one task type at a time (task_type is required). */
export interface TaskFilters {
	taskType: string;
	appId?: string;
	status?: string;
}

/** How much of a list to read: at most `max` records, from `marker` on, until `until` says enough. */
export type Paging = Pick<PagedRequest, 'max' | 'marker' | 'until'>;

/**
 * ListBatchTasks (newest first) through the one pager. Returns the records read, the first page and, when
 * `max` or `until` stopped early, the marker to continue from. Throws the transport's NodeApiError naming
 * `request.action`.
 */
export async function listBatchTasks(
	this: Context,
	filters: TaskFilters,
	paging: Paging,
	request: Pick<IotdaRequest, 'action'> & RequestSettings,
): Promise<PagedResult> {
	return await iotdaRequestPages.call(this, {
		method: 'GET',
		path: BATCH_TASKS_PATH,
		qs: {
			task_type: filters.taskType,
			...(filters.appId ? { app_id: filters.appId } : {}),
			...(filters.status ? { status: filters.status } : {}),
		},
		listKey: 'batchtasks',
		...paging,
		...request,
	});
}

/**
 * ShowBatchTask with its sub-tasks (`task_details`) through the one pager; `qs` filters them (`target`,
 * `task_detail_status`). `firstPage.batchtask` is the task itself.
 */
export async function showTaskWithSubTasks(
	this: Context,
	taskId: string,
	qs: IDataObject,
	paging: Paging,
	request: Pick<IotdaRequest, 'action'> & RequestSettings,
): Promise<PagedResult> {
	return await iotdaRequestPages.call(this, {
		method: 'GET',
		path: taskPath(taskId),
		qs,
		listKey: 'task_details',
		recordName: 'sub-tasks',
		...paging,
		...request,
	});
}

/** A type, not an interface, so that a list of them is also a list of n8n's IDataObject (an item's JSON). */
export type DeviceFailure = {
	device_id: string;
	status: string;
	error_code?: string;
	error_msg?: string;
};

export interface DeviceResults {
	succeeded: string[];
	failed: DeviceFailure[];
	/** Sub-tasks still waiting or running, or stopped/removed before they ran. */
	not_finished: DeviceFailure[];
}

/** Sub-task statuses other than Success (SubTask model; IoTDA spells Waitting with two t). */
const NOT_SUCCEEDED = ['Fail', 'FailWaitRetry', 'Stopped', 'Removed', 'Waitting', 'Processing'];

async function subTasksWithStatus(
	this: Context,
	taskId: string,
	status: string,
	settings: RequestSettings,
): Promise<IDataObject[]> {
	const { records } = await showTaskWithSubTasks.call(
		this,
		taskId,
		{ task_detail_status: status },
		{},
		{ action: `Get results of batch task ${taskId}`, ...settings },
	);
	return records;
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

/**
 * Splits a finished (or stopped) task's devices into succeeded, failed and not finished. Only the sub-tasks
 * that did not succeed are read when the task's device list (`targets`) is known: a task of 30,000 devices
 * that all succeeded costs no extra request. `task` is ShowBatchTask's `batchtask` (its `task_progress`
 * counters say which statuses have sub-tasks); one request per LIMITS.pageSizeMax sub-tasks read.
 */
export async function collectDeviceResults(
	this: Context,
	task: IDataObject,
	settings: RequestSettings,
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
		const details = await subTasksWithStatus.call(this, taskId, status, settings);
		append(status === 'Fail' ? results.failed : results.not_finished, details.map(toFailure));
	}
	const targets = Array.isArray(task.targets) ? (task.targets as string[]) : undefined;
	if (targets) {
		const other = new Set(results.failed.concat(results.not_finished).map((f) => f.device_id));
		results.succeeded = targets.filter((id) => !other.has(id));
	} else if (Number(progress.success ?? 0) > 0) {
		const details = await subTasksWithStatus.call(this, taskId, 'Success', settings);
		results.succeeded = details.map((d) => String(d.target));
	}
	return results;
}
