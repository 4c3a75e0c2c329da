/** The Batch Task picker shared by Get, Stop, Retry, Confirm and Delete: from a list, or by ID. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { PATTERN_TEXT, PATTERNS } from '../../helpers/apiRules';
import { checkTaskId } from '../../helpers/validate';
import { locatorValue } from '../../helpers/locatorValue';

export function taskIdLocator(operation: string): INodeProperties {
	return {
		displayName: 'Batch Task',
		name: 'taskId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The batch task, chosen from the account’s tasks or given by its ID',
		displayOptions: { show: { resource: ['batchTask'], operation: [operation] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchBatchTasks', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5f1c9a2b3c4d5e6f7a8b9c0d',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: PATTERNS.taskId.source,
							errorMessage: `Not a batch task ID: ${PATTERN_TEXT.taskId}`,
						},
					},
				],
			},
		],
	};
}

/** The Batch Task parameter of one item, checked against IoTDA's task ID format. */
export function readTaskId(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('taskId', itemIndex, '', { extractValue: true });
	return checkTaskId(locatorValue(raw), 'Batch Task');
}
