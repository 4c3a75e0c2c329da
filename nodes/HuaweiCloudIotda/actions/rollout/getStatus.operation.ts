/**
 * Rollout → Get Status: the same reading and decision as Advance, carried out never — only reads (GET and
 * SearchDevices). `planned_action` is what Advance would do now.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { showTaskWithSubTasks } from '../../api/batchTasks';
import { append } from '../../helpers/arrays';
import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { reportFromRollout } from '../../report/fromRollout';
import { reportField, withReport } from '../../report/reportItem';
import type { ItemsWithBinary } from '../node.type';
import { viewOf, type ObservedState } from './observed';
import { rolloutProperties } from './rolloutProperties';
import { NO_EFFECTS, readAndDecide, rolloutRun, stepOutput, type RolloutRun } from './stepRun';
import { checkBoolean } from '../../helpers/validate';

export const description = updateDisplayOptions(forOperation('rollout', 'getStatus'), [
	...rolloutProperties,
	reportField,
]);

/** One page (≤ 50) of failed sub-tasks of each wave that has failures: the report's failure reasons. */
async function failedSubTasks(
	this: IExecuteFunctions,
	run: RolloutRun,
	state: ObservedState,
): Promise<IDataObject[]> {
	const failed: IDataObject[] = [];
	for (const { task } of viewOf(run.settings, state).waves) {
		if (task.progress.fail === 0) continue;
		const page = await showTaskWithSubTasks.call(
			this,
			task.taskId,
			{ task_detail_status: 'Fail' },
			{ max: 50 },
			{ action: `Read the failed devices of batch task ${task.taskId}`, ...run.options },
		);
		append(failed, page.records);
	}
	return failed;
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
): Promise<IDataObject[] | ItemsWithBinary> {
	const run = rolloutRun.call(this, i);
	const { state, decision } = await readAndDecide.call(this, run);
	if (!checkBoolean('Report', this.getNodeParameter('report', i, false), false))
		return [stepOutput(run, 'getStatus', decision, NO_EFFECTS)];
	const failed = await failedSubTasks.call(this, run, state);
	// The report's reads count too: the output's requests are every request of this step.
	const json = stepOutput(run, 'getStatus', decision, NO_EFFECTS);
	const report = reportFromRollout(run.settings, state, decision, failed);
	return await withReport.call(this, json, report, `rollout-${run.settings.name}.png`);
}
