/** Batch Task → Confirm: lets waiting sub-tasks of an upgrade task created with Need Confirm start. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FailItems } from '../../helpers/itemErrors';
import { controlDescription, runControlOperation } from './stopRetryConfirm';

export const description = controlDescription('confirm');

/** Device lists of all items that name the same task are merged into one set of calls. */
export const acrossItems = true;

export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	fail: FailItems,
): Promise<INodeExecutionData[]> {
	return await runControlOperation.call(this, items, fail, 'confirm');
}
