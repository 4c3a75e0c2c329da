/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Runs the node through n8n's engine while the test may press Stop: `controller.abort()` cancels the
 * execution as the editor's Stop button does (WorkflowExecute's cancellable promise → the execution's abort
 * signal, which the node reads with getExecutionCancelSignal()). `done` reports what n8n recorded for the
 * node (its success output, its error) and when the run ended.
 */
import type { ExecutionError, ExecutionStatus, INodeExecutionData } from 'n8n-workflow';

import type { EmulatorFixture, EmulatorRun } from '../fixtures/emulator';

export interface CancellableRun {
	controller: AbortController;
	/** The node's success output and error, the execution's status ("canceled" after a Stop), the end time. */
	done: Promise<{
		output: INodeExecutionData[];
		error?: ExecutionError;
		status: ExecutionStatus;
		endedAt: number;
	}>;
}

export function runCancellable(fixture: EmulatorFixture, run: EmulatorRun): CancellableRun {
	const controller = new AbortController();
	const done = fixture
		.execute({ ...run, signal: controller.signal })
		.then(({ outputs, error, run: { status } }) => ({
			output: outputs[0] ?? [],
			error,
			status,
			endedAt: Date.now(),
		}));
	return { controller, done };
}

/** Resolves once `condition` holds, checking every 10 ms. */
export async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * Lets an answer the emulator logged reach the node. n8n-core hands the execution's signal to every request
 * it sends, so a Stop while a request is in flight aborts that request (axios "canceled") — a different
 * case from a Stop during a wait, which is what these tests press.
 */
export async function settle(): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, 100));
}
