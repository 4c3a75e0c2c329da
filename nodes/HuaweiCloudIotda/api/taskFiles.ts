/**
 * IoTDA's batch-task file API (huaweicloud-sdk-go-v3 services/iotda/v5, ioTDA_meta.go):
 * - UploadBatchTaskFile `POST /batchtask-files` (multipart/form-data, field `file`) → {file_id};
 * - ListBatchTaskFiles `GET /batchtask-files` → {files} (IoTDA keeps at most 10 files and does not page them);
 * - DeleteBatchTaskFile `DELETE /batchtask-files/{file_id}`.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MultipartFile } from '../transport/multipart';
import { iotdaRequest, type Context, type IotdaRequest, type RequestSettings } from '../transport';

/** The task-file collection below `/v5/iot/{project_id}`. */
const TASK_FILES_PATH = '/batchtask-files';

/** Every stored task file (`file_id`, `file_name`, `upload_time`, …), in IoTDA's order; one request. */
export async function listTaskFiles(
	this: Context,
	request: Pick<IotdaRequest, 'action'> & RequestSettings,
): Promise<IDataObject[]> {
	const response = await iotdaRequest.call(this, {
		method: 'GET',
		path: TASK_FILES_PATH,
		...request,
	});
	return (response.files as IDataObject[] | undefined) ?? [];
}

/**
 * Uploads `file` as multipart/form-data. Not safe to repeat: `request.recover` finds the file an upload with an
 * unknown outcome stored (transport/index.ts iotdaRequest).
 */
export async function uploadTaskFile(
	this: Context,
	file: MultipartFile,
	request: Pick<IotdaRequest, 'action' | 'recover'> & RequestSettings,
): Promise<IDataObject> {
	return await iotdaRequest.call(this, { method: 'POST', path: TASK_FILES_PATH, file, ...request });
}

/** Deletes the task file `fileId` (encoded as one path segment). */
export async function deleteTaskFile(
	this: Context,
	fileId: string,
	request: Pick<IotdaRequest, 'action'> & RequestSettings,
): Promise<IDataObject> {
	return await iotdaRequest.call(this, {
		method: 'DELETE',
		path: `${TASK_FILES_PATH}/${encodeURIComponent(fileId)}`,
		...request,
	});
}
