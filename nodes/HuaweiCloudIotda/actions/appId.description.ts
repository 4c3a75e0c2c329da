/** The resource space (App ID) picker: from the account's resource spaces, or by ID. */
import type { INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../helpers/apiRules';

export function appIdLocator(description: string): INodeProperties {
	return {
		displayName: 'App ID (Resource Space)',
		name: 'appId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchResourceSpaces', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 0a1b2c3d4e5f60718293a4b5c6d7e8f9',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^[A-Za-z0-9_-]{1,${LIMITS.appIdMaxLength}}$`,
							errorMessage: `Not an App ID: up to ${LIMITS.appIdMaxLength} letters, digits, hyphens and underscores`,
						},
					},
				],
			},
		],
	};
}
