/** Batch Task → Retry: re-runs failed or stopped sub-tasks of an upgrade task. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FailItems } from '../../helpers/itemErrors';
import { controlDescription, runControlOperation } from './stopRetryConfirm';

export const description = controlDescription('retry');

/** Device lists of all items that name the same task are merged into one set of calls. */
export const acrossItems = true;

export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	fail: FailItems,
): Promise<INodeExecutionData[]> {
	return await runControlOperation.call(this, items, fail, 'retry');
}
