/**
 * A report (report.type.ts) of one batch task as Batch Task → Get reads it: the IoTDA Task (ShowBatchTask
 * `batchtask`: task_id, task_name, task_type, status, task_progress) and the sub-tasks read (`task_details`:
 * target, status, error { error_code, error_msg } — IoTDA API reference ShowBatchTask; SDK model_task_detail.go).
 */
import type { IDataObject } from 'n8n-workflow';

import { taskTypeSpec } from '../helpers/apiRules';
import type { Report, ReportFailureReason, ReportWave } from './report.type';

type Counts = Omit<ReportWave, 'label'>;

/**
 * Which report count each sub-task status adds to (IoTDA sub-task statuses: Processing, Success, Fail, Waitting,
 * FailWaitRetry, Stopped, Removed). Failed-and-waiting-for-a-retry is still pending; a stopped or removed sub-task
 * never ran to the end, so it counts as never started.
 */
const STATUS_COUNT: Readonly<Record<string, keyof Counts>> = {
	Success: 'succeeded',
	Fail: 'failed',
	Processing: 'pending',
	Waitting: 'pending',
	FailWaitRetry: 'pending',
	Stopped: 'notStarted',
	Removed: 'notStarted',
};

/** task_progress counter → sub-task status (IoTDA `TaskProgress`: success, fail, processing, waitting…). */
const PROGRESS_STATUS: Readonly<Record<string, string>> = {
	success: 'Success',
	fail: 'Fail',
	processing: 'Processing',
	waitting: 'Waitting',
	fail_wait_retry: 'FailWaitRetry',
	stopped: 'Stopped',
	removed: 'Removed',
};

/** The task's counts from task_progress; from the sub-tasks read when IoTDA returned no task_progress. */
function countsOf(task: IDataObject, details: IDataObject[]): Counts {
	const counts: Counts = { succeeded: 0, failed: 0, pending: 0, notStarted: 0 };
	const progress = task.task_progress as IDataObject | undefined;
	if (progress) {
		for (const [counter, status] of Object.entries(PROGRESS_STATUS))
			counts[STATUS_COUNT[status]] += Number(progress[counter] ?? 0);
		return counts;
	}
	for (const detail of details) {
		const key = STATUS_COUNT[String(detail.status)];
		if (key) counts[key]++;
	}
	return counts;
}

/** Failed sub-tasks read, grouped by error code (most devices first, then by code); the first message per code. */
export function reasonsOf(failed: IDataObject[]): ReportFailureReason[] {
	const byCode = new Map<string, ReportFailureReason>();
	for (const detail of failed) {
		const error = (detail.error as IDataObject | undefined) ?? {};
		const code = error.error_code ? String(error.error_code) : 'no error code';
		const reason = byCode.get(code) ?? { code, count: 0 };
		if (reason.message === undefined && error.error_msg) reason.message = String(error.error_msg);
		reason.count++;
		byCode.set(code, reason);
	}
	return [...byCode.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** `at` for people, to the minute in UTC: "2026-12-07 10:30 UTC". */
export function reportTime(at: Date): string {
	return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The report of `task` (raw IoTDA Task) with the sub-tasks read (`details`), at time `at`:
 * - one wave, "All devices", counted from task_progress (or from `details` when it is absent);
 * - `targets` for upgrade tasks (task types with an OTA package): a succeeded sub-task is a device that reported
 *   the new version, so on-target = task_progress.success of task_progress.total — versions are not read;
 * - failure reasons from the failed sub-tasks read, with `failuresRead` when fewer were read than failed (Limit,
 *   filters): the report says the reasons are a sample instead of passing them off as all.
 * Never throws.
 */
export function reportFromBatchTask(task: IDataObject, details: IDataObject[], at: Date): Report {
	const counts = countsOf(task, details);
	const type = typeof task.task_type === 'string' ? task.task_type : undefined;
	const failed = details.filter((d) => d.status === 'Fail');
	const total = counts.succeeded + counts.failed + counts.pending + counts.notStarted;
	const report: Report = {
		title: String(task.task_name || task.task_id || 'Batch task'),
		time: reportTime(at),
		subtitle: [type, task.status, task.task_id && `task ${String(task.task_id)}`]
			.filter(Boolean)
			.join(' \u00b7 '),
		waves: [{ label: 'All devices', ...counts }],
		failureReasons: reasonsOf(failed),
	};
	if (type && taskTypeSpec(type)?.packageType)
		report.targets = { total, onTargetVersion: counts.succeeded };
	if (failed.length < counts.failed)
		report.failuresRead = { read: failed.length, failed: counts.failed };
	return report;
}
