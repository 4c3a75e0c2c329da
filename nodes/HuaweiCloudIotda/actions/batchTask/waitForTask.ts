/**
 * Waits for a batch task by polling ShowBatchTask: one request per poll interval at most, the interval
 * growing by half each poll up to a cap (long tasks cost few requests), until a terminal status, the
 * maximum wait, an abort condition, or the execution being cancelled (which ends the wait at once).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { cancelSignalOf, now, pause } from '../../helpers/clock';
import { TERMINAL_TASK_STATUSES } from '../../helpers/apiRules';
import { asItemError } from '../../helpers/itemErrors';
import { showTask } from '../../api/batchTasks';
import { itemSettings } from '../../transport/requestOptions';

/** The node's own bounds for waiting (not IoTDA's): the form, the option reader and the poller read them. */
export const WAIT_LIMITS = {
	/** Shortest Poll Interval (Seconds) the form and an expression may give. */
	minPollSeconds: 1,
	/** The interval grows up to this. */
	maxPollSeconds: 60,
} as const;

export interface WaitSettings {
	pollIntervalMs: number;
	maxWaitMs: number;
	itemIndex: number;
	/** Checked after every poll; a reason string ends the wait early (e.g. a rollout's abort threshold). */
	shouldAbort?: (task: IDataObject) => string | undefined;
}

export interface WaitResult {
	task: IDataObject;
	outcome: 'finished' | 'timedOut' | 'aborted' | 'cancelled';
	reason?: string;
	requests: number;
}

const isTerminal = (task: IDataObject) => TERMINAL_TASK_STATUSES.includes(String(task.status));

export async function waitForTask(
	this: IExecuteFunctions,
	taskId: string,
	settings: WaitSettings,
): Promise<WaitResult> {
	const started = now();
	const signal = cancelSignalOf(this);
	const cap = Math.max(WAIT_LIMITS.maxPollSeconds * 1000, settings.pollIntervalMs);
	let interval = settings.pollIntervalMs;
	let requests = 0;
	let task: IDataObject = { task_id: taskId };
	// Whenever the execution is stopped: the task as last seen.
	const cancelled = (): WaitResult => ({
		task,
		outcome: 'cancelled',
		reason: 'execution cancelled',
		requests,
	});
	if (signal?.aborted) return cancelled();
	for (;;) {
		let shown: IDataObject;
		try {
			shown = await showTask.call(this, taskId, itemSettings.call(this, settings.itemIndex));
		} catch (error) {
			// Stopped while the status request was in flight: the task as last seen, like a stop during the pause.
			if (signal?.aborted) return cancelled();
			throw asItemError(this.getNode(), error, settings.itemIndex);
		}
		requests++;
		task = (shown.batchtask as IDataObject) ?? shown;
		if (isTerminal(task)) return { task, outcome: 'finished', requests };
		const abortReason = settings.shouldAbort?.(task);
		if (abortReason) return { task, outcome: 'aborted', reason: abortReason, requests };
		const remaining = settings.maxWaitMs - (now() - started);
		if (remaining <= 0)
			return { task, outcome: 'timedOut', reason: 'maximum wait reached', requests };
		if (!(await pause(Math.min(interval, remaining), signal))) return cancelled();
		interval = Math.min(interval * 1.5, cap);
	}
}
