import type { INodeProperties } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import type { OperationsOf } from '../node.type';

import * as confirm from './confirm.operation';
import * as create from './create/create.operation';
import * as deleteTask from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as retry from './retry.operation';
import * as stop from './stop.operation';

export const batchTaskOperations: OperationsOf<'batchTask'> = {
	confirm,
	create,
	delete: deleteTask,
	get,
	getAll,
	retry,
	stop,
};

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Confirm',
			value: 'confirm',
			description:
				'Let waiting devices of an upgrade task created with Need Confirm start upgrading',
			action: 'Confirm a waiting upgrade batch task by task ID',
		},
		{
			name: 'Create',
			value: 'create',
			description:
				'Create a batch task for many devices (upgrade, commands, messages, shadows, device management)',
			action: 'Create a batch task for a list of devices',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a finished batch task',
			action: 'Delete a finished batch task by task ID',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a batch task and the status of each device',
			action: 'Get a batch task and each device status by task ID',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List batch tasks of one type',
			action: 'Get many batch tasks of one task type',
		},
		{
			name: 'Retry',
			value: 'retry',
			description: 'Retry the failed or stopped devices of an upgrade task',
			action: 'Retry the failed devices of an upgrade task by task ID',
		},
		{
			name: 'Stop',
			value: 'stop',
			description: 'Stop the waiting and running devices of an upgrade task',
			action: 'Stop an upgrade batch task by task ID',
		},
	],
	default: 'create',
};

export const batchTaskDescription: INodeProperties[] = [
	...updateDisplayOptions(forOperation('batchTask'), [operationSelector]),
	...create.description,
	...get.description,
	...getAll.description,
	...stop.description,
	...retry.description,
	...confirm.description,
	...deleteTask.description,
];
