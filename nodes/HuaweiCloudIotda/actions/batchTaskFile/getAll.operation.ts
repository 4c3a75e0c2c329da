/** Batch Task File → Get Many: the uploaded task files (IoTDA keeps a handful and does not page them). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { itemSettings } from '../../transport/requestOptions';
import { checkBoolean, checkLimit } from '../../helpers/validate';
import { listTaskFiles } from '../../api/taskFiles';
import { requestOptionsCollection } from '../requestOptions.description';
import { returnAllOrLimit, DEFAULT_LIMIT } from '../returnAll.description';

const properties: INodeProperties[] = [...returnAllOrLimit, requestOptionsCollection()];

export const description = updateDisplayOptions(
	forOperation('batchTaskFile', 'getAll'),
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const limit = checkBoolean('Return All', this.getNodeParameter('returnAll', i, false), false)
		? undefined
		: checkLimit(this.getNodeParameter('limit', i, DEFAULT_LIMIT));
	const files = await listTaskFiles.call(this, {
		action: 'List batch task files',
		...itemSettings.call(this, i),
	});
	return limit === undefined ? files : files.slice(0, limit);
}
