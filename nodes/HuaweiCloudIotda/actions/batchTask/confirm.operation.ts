/** Batch Task → Confirm: lets waiting sub-tasks of an upgrade task created with Need Confirm start. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { controlDescription, runControlOperation } from './controlTargets';

export const description = controlDescription('confirm');

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runControlOperation.call(this, items, 'confirm');
}
