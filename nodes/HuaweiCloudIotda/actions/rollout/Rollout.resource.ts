import type { INodeProperties } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import type { OperationsOf } from '../node.type';

import * as advance from './advance.operation';
import * as getStatus from './getStatus.operation';
import * as halt from './halt.operation';
import * as rollBack from './rollBack.operation';

export const rolloutOperations: OperationsOf<'rollout'> = { advance, getStatus, halt, rollBack };

const OUTPUT =
	'One item: decision (created_wave, waiting, soaking_until, outside_window_until, awaiting_approval, halted, complete, topped_up, nothing_to_do), wave, counts, next_check_at, task IDs created and stopped, requests sent';

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Advance',
			value: 'advance',
			description: `Take at most one safe step of a staged upgrade that may run for days: start the next wave when the previous one met the threshold and soaked, or stop a bad wave. Run it on a schedule or when a wave task finishes; everything is read from IoTDA, nothing is kept in n8n. ${OUTPUT}.`,
			action: 'Advance a rollout by one step',
		},
		{
			name: 'Get Status',
			value: 'getStatus',
			description: `Read where a rollout stands and what Advance would do next, changing nothing. ${OUTPUT}.`,
			action: 'Get the status of a rollout',
		},
		{
			name: 'Halt',
			value: 'halt',
			description:
				'Stop the running wave and record the halt in IoTDA, so no later Advance starts another wave',
			action: 'Halt a rollout',
		},
		{
			name: 'Roll Back',
			value: 'rollBack',
			description:
				'Halt the rollout and upgrade its devices that took the new version back to a previous package',
			action: 'Roll back a rollout',
		},
	],
	default: 'advance',
};

export const rolloutDescription: INodeProperties[] = [
	...updateDisplayOptions(forOperation('rollout'), [operationSelector]),
	...advance.description,
	...getStatus.description,
	...halt.description,
	...rollBack.description,
];
