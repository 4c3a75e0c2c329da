/**
 * Batch Task File → Upload: sends an Excel task file from the item's binary data (e.g. written by n8n's
 * Convert to File node) as multipart/form-data. Other file types are refused before anything is sent.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/inputErrors';
import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { itemSettings } from '../../transport/requestOptions';
import { LIMITS, TASK_FILE_TYPES } from '../../helpers/apiRules';
import { checkLength, optionalText, requireText } from '../../helpers/validate';
import { uploadTaskFile } from '../../api/taskFiles';
import { isControlCharacter, unsendableFileNameCharacters } from '../../transport/multipart';
import { findUploadedFile } from './findUploadedFile';
import { requestOptionsCollection } from '../requestOptions.description';

const accepted = Object.keys(TASK_FILE_TYPES).join(' or ');

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to be uploaded',
		description: `An Excel file (${accepted}) made from IoTDA’s batch template, e.g. written by the Convert to File node`,
	},
	requestOptionsCollection([
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

export const description = updateDisplayOptions(
	forOperation('batchTaskFile', 'upload'),
	properties,
);

/** Characters shown one by one: printable ones quoted, control characters as U+XXXX. */
function listCharacters(characters: string[]): string {
	return characters
		.map((c) =>
			isControlCharacter(c)
				? `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
				: `"${c}"`,
		)
		.join(', ');
}

/**
 * The content type to upload `fileName` under. Refuses, naming the file (InputError, before anything is sent):
 * anything but .xls/.xlsx (TASK_FILE_TYPES; UploadBatchTaskFile docs), more than LIMITS.taskFileNameMaxLength
 * characters (docs: file_name 1–60), and characters a multipart upload cannot carry unchanged
 * (unsendableFileNameCharacters: `/`, `\`, control characters). Every other name is sent exactly as given,
 * after execute has trimmed spaces around it.
 */
function taskFileType(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	const contentType = dot < 0 ? undefined : TASK_FILE_TYPES[fileName.slice(dot).toLowerCase()];
	if (!contentType)
		throw new InputError(
			'File',
			fileName,
			`must be an Excel file (${accepted}); IoTDA accepts no other task files`,
		);
	checkLength('File Name', fileName, LIMITS.taskFileNameMaxLength);
	const unsendable = unsendableFileNameCharacters(fileName);
	if (unsendable.length)
		throw new InputError(
			'File Name',
			fileName,
			`contains ${listCharacters(unsendable)}, which an upload cannot carry unchanged (a server keeps only the part after / or \\, and control characters cannot be sent); rename the file or set Options → File Name`,
		);
	return contentType;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const property = requireText(
		'Input Binary Field',
		this.getNodeParameter('binaryPropertyName', i),
	);
	const binary = this.helpers.assertBinaryData(i, property);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	// Spaces around a name (a spreadsheet export's 'a.xlsx ') are never meant: the name is sent trimmed, as
	// Options → File Name is, and IoTDA's answer (file_name) shows the name sent and stored.
	const fileName = optionalText('File Name', options.fileName) ?? binary.fileName?.trim() ?? '';
	if (!fileName)
		throw new InputError(
			'File Name',
			fileName,
			'is required: the binary data has no file name; set Options → File Name',
		);
	const contentType = taskFileType(fileName);
	const data = await this.helpers.getBinaryDataBuffer(i, property);
	const sentAt = Date.now();
	const file = { fieldName: 'file', fileName, contentType, data };
	const response = await uploadTaskFile.call(this, file, {
		action: `Upload batch task file "${fileName}"`,
		...itemSettings.call(this, i),
		// An upload is never sent twice: when its outcome is unknown, the file it may have stored is looked up
		// by the name sent, which is `fileName` itself (multipartBody sends it unchanged or throws).
		recover: async () => await findUploadedFile.call(this, fileName, sentAt, i),
	});
	return [response];
}
