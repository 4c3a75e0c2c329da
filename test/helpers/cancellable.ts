/**
 * Runs the node as n8n does when the user may press Stop: the context's getExecutionCancelSignal() returns
 * the signal of an AbortController the test holds, and the run reports when it ended.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { contextFor, type EmulatorRun } from '../lifecycle.harness';
import { nodeType } from './n8nHarness';

export interface CancellableRun {
	controller: AbortController;
	done: Promise<{ output: INodeExecutionData[]; endedAt: number }>;
}

export function runCancellable(emu: Emulator, run: EmulatorRun): CancellableRun {
	const controller = new AbortController();
	const context = contextFor(emu, run);
	Object.assign(context, { getExecutionCancelSignal: () => controller.signal });
	const done = nodeType.execute.call(context).then(([output]) => ({ output, endedAt: Date.now() }));
	return { controller, done };
}

/** Resolves once `condition` holds, checking every 10 ms. */
export async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
