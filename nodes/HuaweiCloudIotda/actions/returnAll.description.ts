import type { INodeProperties } from 'n8n-workflow';

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
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/**
 * An IoTDA status as people write it: 'PartialSuccess' → 'Partial Success', IoTDA's 'Waitting' → 'Waiting',
 * 'FailWaitRetry' → 'Fail Wait Retry' (the value sent and received stays IoTDA's).
 */
export function statusLabel(status: string): string {
	return status.replace('Waitting', 'Waiting').replace(/([a-z])([A-Z])/g, '$1 $2');
}

/**
 * Options for a list of IoTDA status values, named as people write them, with IoTDA's value in the description
 * (the value the filter matches and the output carries); sorted by name as n8n's lint wants.
 */
export function statusOptions(statuses: readonly string[]) {
	return statuses
		.map((s) => ({ name: statusLabel(s), value: s, description: `IoTDA status ${s}` }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
