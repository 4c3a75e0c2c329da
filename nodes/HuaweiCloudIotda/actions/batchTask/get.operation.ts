/** Batch Task → Get: a task and its sub-tasks (every page of task_details), as one item or one per device. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { itemSettings } from '../../transport/requestOptions';
import { LIMITS, SUBTASK_STATUSES } from '../../helpers/apiRules';
import { checkBoolean, checkId, checkLimit, optionalText } from '../../helpers/validate';
import { requestOptionsCollection } from '../requestOptions.description';
import { returnAllOrLimit, DEFAULT_LIMIT } from '../returnAll.description';
import { statusOptions } from '../../descriptions/options.description';
import { taskRlc } from '../../descriptions/rlc.description';
import { simplifyField, simplifyOn, simplifyTask } from './simplify';
import { showTaskWithSubTasks } from '../../api/batchTasks';
import { readTaskId } from './taskLookup';
import { reportFromBatchTask } from '../../report/fromBatchTask';
import { reportField, withReport } from '../../report/reportItem';
import type { ItemsWithBinary } from '../node.type';

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
	{ ...reportField, displayOptions: { show: { output: ['task'] } } },
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

export async function execute(
	this: IExecuteFunctions,
	i: number,
): Promise<IDataObject[] | ItemsWithBinary> {
	const taskId = readTaskId.call(this, i);
	const returnAll = checkBoolean('Return All', this.getNodeParameter('returnAll', i, false), false);
	const limit = returnAll
		? undefined
		: checkLimit(this.getNodeParameter('limit', i, DEFAULT_LIMIT));
	const { records, firstPage } = await showTaskWithSubTasks.call(
		this,
		taskId,
		detailQuery(this.getNodeParameter('filters', i, {}) as IDataObject),
		{ max: limit },
		{ action: `Get batch task ${taskId}`, ...itemSettings.call(this, i) },
	);
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
	const json = {
		...shown,
		task_details: records,
		task_details_matching: matching ?? records.length,
	};
	if (!checkBoolean('Report', this.getNodeParameter('report', i, false), false)) return [json];
	const numbers = reportFromBatchTask(task, records, new Date());
	return await withReport.call(this, json, numbers, `batch-task-${String(task.task_id)}.png`);
}
