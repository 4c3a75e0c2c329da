/**
 * A faster stand-in for nodes/HuaweiCloudIotda/helpers/clock.ts: every pause is `factor` times shorter and
 * `now()` runs `factor` times faster, so the node's schedule (poll intervals of at least 1 s, their 60 s
 * cap, pauses between waves) is unchanged in the node's own time while a test takes milliseconds. Install
 * with jest.mock(<path to helpers/clock>, () => require(<this file>).fastClock(50)) — it replaces the module
 * for whoever runs the node, this harness or n8n-core's WorkflowExecute alike.
 */
type ClockModule = typeof import('../../nodes/HuaweiCloudIotda/helpers/clock');

export function fastClock(factor: number): ClockModule {
	const real = jest.requireActual<ClockModule>('../../nodes/HuaweiCloudIotda/helpers/clock');
	const start = Date.now();
	return {
		...real,
		now: () => start + (Date.now() - start) * factor,
		pause: async (ms: number, signal?: AbortSignal) => await real.pause(ms / factor, signal),
	};
}
