import type { INodeProperties } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import type { OperationsOf } from '../node.type';

import * as deleteFile from './delete.operation';
import * as getAll from './getAll.operation';
import * as upload from './upload.operation';

export const batchTaskFileOperations: OperationsOf<'batchTaskFile'> = {
	delete: deleteFile,
	getAll,
	upload,
};

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete an uploaded task file',
			action: 'Delete a batch task file by file ID',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the uploaded task files',
			action: 'Get many batch task files',
		},
		{
			name: 'Upload',
			value: 'upload',
			description: 'Upload an .xlsx/.xls task file (e.g. devices to create) for a batch task',
			action: 'Upload an xlsx batch task file from binary data',
		},
	],
	default: 'upload',
};

export const batchTaskFileDescription: INodeProperties[] = [
	...updateDisplayOptions(forOperation('batchTaskFile'), [operationSelector]),
	...upload.description,
	...getAll.description,
	...deleteFile.description,
];
