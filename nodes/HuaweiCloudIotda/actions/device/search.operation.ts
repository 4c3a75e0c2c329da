/**
 * Device → Search: the devices matching filters (product, status, firmware / software version is or is not,
 * device group, resource space, tag) or SQL conditions, via SearchDevices at 1 request per second; on a Basic
 * edition instance via ListDevices filtered in the node. One output item per device, with `found_by`.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { resolveDevices, type SearchPacer } from '../../fleet/resolveDevices';
import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import type { FailItems } from '../../helpers/itemErrors';
import { requestOptionsFor } from '../../transport/requestOptions';
import { checkBoolean, checkLimit } from '../../helpers/validate';
import { requestOptionsCollection } from '../requestOptions.description';
import { returnAllOrLimit, DEFAULT_LIMIT } from '../returnAll.description';
import { deviceFilterFields, readDeviceQuery } from './filters.description';
import { runSearchItems } from './searchItems';

const properties: INodeProperties[] = [
	...deviceFilterFields,
	...returnAllOrLimit,
	requestOptionsCollection(),
];

export const description = updateDisplayOptions(forOperation('device', 'search'), properties);

/** Items share one pacer (IoTDA's rate is per account), so the operation runs across items. */
export const acrossItems = true;

async function searchItem(
	this: IExecuteFunctions,
	i: number,
	pacer: SearchPacer,
): Promise<IDataObject[]> {
	const max = checkBoolean('Return All', this.getNodeParameter('returnAll', i, false), false)
		? undefined
		: checkLimit(this.getNodeParameter('limit', i, DEFAULT_LIMIT));
	const query = readDeviceQuery.call(this, i, 'page');
	const found = await resolveDevices.call(this, query, {
		itemIndex: i,
		pacer,
		max,
		options: requestOptionsFor.call(this, i),
	});
	return found.devices.map((d) => ({ ...d, found_by: found.foundBy }));
}

export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	fail: FailItems,
): Promise<INodeExecutionData[]> {
	return await runSearchItems.call(this, items, fail, searchItem);
}
