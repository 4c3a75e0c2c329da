/** The "Options" collection every operation shows: timeout, TLS and retries (read by transport/requestOptions.ts). */
import type { INodeProperties } from 'n8n-workflow';

import { MAX_ATTEMPTS_LIMIT } from '../transport/retryPolicy';

/** Defaults equal DEFAULT_RETRY in transport/retryPolicy.ts (a test checks it). How hard a throttled (429/503) or, when safe, failed request is retried; read by transport/requestOptions.ts. */
export const retryOptions: INodeProperties[] = [
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_ATTEMPTS_LIMIT },
		default: 4,
		description:
			'Attempts per request (the first included) when IoTDA throttles (429/503) or, for requests safe to repeat, fails (5xx, broken connection). Creates and uploads are never sent twice.',
	},
	{
		displayName: 'Max Retry Time (Seconds)',
		name: 'maxRetrySeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 60,
		description: 'No retry starts later than this after the first attempt',
	},
];

/** The "Options" collection of one operation: its own options (`extra`) among the shared ones. */
export function requestOptionsCollection(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		// Sorted like every n8n collection, with the operation's own options among the shared ones.
		options: [...extra, ...sharedRequestOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

const sharedRequestOptions: INodeProperties[] = [
	{
		displayName: 'Ignore SSL Issues (Insecure)',
		name: 'allowUnauthorizedCerts',
		type: 'boolean',
		default: false,
		description: 'Whether to connect even if SSL certificate validation is not possible',
	},
	...retryOptions,
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: 60000,
		description: 'How long to wait for IoTDA to answer each request',
	},
];
