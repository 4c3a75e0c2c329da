/**
 * DeviceCommandRequest (GO model_device_command_request.go): only `paras` is required; `service_id` (≤64) and
 * `command_name` (≤128) are optional (needed only for devices that use a codec, audit row 17).
 */
import type { IDataObject } from 'n8n-workflow';

import { LIMITS } from '../../../../helpers/apiRules';
import { checkLength, optionalText, parseJsonObject } from '../../../../helpers/validate';
import type { ParamReader } from '../taskBody';
import type { DocumentFormModule } from './documentForm';

/** The Service parameter, which methods/loadOptions.ts reads to list the service's commands. */
export const SERVICE_PARAM = 'serviceId';
export const COMMAND = 'commandName';
const PARAMETERS = 'commandParameters';

function commandDocument(param: ParamReader): IDataObject {
	const document: IDataObject = {};
	const serviceId = optionalText('Service ID', param(SERVICE_PARAM));
	if (serviceId)
		document.service_id = checkLength('Service ID', serviceId, LIMITS.commandServiceIdMaxLength);
	const commandName = optionalText('Command Name', param(COMMAND));
	if (commandName)
		document.command_name = checkLength('Command Name', commandName, LIMITS.commandNameMaxLength);
	document.paras = parseJsonObject('Command Parameters', param(PARAMETERS, '{}'));
	return document;
}

export const command: DocumentFormModule = {
	fields: [
		{
			displayName: 'Service Name or ID',
			name: SERVICE_PARAM,
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getServices', loadOptionsDependsOn: ['productId'] },
			default: '',
			description:
				'Service of the product model that defines the command, e.g. Switch; optional (needed for devices that use a codec). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Command Name or ID',
			name: COMMAND,
			type: 'options',
			typeOptions: {
				loadOptionsMethod: 'getCommands',
				loadOptionsDependsOn: ['productId', SERVICE_PARAM],
			},
			default: '',
			description:
				'Command to send, e.g. ON_OFF; optional (needed for devices that use a codec). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Command Parameters',
			name: PARAMETERS,
			type: 'json',
			default: '{}',
			description:
				'Command parameters as a JSON object, e.g. {"value": "ON"}; always sent, {} when the command takes none',
		},
	],
	setBy: [
		[SERVICE_PARAM, 'Service ID', ['']],
		[COMMAND, 'Command Name', ['']],
		[PARAMETERS, 'Command Parameters', ['{}']],
	],
	keys: ['service_id', 'command_name', 'paras'],
	required: [['paras']],
	narrowedByProduct: true,
	build: commandDocument,
};
