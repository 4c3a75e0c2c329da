import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { createdSince } from '../../helpers/iotdaTime';
import { listTaskFiles } from '../../api/taskFiles';
import { itemSettings } from '../../transport/requestOptions';

/**
 * The newest stored file named `fileName` (the name the upload sent) uploaded since `since` (epoch ms), or
 * undefined. Names are compared in Unicode NFC, so a name that a file system stored decomposed (macOS) still
 * matches what a server normalised. IoTDA holds at most 10 files, so one unpaged ListBatchTaskFiles call sees all.
 */
export async function findUploadedFile(
	this: IExecuteFunctions,
	fileName: string,
	since: number,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const listed = await listTaskFiles.call(this, {
		action: `Look up uploaded file "${fileName}"`,
		...itemSettings.call(this, itemIndex),
	});
	const wanted = fileName.normalize('NFC');
	const files = listed.filter(
		(f) =>
			typeof f.file_name === 'string' &&
			f.file_name.normalize('NFC') === wanted &&
			createdSince(f.upload_time, since),
	);
	return files.sort((a, b) => String(b.upload_time).localeCompare(String(a.upload_time)))[0];
}
