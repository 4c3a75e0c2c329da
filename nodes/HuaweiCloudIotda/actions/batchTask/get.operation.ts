/** Batch Task → Get: a task and its sub-tasks (every page of task_details), as one item or one per device. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { requestOptionsFor } from '../../helpers/requestOptions';
import { LIMITS, SUBTASK_STATUSES } from '../../helpers/apiRules';
import { checkId, checkLimit, optionalText } from '../../helpers/validate';
import { iotdaRequestPages } from '../../transport';
import { requestOptionsCollection } from '../requestOptions.description';
import { returnAllOrLimit, statusOptions } from '../returnAll.description';
import { taskRlc } from '../../descriptions/rlc.description';
import { simplifyField, simplifyOn, simplifyTask } from './simplify';
import { readTaskId, taskPath } from './taskLookup';

const properties: INodeProperties[] = [
	taskRlc,
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'task',
		options: [
			{
				name: 'One Item per Device',
				value: 'devices',
				description: 'One item per sub-task (device), with the task’s ID, name and type',
			},
			{
				name: 'Task With Sub-Tasks',
				value: 'task',
				description: 'One item: the task, with its sub-tasks in task_details',
			},
		],
	},
	...returnAllOrLimit,
	simplifyField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Device ID',
				name: 'deviceId',
				type: 'string',
				default: '',
				description: 'Only the sub-task of this device',
			},
			{
				displayName: 'Sub-Task Status',
				name: 'subTaskStatus',
				type: 'options',
				default: 'Fail',
				options: statusOptions(SUBTASK_STATUSES),
				description: 'Only sub-tasks in this status (IoTDA spells Waitting with two t)',
			},
		],
	},
	requestOptionsCollection(),
];

export const description = updateDisplayOptions(forOperation('batchTask', 'get'), properties);

function detailQuery(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	const deviceId = optionalText('Device ID', filters.deviceId);
	if (deviceId) qs.target = checkId('Device ID', deviceId, LIMITS.deviceIdMaxLength);
	if (typeof filters.subTaskStatus === 'string' && filters.subTaskStatus)
		qs.task_detail_status = filters.subTaskStatus;
	return qs;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const taskId = readTaskId.call(this, i);
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? undefined : checkLimit(this.getNodeParameter('limit', i, 50));
	const { records, firstPage } = await iotdaRequestPages.call(this, {
		method: 'GET',
		path: taskPath(taskId),
		qs: detailQuery(this.getNodeParameter('filters', i, {}) as IDataObject),
		listKey: 'task_details',
		recordName: 'sub-tasks',
		max: limit,
		action: `Get batch task ${taskId}`,
		itemIndex: i,
		...requestOptionsFor.call(this, i),
	});
	const task = (firstPage.batchtask ?? { task_id: taskId }) as IDataObject;
	if (this.getNodeParameter('output', i, 'task') === 'devices') {
		return records.map((detail) => ({
			task_id: task.task_id,
			task_name: task.task_name,
			task_type: task.task_type,
			...detail,
		}));
	}
	const matching = (firstPage.page as IDataObject | undefined)?.count;
	// Simplify drops the echoed request (targets, document, …); the sub-tasks asked for stay.
	const simplify = simplifyOn.call(this, i);
	const shown = simplify ? simplifyTask(task, undefined, simplify) : task;
	return [{ ...shown, task_details: records, task_details_matching: matching ?? records.length }];
}
