/** Reads a task's type and status before acting on it, so refusals can be explained before calling. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { locatorValue } from '../../helpers/locatorValue';
import { requestOptionsFor } from '../../helpers/requestOptions';
import { checkTaskId } from '../../helpers/validate';
import { taskTypeName } from '../../helpers/apiRules';
import { iotdaRequest } from '../../transport';

export interface TaskSummary {
	task_id: string;
	task_name: string;
	task_type: string;
	status: string;
}

/** `/batchtasks/{task_id}` plus a suffix such as `/stop`, the ID encoded as one path segment. */
export function taskPath(taskId: string, suffix = ''): string {
	return `/batchtasks/${encodeURIComponent(taskId)}${suffix}`;
}

/** ShowBatchTask with one sub-task: the cheapest way to read a task's type, status and progress. */
export async function showTask(
	this: IExecuteFunctions,
	taskId: string,
	itemIndex: number,
	action = `Get batch task ${taskId}`,
): Promise<IDataObject> {
	return await iotdaRequest.call(this, {
		method: 'GET',
		path: taskPath(taskId),
		qs: { limit: 1 },
		action,
		itemIndex,
		...requestOptionsFor.call(this, itemIndex),
	});
}

/** The task's ID, name, type and status, read before acting on it so a refusal can be explained first. */
export async function fetchTaskSummary(
	this: IExecuteFunctions,
	taskId: string,
	action: string,
	itemIndex: number,
): Promise<TaskSummary> {
	const response = await showTask.call(this, taskId, itemIndex, action);
	const task = (response.batchtask ?? {}) as IDataObject;
	return {
		task_id: String(task.task_id ?? taskId),
		task_name: String(task.task_name ?? ''),
		task_type: String(task.task_type ?? ''),
		status: String(task.status ?? ''),
	};
}

/** `batch task 5f1c… ("fw_rollout", Firmware Upgrade)` for messages. */
export function describeTask(task: TaskSummary): string {
	return `batch task ${task.task_id} ("${task.task_name}", ${taskTypeName(task.task_type)})`;
}

/** The Batch Task parameter of one item (descriptions/rlc.description.ts), checked against IoTDA's task ID format. */
export function readTaskId(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('taskId', itemIndex, '', { extractValue: true });
	return checkTaskId(locatorValue(raw), 'Batch Task');
}
