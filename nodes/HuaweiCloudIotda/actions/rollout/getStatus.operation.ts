/**
 * Rollout → Get Status: the same reading and decision as Advance, carried out never — only reads (GET and
 * SearchDevices). `planned_action` is what Advance would do now.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { rolloutProperties } from './rolloutProperties';
import { NO_EFFECTS, readAndDecide, rolloutRun, stepOutput } from './stepRun';

export const description = updateDisplayOptions(
	forOperation('rollout', 'getStatus'),
	rolloutProperties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const run = rolloutRun.call(this, i);
	const { decision } = await readAndDecide.call(this, run);
	return [stepOutput(run, 'getStatus', decision, NO_EFFECTS)];
}
