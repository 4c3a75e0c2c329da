/** Batch Task → Stop: stops the sub-tasks of an upgrade task that are still waiting or running. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { controlDescription, runControlOperation } from './controlTargets';

export const description = controlDescription('stop');

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runControlOperation.call(this, items, 'stop');
}
