/** Target Source "Task File": the devices listed in an uploaded task file (`document_source`). */
import { LIMITS } from '../../../../helpers/apiRules';
import { checkId, requireText } from '../../../../helpers/validate';
import type { TargetSourceModule } from './targetSource';

export const file: TargetSourceModule = {
	option: {
		name: 'Task File',
		value: 'file',
		description: 'The devices listed in a task file uploaded with Batch Task File → Upload',
	},
	sends: 'file',
	fields: [
		{
			displayName: 'Task File ID',
			name: 'fileId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 0c3c77dd-42a2-4309-9e10-da2e8bf64ac3',
			description:
				'File ID returned by Batch Task File → Upload (an .xlsx/.xls from the IoTDA template)',
		},
	],
	bodyPart: (param) => ({
		document_source: checkId(
			'Task File ID',
			requireText('Task File ID', param('fileId')),
			LIMITS.fileIdMaxLength,
		),
	}),
	targetsFrom: 'task file',
};
