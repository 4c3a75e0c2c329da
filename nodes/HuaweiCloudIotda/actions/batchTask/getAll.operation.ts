/** Batch Task → Get Many: tasks of one type (IoTDA requires it), optionally by status and resource space. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { requestOptionsFor } from '../../helpers/requestOptions';
import { LIMITS, TASK_STATUSES, TASK_TYPES } from '../../helpers/apiRules';
import { checkId, checkLimit, optionalText } from '../../helpers/validate';
import { iotdaRequestAllPages } from '../../transport';
import { appIdRlc } from '../../descriptions/rlc.description';
import { locatorValue } from '../../helpers/locatorValue';
import { requestOptionsCollection } from '../requestOptions.description';
import { returnAllOrLimit, statusOptions } from '../returnAll.description';
import { sortedByName } from '../../helpers/sortOptions';
import { simplifyField, simplifyOn, simplifyTask } from './simplify';

const properties: INodeProperties[] = [
	{
		displayName: 'Task Type',
		name: 'taskType',
		type: 'options',
		required: true,
		default: 'firmwareUpgrade',
		options: sortedByName(
			TASK_TYPES.map((t) => ({ name: t.name, value: t.value, description: t.description })),
		),
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

function listQuery(taskType: string, filters: IDataObject): IDataObject {
	const qs: IDataObject = { task_type: taskType };
	const appId = optionalText('App ID', locatorValue(filters.appId));
	if (appId) qs.app_id = checkId('App ID', appId, LIMITS.appIdMaxLength);
	if (typeof filters.status === 'string' && filters.status) qs.status = filters.status;
	return qs;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const taskType = this.getNodeParameter('taskType', i) as string;
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const tasks = await iotdaRequestAllPages.call(this, {
		method: 'GET',
		path: '/batchtasks',
		qs: listQuery(taskType, this.getNodeParameter('filters', i, {}) as IDataObject),
		listKey: 'batchtasks',
		max: returnAll ? undefined : checkLimit(this.getNodeParameter('limit', i, 50)),
		action: `List ${taskType} batch tasks`,
		itemIndex: i,
		...requestOptionsFor.call(this, i),
	});
	const simplify = simplifyOn.call(this, i);
	return simplify ? tasks.map((task) => simplifyTask(task, undefined, simplify)) : tasks;
}
