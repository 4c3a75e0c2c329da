/** Batch Task → Delete: deletes a finished task; refuses, naming the task and its status, otherwise. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { itemSettings } from '../../transport/requestOptions';
import { DELETABLE_TASK_STATUSES } from '../../helpers/apiRules';
import { requestOptionsCollection } from '../requestOptions.description';
import { taskRlc } from '../../descriptions/rlc.description';
import { deleteBatchTask, fetchTaskSummary } from '../../api/batchTasks';
import { describeTask, readTaskId } from './taskLookup';

const properties: INodeProperties[] = [taskRlc, requestOptionsCollection()];

export const description = updateDisplayOptions(forOperation('batchTask', 'delete'), properties);

const finished = `${DELETABLE_TASK_STATUSES.slice(0, -1).join(', ')} or ${DELETABLE_TASK_STATUSES[DELETABLE_TASK_STATUSES.length - 1]}`;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const taskId = readTaskId.call(this, i);
	const action = `Delete batch task ${taskId}`;
	const task = await fetchTaskSummary.call(this, taskId, action, itemSettings.call(this, i));
	if (!DELETABLE_TASK_STATUSES.includes(task.status)) {
		throw new NodeOperationError(
			this.getNode(),
			`Cannot delete ${describeTask(task)}: the task is ${task.status}; only finished tasks (${finished}) can be deleted`,
			{
				itemIndex: i,
				description:
					'Wait until the task has finished, or stop it first (upgrade tasks only). Nothing was deleted.',
			},
		);
	}
	await deleteBatchTask.call(this, taskId, { action, ...itemSettings.call(this, i) });
	return [
		{ task_id: task.task_id, task_name: task.task_name, task_type: task.task_type, deleted: true },
	];
}
