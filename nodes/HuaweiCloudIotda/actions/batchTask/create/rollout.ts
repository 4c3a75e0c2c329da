/**
 * A staged rollout (or its dry run) on devices known before creating: listed ones, or the members read from
 * device groups (targets/). The waves are run by stagedRollout.ts; this cuts them and reports the result.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { pairedWith } from '../../../helpers/arrays';
import { withNameSuffix } from '../../../helpers/validate';
import { dryRunWaves } from './dryRun';
import type { CreateOptions } from './readCreateOptions';
import { planWaves, runStagedRollout, waveTaskName } from './stagedRollout';
import type { TaskTemplate } from './taskBody';

export interface StageInput {
	template: TaskTemplate;
	/** The devices to cut into waves, each once. */
	ids: string[];
	/** The input items the rollout pairs with. */
	items: number[];
	/** Where the devices came from, for the output (targets/ StagedDevices), or {} for a list. */
	origin: IDataObject;
	options: CreateOptions;
	itemIndex: number;
}

/** Runs (or, with Dry Run, shows) the rollout: one item with its report, or one dry-run item per wave. */
export async function stage(
	this: IExecuteFunctions,
	input: StageInput,
): Promise<INodeExecutionData[]> {
	const { template, ids, options, itemIndex, origin } = input;
	// Waves list their devices: the groups' filter is replaced by each wave's targets.
	const body = { ...template.body };
	delete body.targets_filter;
	const pairedItem = pairedWith(input.items);
	// The last wave has the longest name: when it would not fit, no wave is created.
	const waveCount = planWaves(options.rollout!.waves, ids.length).length;
	withNameSuffix(
		String(body.task_name),
		waveTaskName('', waveCount - 1),
		`for rollout wave ${waveCount}`,
	);
	if (options.dryRun)
		return dryRunWaves.call(this, input, body, origin).map((json) => ({ json, pairedItem }));
	const result = await runStagedRollout.call(this, {
		spec: template.spec,
		body,
		ids,
		itemIndex,
		options,
	});
	return [{ json: { rollout: { ...origin, ...(result.rollout as IDataObject) } }, pairedItem }];
}
