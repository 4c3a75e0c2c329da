/**
 * Every resource locator of the node, in one place (like Outlook v2's descriptions/rlc.description.ts):
 * a "From List" mode backed by a listSearch method and a "By ID" mode checked with the rules table's
 * patterns (helpers/apiRules.ts), so the form and the validator accept the same IDs.
 */
import type { INodeProperties } from 'n8n-workflow';

import { boundedIdSource, LIMITS, PATTERN_TEXT, PATTERNS } from '../helpers/apiRules';

function locator(
	field: Pick<INodeProperties, 'displayName' | 'name' | 'description'> & { required?: boolean },
	searchListMethod: string,
	byId: { placeholder: string; regex: string; errorMessage: string },
): INodeProperties {
	return {
		...field,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: byId.placeholder,
				validation: [
					{ type: 'regex', properties: { regex: byId.regex, errorMessage: byId.errorMessage } },
				],
			},
		],
	};
}

/** The resource space (App ID): optional, so `description` says what an empty value means where it is used. */
export function appIdRlc(description: string): INodeProperties {
	return locator(
		{ displayName: 'App ID (Resource Space)', name: 'appId', description },
		'searchResourceSpaces',
		{
			placeholder: 'e.g. 0a1b2c3d4e5f60718293a4b5c6d7e8f9',
			regex: boundedIdSource(LIMITS.appIdMaxLength),
			errorMessage: `Not an App ID: up to ${LIMITS.appIdMaxLength} characters, ${PATTERN_TEXT.id}`,
		},
	);
}

/** The batch task of Get, Stop, Retry, Confirm and Delete. */
export const taskRlc: INodeProperties = locator(
	{
		displayName: 'Batch Task',
		name: 'taskId',
		required: true,
		description: 'The batch task, chosen from the account’s tasks or given by its ID',
	},
	'searchBatchTasks',
	{
		placeholder: 'e.g. 5f1c9a2b3c4d5e6f7a8b9c0d',
		regex: PATTERNS.taskId.source,
		errorMessage: `Not a batch task ID: ${PATTERN_TEXT.taskId}`,
	},
);

/** An uploaded task file (Batch Task File → Delete). */
export const taskFileRlc: INodeProperties = locator(
	{
		displayName: 'Batch Task File',
		name: 'fileId',
		required: true,
		description: 'The uploaded file, chosen from the list or given by its file ID',
	},
	'searchBatchTaskFiles',
	{
		placeholder: 'e.g. 0c3c77dd-42a2-4309-9e10-da2e8bf64ac3',
		regex: boundedIdSource(LIMITS.fileIdMaxLength),
		errorMessage: `Not a file ID: up to ${LIMITS.fileIdMaxLength} characters, ${PATTERN_TEXT.id}`,
	},
);
