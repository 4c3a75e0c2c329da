/**
 * Batch Task File → Upload: sends an Excel task file from the item's binary data (e.g. written by n8n's
 * Convert to File node) as multipart/form-data. Other file types are refused before anything is sent.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/inputErrors';
import { requestOptionsFor } from '../../helpers/requestOptions';
import { LIMITS, TASK_FILE_TYPES } from '../../helpers/apiRules';
import { checkLength, optionalText, requireText } from '../../helpers/validate';
import { iotdaRequest } from '../../transport';
import { findUploadedFile } from './findUploadedFile';
import { requestOptionsCollection } from '../requestOptions.description';

const accepted = Object.keys(TASK_FILE_TYPES).join(' or ');

export const description: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to be uploaded',
		description: `An Excel file (${accepted}) made from IoTDA’s batch template, e.g. written by the Convert to File node`,
		displayOptions: { show: { resource: ['batchTaskFile'], operation: ['upload'] } },
	},
	requestOptionsCollection('batchTaskFile', 'upload', [
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. BatchCreateDevices.xlsx',
			description: `Name to upload the file under (ending in ${accepted}); the binary data’s file name when empty`,
		},
	]),
];

/** The name to upload under and its content type; refuses anything but Excel files, naming the file. */
export function taskFileType(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	const contentType = dot < 0 ? undefined : TASK_FILE_TYPES[fileName.slice(dot).toLowerCase()];
	if (!contentType)
		throw new InputError('File', fileName, `must be an Excel file (${accepted}); IoTDA accepts no other task files`);
	checkLength('File Name', fileName, LIMITS.taskFileNameMaxLength);
	return contentType;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const property = requireText('Input Binary Field', this.getNodeParameter('binaryPropertyName', i));
	const binary = this.helpers.assertBinaryData(i, property);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const fileName = optionalText('File Name', options.fileName) ?? binary.fileName ?? '';
	if (!fileName)
		throw new InputError('File Name', fileName, 'is required: the binary data has no file name; set Options → File Name');
	const contentType = taskFileType(fileName);
	const data = await this.helpers.getBinaryDataBuffer(i, property);
	const sentAt = Date.now();
	const response = await iotdaRequest.call(this, {
		method: 'POST',
		path: '/batchtask-files',
		file: { fieldName: 'file', fileName, contentType, data },
		action: `Upload batch task file "${fileName}"`,
		itemIndex: i,
		...requestOptionsFor.call(this, i),
		// An upload is never sent twice: when its outcome is unknown, the file it may have stored is looked up.
		recover: async () => await findUploadedFile.call(this, fileName, sentAt, i),
	});
	return [response];
}
