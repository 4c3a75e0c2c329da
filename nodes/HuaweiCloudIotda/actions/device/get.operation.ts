/** Device → Get: one device by ID (ShowDevice): product, resource space, status, firmware and software versions, tags. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showDevice } from '../../api/devices';
import { LIMITS } from '../../helpers/apiRules';
import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { requestOptionsFor } from '../../transport/requestOptions';
import { checkId, requireText } from '../../helpers/validate';
import { requestOptionsCollection } from '../requestOptions.description';

const properties: INodeProperties[] = [
	{
		displayName: 'Device ID',
		name: 'deviceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5f3b..._node01',
		description: 'The ID of the device to read',
	},
	requestOptionsCollection(),
];

export const description = updateDisplayOptions(forOperation('device', 'get'), properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const id = checkId(
		'Device ID',
		requireText('Device ID', this.getNodeParameter('deviceId', i)),
		LIMITS.deviceIdMaxLength,
	);
	return [await showDevice.call(this, id, i, requestOptionsFor.call(this, i))];
}
