/**
 * Waits for a batch task by polling ShowBatchTask: one request per poll interval at most, the interval
 * growing by half each poll up to a cap (long tasks cost few requests), until a terminal status, the
 * maximum wait, an abort condition, or the execution being cancelled.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { TERMINAL_TASK_STATUSES } from '../../helpers/taskTypes';
import { showTask } from './taskLookup';

export interface WaitSettings {
	pollIntervalMs: number;
	/** The interval grows up to this (never below pollIntervalMs); default one minute. */
	maxPollIntervalMs?: number;
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

export const isTerminal = (task: IDataObject) => TERMINAL_TASK_STATUSES.includes(String(task.status));

export async function waitForTask(this: IExecuteFunctions, taskId: string, settings: WaitSettings): Promise<WaitResult> {
	const started = Date.now();
	const signal = this.getExecutionCancelSignal?.();
	let interval = settings.pollIntervalMs;
	let requests = 0;
	for (;;) {
		const shown = await showTask.call(this, taskId, settings.itemIndex);
		requests++;
		const task = (shown.batchtask as IDataObject) ?? shown;
		if (isTerminal(task)) return { task, outcome: 'finished', requests };
		const abortReason = settings.shouldAbort?.(task);
		if (abortReason) return { task, outcome: 'aborted', reason: abortReason, requests };
		const remaining = settings.maxWaitMs - (Date.now() - started);
		if (remaining <= 0) return { task, outcome: 'timedOut', reason: 'maximum wait reached', requests };
		if (signal?.aborted) return { task, outcome: 'cancelled', reason: 'execution cancelled', requests };
		await sleep(Math.min(interval, remaining));
		if (signal?.aborted) return { task, outcome: 'cancelled', reason: 'execution cancelled', requests };
		interval = Math.min(interval * 1.5, Math.max(settings.maxPollIntervalMs ?? 60000, settings.pollIntervalMs));
	}
}
