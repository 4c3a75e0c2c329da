/** Batch Task File → Get Many: the uploaded task files (IoTDA keeps a handful and does not page them). */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { errorItemsOrThrow } from '../../helpers/itemErrors';
import { requestOptionsFor } from '../../helpers/requestOptions';
import { iotdaRequest } from '../../transport';
import { requestOptionsCollection } from '../requestOptions.description';
import { returnAllOrLimit } from '../returnAll.description';

const show = { resource: ['batchTaskFile'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...returnAllOrLimit(show),
	requestOptionsCollection('batchTaskFile', 'getAll'),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const response = await iotdaRequest.call(this, {
				method: 'GET',
				path: '/batchtask-files',
				action: 'List batch task files',
				itemIndex: i,
				...requestOptionsFor.call(this, i),
			});
			let files = (response.files as IDataObject[] | undefined) ?? [];
			if (!this.getNodeParameter('returnAll', i, false)) files = files.slice(0, this.getNodeParameter('limit', i, 50) as number);
			output.push(...files.map((file) => ({ json: file, pairedItem: { item: i } })));
		} catch (error) {
			output.push(...errorItemsOrThrow(this, error, [i]));
		}
	}
	return output;
}
