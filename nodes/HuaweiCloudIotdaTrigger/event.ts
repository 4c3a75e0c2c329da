/**
 * The item the trigger emits for one status change, in both modes:
 *   {task_id, task_name, task_type, status, status_desc, app_id?, event_time (ISO 8601 UTC), source: 'push'|'poll',
 *    previous_status? (poll), request_id? (push),
 *    pushed_status? (push) / listed_status? (poll): what the push or the listing said, where the task read
 *    afterwards has another status (a late or out-of-order push, a change during the poll) — `status` and
 *    `status_desc` are then the task's current ones, so they agree with task_progress,
 *    with Include Task Details: task_progress {total, success, fail, …}, failed_devices [{device_id, status,
 *    error_code?, error_msg?}] (every page), failed_device_count}
 * The task is read with ShowBatchTask (api/batchTasks.ts, as the action node's Batch Task → Get reads it); the
 * failed devices with the same module's collectDeviceResults (every page of the sub-tasks in status Fail).
 */
import type { IDataObject } from 'n8n-workflow';

import { collectDeviceResults, showTaskWithSubTasks } from '../HuaweiCloudIotda/api/batchTasks';
import { iotdaTimeToIso } from '../HuaweiCloudIotda/helpers/iotdaTime';
import type { Context } from '../HuaweiCloudIotda/transport';

export interface TaskEvent extends IDataObject {
	task_id: string;
	task_name: string | null;
	task_type: string;
	status: string;
	status_desc: string;
	event_time: string;
	source: 'push' | 'poll';
}

/** IoTDA's yyyyMMdd'T'HHmmss'Z' as ISO 8601; other strings are kept; undefined → now. */
export function isoTime(value: unknown, now = Date.now()): string {
	if (typeof value === 'string') {
		const iso = iotdaTimeToIso(value);
		if (iso) return iso;
		if (value) return value;
	}
	return new Date(now).toISOString();
}

/** The event of a task as ListBatchTasks/ShowBatchTask return it (the Task model). */
export function eventFromTask(
	task: IDataObject,
	source: 'push' | 'poll',
	eventTime: string,
): TaskEvent {
	return {
		task_id: String(task.task_id),
		task_name: typeof task.task_name === 'string' ? task.task_name : null,
		task_type: String(task.task_type ?? ''),
		status: String(task.status ?? ''),
		status_desc: typeof task.status_desc === 'string' ? task.status_desc : '',
		event_time: eventTime,
		source,
	};
}

/**
 * The event with the task's current status (ShowBatchTask's `status`, `status_desc`) where it differs from
 * the reported one, which is kept as `pushed_status` (push) or `listed_status` (poll). IoTDA's pushes can
 * arrive late or out of order (it retries a push that got no 2xx, api-iothub iot_06_v5_01204), so a push
 * saying Fail may arrive after the task was retried and succeeded.
 */
export function withCurrentStatus(event: TaskEvent, task: IDataObject): TaskEvent {
	if (typeof task.status !== 'string' || !task.status || task.status === event.status) return event;
	const reported = event.source === 'push' ? 'pushed_status' : 'listed_status';
	return {
		...event,
		status: task.status,
		status_desc: typeof task.status_desc === 'string' ? task.status_desc : '',
		[reported]: event.status,
	};
}

/**
 * Adds the task's name (push notifications carry none) and current status (withCurrentStatus) and, when
 * asked, its progress counters and failed devices. A failed lookup does not drop the event: the item keeps what the notification said and names the
 * error in `details_error`.
 */
export async function completeEvent(
	context: Context,
	event: TaskEvent,
	includeDetails: boolean,
): Promise<TaskEvent> {
	try {
		// One sub-task is enough to read the task (name, progress, targets).
		const { firstPage } = await showTaskWithSubTasks.call(
			context,
			event.task_id,
			{},
			{ max: 1 },
			{ action: `Get batch task ${event.task_id}` },
		);
		const task = (firstPage.batchtask as IDataObject | undefined) ?? {};
		if (typeof task.task_name === 'string') event.task_name = task.task_name;
		const current = withCurrentStatus(event, task);
		if (!includeDetails) return current;
		const { failed } = await collectDeviceResults.call(
			context,
			{ ...task, task_id: event.task_id },
			{},
		);
		return {
			...current,
			task_progress: (task.task_progress as IDataObject | undefined) ?? {},
			failed_devices: failed,
			failed_device_count: failed.length,
		};
	} catch (error) {
		return { ...event, details_error: (error as Error).message };
	}
}
