import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { createdSince } from '../../helpers/iotdaTime';
import { iotdaRequest } from '../../transport';

/** The newest stored file of this name uploaded since `since` (IoTDA holds at most 10 files). */
export async function findUploadedFile(
	this: IExecuteFunctions,
	fileName: string,
	since: number,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const listed = await iotdaRequest.call(this, {
		method: 'GET',
		path: '/batchtask-files',
		action: `Look up uploaded file "${fileName}"`,
		itemIndex,
	});
	const files = ((listed.files as IDataObject[] | undefined) ?? []).filter(
		(f) => f.file_name === fileName && createdSince(f.upload_time, since),
	);
	return files.sort((a, b) => String(b.upload_time).localeCompare(String(a.upload_time)))[0];
}
