/** Batch Task File → Delete: removes an uploaded task file (IoTDA holds only a few at a time). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requestOptionsFor } from '../../helpers/requestOptions';
import { LIMITS } from '../../helpers/apiRules';
import { checkId, requireText } from '../../helpers/validate';
import { iotdaRequest } from '../../transport';
import { locatorValue } from '../../helpers/locatorValue';
import { requestOptionsCollection } from '../requestOptions.description';

export const description: INodeProperties[] = [
	{
		displayName: 'Batch Task File',
		name: 'fileId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The uploaded file, chosen from the list or given by its file ID',
		displayOptions: { show: { resource: ['batchTaskFile'], operation: ['delete'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchBatchTaskFiles', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 0c3c77dd-42a2-4309-9e10-da2e8bf64ac3',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^[A-Za-z0-9_-]{1,${LIMITS.fileIdMaxLength}}$`,
							errorMessage: 'Not a file ID: letters, digits, hyphens and underscores',
						},
					},
				],
			},
		],
	},
	requestOptionsCollection('batchTaskFile', 'delete'),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const raw = this.getNodeParameter('fileId', i, '', { extractValue: true });
	const fileId = checkId('Batch Task File', requireText('Batch Task File', locatorValue(raw)), LIMITS.fileIdMaxLength);
	await iotdaRequest.call(this, {
		method: 'DELETE',
		path: `/batchtask-files/${encodeURIComponent(fileId)}`,
		action: `Delete batch task file ${fileId}`,
		itemIndex: i,
		...requestOptionsFor.call(this, i),
	});
	return [{ file_id: fileId, deleted: true }];
}
