/**
 * The node's only way to wait and its only measure of elapsed waiting time. Every wait — Wait for
 * Completion's polls, a rollout's Pause Between Waves, a retry's back-off — goes through `pause`, which
 * ends at once when the execution is cancelled.
 *
 * Tests replace this module (jest.mock) with a faster clock instead of lowering the node's documented
 * minimums; that works the same whether the node runs in a test harness or inside n8n-core's engine.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/** Node's timers fire at once above 2^31 − 1 ms (24.8 days); longer pauses are slept in parts. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Milliseconds on the clock that `pause` sleeps by; use it for durations only, never to compare with IoTDA's times. */
export function now(): number {
	return Date.now();
}

/**
 * Any n8n context (execute, load options, hook, poll, webhook): all have `getNode`; only an execution may
 * have a cancel signal.
 */
type CancellableContext = Pick<IExecuteFunctions, 'getNode'> &
	Partial<Pick<IExecuteFunctions, 'getExecutionCancelSignal'>>;

/**
 * The execution's cancel signal; n8n before 1.x's getExecutionCancelSignal, dropdown and trigger contexts have
 * none.
 */
export function cancelSignalOf(context: CancellableContext): AbortSignal | undefined {
	return context.getExecutionCancelSignal?.();
}

/** One timer's worth of sleep; false when the signal aborted first. */
async function sleepPart(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (!signal) {
		await sleep(ms);
		return true;
	}
	let onAbort = () => {};
	const aborted = new Promise<false>((resolve) => {
		onAbort = () => resolve(false);
		signal.addEventListener('abort', onAbort, { once: true });
	});
	const slept = sleep(ms, signal).then(
		() => true,
		() => false,
	);
	try {
		return await Promise.race([slept, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/**
 * Sleeps `ms`, or less when `signal` aborts. Resolves true after the full time, false when cancelled.
 * n8n-workflow's `sleep` takes the signal from 2.x on; the race also ends the wait on older versions.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
	let left = Math.max(0, ms);
	do {
		if (signal?.aborted) return false;
		const part = Math.min(left, MAX_TIMER_MS);
		if (!(await sleepPart(part, signal))) return false;
		left -= part;
	} while (left > 0);
	return true;
}
