/** Device → Get Many: ListDevices with its filters (every edition), newest first, Return All or Limit. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listDevices, type ListDevicesFilters } from '../../api/devices';
import { LIMITS } from '../../helpers/apiRules';
import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { requestOptionsFor } from '../../transport/requestOptions';
import {
	checkBoolean,
	checkId,
	checkLength,
	checkLimit,
	optionalText,
} from '../../helpers/validate';
import { requestOptionsCollection } from '../requestOptions.description';
import { returnAllOrLimit, DEFAULT_LIMIT } from '../returnAll.description';

/** ListDevices' query filters (GO model_list_devices_request.go): form name, label, IoTDA key, max length. */
const FILTERS = [
	['productId', 'Product ID', 'product_id', LIMITS.appIdMaxLength],
	['appId', 'Resource Space ID', 'app_id', LIMITS.appIdMaxLength],
	['gatewayId', 'Gateway ID', 'gateway_id', LIMITS.deviceIdMaxLength],
	['nodeId', 'Node ID', 'node_id', 64],
	['deviceName', 'Device Name', 'device_name', 256],
] as const;

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: FILTERS.map(([name, displayName, key]) => ({
			displayName,
			name,
			type: 'string' as const,
			default: '',
			description: `Only devices whose ${key} is exactly this`,
		})).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	requestOptionsCollection(),
];

export const description = updateDisplayOptions(forOperation('device', 'getAll'), properties);

function readFilters(this: IExecuteFunctions, i: number): ListDevicesFilters {
	const given = this.getNodeParameter('filters', i, {}) as IDataObject;
	const filters: Record<string, string> = {};
	for (const [name, label, key, max] of FILTERS) {
		const value = optionalText(label, given[name]);
		if (value === undefined) continue;
		filters[key] =
			key === 'device_name' ? checkLength(label, value, max) : checkId(label, value, max);
	}
	return filters;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const max = checkBoolean('Return All', this.getNodeParameter('returnAll', i, false), false)
		? undefined
		: checkLimit(this.getNodeParameter('limit', i, DEFAULT_LIMIT));
	const filters = readFilters.call(this, i);
	const listed = await listDevices.call(this, filters, {
		itemIndex: i,
		max,
		options: requestOptionsFor.call(this, i),
	});
	return listed.records;
}
