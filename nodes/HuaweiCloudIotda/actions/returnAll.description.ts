import type { INodeProperties } from 'n8n-workflow';

/** Limit's default (n8n's usual 50): the form shows it and the operations read it when the parameter is absent. */
export const DEFAULT_LIMIT = 50;

/** n8n's Return All / Limit pair for a list operation (the operation adds its own display condition). */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		// n8n's lint (node-param-default-wrong-for-limit) wants the literal; a test holds it equal to DEFAULT_LIMIT.
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];
