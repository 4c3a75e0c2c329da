import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export const batchTaskOperations = { create };

export const batchTaskDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['batchTask'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a batch task for many devices (upgrade, commands, messages, shadows, device management)',
				action: 'Create a batch task',
			},
		],
		default: 'create',
	},
	...create.description,
];
