/** Batch Task File → Delete: removes an uploaded task file (IoTDA holds only a few at a time). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { itemSettings } from '../../transport/requestOptions';
import { LIMITS } from '../../helpers/apiRules';
import { checkId, requireText } from '../../helpers/validate';
import { deleteTaskFile } from '../../api/taskFiles';
import { locatorValue } from '../../helpers/locatorValue';
import { requestOptionsCollection } from '../requestOptions.description';
import { taskFileRlc } from '../../descriptions/rlc.description';

const properties: INodeProperties[] = [taskFileRlc, requestOptionsCollection()];

export const description = updateDisplayOptions(
	forOperation('batchTaskFile', 'delete'),
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const raw = this.getNodeParameter('fileId', i, '', { extractValue: true });
	const fileId = checkId(
		'Batch Task File',
		requireText('Batch Task File', locatorValue(raw)),
		LIMITS.fileIdMaxLength,
	);
	await deleteTaskFile.call(this, fileId, {
		action: `Delete batch task file ${fileId}`,
		...itemSettings.call(this, i),
	});
	return [{ file_id: fileId, deleted: true }];
}
