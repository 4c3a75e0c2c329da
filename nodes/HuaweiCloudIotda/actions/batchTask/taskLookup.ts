/** The Batch Task parameter of an item and how a task is named in messages. */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { TaskSummary } from '../../api/batchTasks';
import { locatorValue } from '../../helpers/locatorValue';
import { checkTaskId } from '../../helpers/validate';
import { taskTypeName } from '../../helpers/apiRules';

/** `batch task 5f1c… ("fw_rollout", Firmware Upgrade)` for messages. */
export function describeTask(task: TaskSummary): string {
	return `batch task ${task.task_id} ("${task.task_name}", ${taskTypeName(task.task_type)})`;
}

/** The Batch Task parameter of one item (descriptions/rlc.description.ts), checked against IoTDA's task ID format. */
export function readTaskId(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('taskId', itemIndex, '', { extractValue: true });
	return checkTaskId(locatorValue(raw), 'Batch Task');
}
