/** Batch Task → Retry: re-runs failed or stopped sub-tasks of an upgrade task. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { controlDescription, runControlOperation } from './controlTargets';

export const description = controlDescription('retry');

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runControlOperation.call(this, items, 'retry');
}
