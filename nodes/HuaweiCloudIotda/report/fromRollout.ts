/**
 * The report of a rollout as a step reads it (actions/rollout): one bar per wave task, counted from its
 * `task_progress`, plus a bar for the target devices in no wave yet (never started); the share of all target
 * devices that report the target version (the step's own reading, observed.ts viewOf: devices whose
 * `fw_version` / `sw_version` equals the package's, not sub-task success); the step's decision; and the failure
 * reasons of the waves' failed sub-tasks that were read (`failed`, at most one page per wave — `failuresRead` says
 * when they are a sample).
 */
import type { IDataObject } from 'n8n-workflow';

import type { ObservedState } from '../actions/rollout/observed';
import { viewOf } from '../actions/rollout/observed';
import type { RolloutSettings } from '../actions/rollout/plan';
import type { StepDecision } from '../actions/rollout/step';
import { reasonsOf, reportTime } from './fromBatchTask';
import type { Report, ReportWave } from './report.type';

/**
 * `settings`, `state` and `decision` of one Rollout step, and the failed sub-tasks read from its waves (ShowBatchTask
 * `task_details` with status Fail) → the report. Never throws.
 */
export function reportFromRollout(
	settings: RolloutSettings,
	state: ObservedState,
	decision: StepDecision,
	failed: IDataObject[],
): Report {
	const view = viewOf(settings, state);
	const waves: ReportWave[] = view.waves.map(({ wave, task }) => ({
		label: `Wave ${wave}`,
		succeeded: task.progress.success,
		failed: task.progress.fail,
		pending: task.progress.waitting + task.progress.processing + task.progress.failWaitRetry,
		notStarted: task.progress.stopped + task.progress.removed,
	}));
	if (view.notInWave.length > 0)
		waves.push({
			label: 'Not in a wave yet',
			succeeded: 0,
			failed: 0,
			pending: 0,
			notStarted: view.notInWave.length,
		});
	const failedCount = waves.reduce((sum, wave) => sum + wave.failed, 0);
	const report: Report = {
		title: settings.name,
		time: reportTime(new Date(state.now)),
		subtitle: `${settings.taskType} \u00b7 wave ${decision.wave}`,
		decision: decision.decision,
		waves,
		targets: { total: view.targetCount, onTargetVersion: view.onTargetVersion },
		failureReasons: reasonsOf(failed),
	};
	if (failed.length < failedCount)
		report.failuresRead = { read: failed.length, failed: failedCount };
	return report;
}
