/**
 * Device → Count: how many devices match filters (product, status, firmware / software version is or is not,
 * device group, resource space, tag) or SQL conditions — one SearchDevices count(*), or on a Basic edition
 * instance ListDevices counted in the node. Output: `{count, found_by, sql, requests}`.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { countDevices, type SearchPacer } from '../../fleet/resolveDevices';
import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import type { FailItems } from '../../helpers/itemErrors';
import { requestOptionsFor } from '../../transport/requestOptions';
import { requestOptionsCollection } from '../requestOptions.description';
import { deviceFilterFields, readDeviceQuery } from './filters.description';
import { runSearchItems } from './searchItems';

const properties: INodeProperties[] = [...deviceFilterFields, requestOptionsCollection()];

export const description = updateDisplayOptions(forOperation('device', 'count'), properties);

/** Items share one pacer (IoTDA's rate is per account), so the operation runs across items. */
export const acrossItems = true;

async function countItem(
	this: IExecuteFunctions,
	i: number,
	pacer: SearchPacer,
): Promise<IDataObject[]> {
	const query = readDeviceQuery.call(this, i, 'count');
	const counted = await countDevices.call(this, query, {
		itemIndex: i,
		pacer,
		options: requestOptionsFor.call(this, i),
	});
	return [
		{
			count: counted.count,
			found_by: counted.foundBy,
			sql: counted.sql,
			requests: counted.requests,
		},
	];
}

export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	fail: FailItems,
): Promise<INodeExecutionData[]> {
	return await runSearchItems.call(this, items, fail, countItem);
}
