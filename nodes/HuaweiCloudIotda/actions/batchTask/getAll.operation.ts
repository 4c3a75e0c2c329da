/** Batch Task → Get Many: tasks of one type (IoTDA requires it), optionally by status and resource space. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { itemSettings } from '../../transport/requestOptions';
import { LIMITS, TASK_STATUSES } from '../../helpers/apiRules';
import { checkBoolean, checkId, checkLimit, optionalText } from '../../helpers/validate';
import { listBatchTasks, type TaskFilters } from '../../api/batchTasks';
import { appIdRlc } from '../../descriptions/rlc.description';
import { locatorValue } from '../../helpers/locatorValue';
import { requestOptionsCollection } from '../requestOptions.description';
import { returnAllOrLimit, DEFAULT_LIMIT } from '../returnAll.description';
import { statusOptions, taskTypeOptions } from '../../descriptions/options.description';
import { simplifyField, simplifyOn, simplifyTask } from './simplify';

const properties: INodeProperties[] = [
	{
		displayName: 'Task Type',
		name: 'taskType',
		type: 'options',
		required: true,
		default: 'firmwareUpgrade',
		options: taskTypeOptions(),
		description: 'IoTDA lists tasks of one type at a time',
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
			appIdRlc('Only tasks of this resource space'),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'Processing',
				options: statusOptions(TASK_STATUSES),
				description: 'Only tasks in this status (IoTDA spells Waitting with two t)',
			},
		],
	},
	requestOptionsCollection(),
];

export const description = updateDisplayOptions(forOperation('batchTask', 'getAll'), properties);

function listFilters(taskType: string, filters: IDataObject): TaskFilters {
	const appId = optionalText('App ID', locatorValue(filters.appId));
	return {
		taskType,
		appId: appId ? checkId('App ID', appId, LIMITS.appIdMaxLength) : undefined,
		status: typeof filters.status === 'string' && filters.status ? filters.status : undefined,
	};
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const taskType = this.getNodeParameter('taskType', i) as string;
	const returnAll = checkBoolean('Return All', this.getNodeParameter('returnAll', i, false), false);
	const { records: tasks } = await listBatchTasks.call(
		this,
		listFilters(taskType, this.getNodeParameter('filters', i, {}) as IDataObject),
		{ max: returnAll ? undefined : checkLimit(this.getNodeParameter('limit', i, DEFAULT_LIMIT)) },
		{ action: `List ${taskType} batch tasks`, ...itemSettings.call(this, i) },
	);
	const simplify = simplifyOn.call(this, i);
	return simplify ? tasks.map((task) => simplifyTask(task, undefined, simplify)) : tasks;
}
