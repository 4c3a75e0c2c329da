/**
 * The item loop of Device → Search and Device → Count: one SearchDevices pacer for the whole execution, so
 * requests of all items together keep IoTDA's 1 request per second per account; each item's failure is
 * reported for that item through the router's `fail`.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { searchPacer, type SearchPacer } from '../../fleet/resolveDevices';
import type { FailItems } from '../../helpers/itemErrors';

export type SearchItem = (
	this: IExecuteFunctions,
	i: number,
	pacer: SearchPacer,
) => Promise<IDataObject[]>;

export async function runSearchItems(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	fail: FailItems,
	run: SearchItem,
): Promise<INodeExecutionData[]> {
	const pacer = searchPacer();
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			for (const json of await run.call(this, i, pacer))
				output.push({ json, pairedItem: { item: i } });
		} catch (error) {
			for (const item of fail([{ error, pairedWith: i }])) output.push(item);
		}
	}
	return output;
}
