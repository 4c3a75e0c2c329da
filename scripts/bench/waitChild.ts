/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Row 4, one run in its own process: status requests spent waiting for a task that takes 10 emulated
 * minutes — the node's Wait for Completion (poll 30 s, growing by half up to 60 s) next to a naive poller
 * that asks every 30 s, both against the same emulator at the same time.
 *
 * Time: the emulator's task clock runs SPEED times faster than the wall clock, and in this process every
 * timer of 1 s or more fires SPEED times sooner. The node's sleeps are such timers (pollInterval and its
 * 60 s cap alike), so its schedule in emulated time is exactly what it would be in real time; shorter
 * timers (sockets, axios' connect timer is the only longer one and stays ample on loopback) are untouched.
 * Scaling only the Poll Interval option (30/SPEED s) would not do: the node's 60 s cap is not an option.
 */
import axios from 'axios';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { authenticateRequest } from '../../credentials/common/authenticate';
import { DEFAULT_ACCOUNT, deviceId, startEmulator, TASK_TIMING } from '../../test/emulator';
import { credentialsFor } from '../../test/helpers/emulatorCredentials';
import { runNode } from '../../test/helpers/engine';

const TASK_MINUTES = 10;
const POLL_SECONDS = 30;

export interface WaitRun {
	speed: number;
	taskMinutes: number;
	/** GET requests for the node's task: status polls (and result pages, none for an all-success task). */
	nodeRequests: number;
	/** What the node itself reports in its output (`wait.status_requests`). */
	nodeStatusRequests: number;
	nodeOutcome: string;
	naiveRequests: number;
	/** Wall time of the node's wait, in real and in emulated seconds. */
	realSeconds: number;
	emulatedSeconds: number;
}

function scaleTimers(speed: number): void {
	const real = globalThis.setTimeout;
	const scaled = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) =>
		real(fn, typeof ms === 'number' && ms >= 1000 ? ms / speed : ms, ...args)) as typeof setTimeout;
	globalThis.setTimeout = Object.assign(scaled, real);
}

/** The naive way: GET the task every 30 s until it is terminal. Returns the number of requests. */
async function naivePoll(url: string, taskId: string): Promise<number> {
	const credentials = credentialsFor(DEFAULT_ACCOUNT, url);
	for (let requests = 1; ; requests++) {
		const signed = authenticateRequest(
			credentials,
			{ method: 'GET', url: `/v5/iot/{project_id}/batchtasks/${taskId}`, qs: { limit: 1 } },
			new Date(),
		);
		const response = await axios.request({
			method: 'GET',
			url: signed.url,
			headers: signed.headers as Record<string, string>,
		});
		if (['Success', 'Fail', 'PartialSuccess', 'Stopped'].includes(response.data.batchtask.status))
			return requests;
		await new Promise((resolve) => setTimeout(resolve, POLL_SECONDS * 1000));
	}
}

async function main(speed: number): Promise<WaitRun> {
	// One attempt per device, all devices in parallel: init 1 s + wait 1 s + 598 s = 10 minutes.
	TASK_TIMING.attemptMs = TASK_MINUTES * 60_000 - TASK_TIMING.initMs - TASK_TIMING.waitMs;
	const emulator = await startEmulator({ port: 0, seed: 4, speed });
	scaleTimers(speed);
	try {
		const devices = Array.from({ length: 100 }, (_, i) => deviceId(i + 1)); // seeded devices: all succeed
		const create = (name: string, options: INodeParameters): Promise<INodeExecutionData[]> =>
			runNode({
				parameters: {
					resource: 'batchTask',
					operation: 'create',
					taskType: 'freezeDevices',
					taskName: name,
					deviceIds: devices.join(','),
					options,
				},
				credentials: credentialsFor(DEFAULT_ACCOUNT, emulator.url),
			});
		const [naiveTask] = await create('bench_naive', {});
		const naive = naivePoll(emulator.url, String(naiveTask.json.task_id));
		const realStart = Date.now();
		const emuStart = emulator.clock.now();
		const [waited] = await create('bench_wait', {
			waitForCompletion: true,
			pollInterval: POLL_SECONDS,
			maxWait: 60,
		});
		const realSeconds = (Date.now() - realStart) / 1000;
		const emulatedSeconds = (emulator.clock.now() - emuStart) / 1000;
		const naiveRequests = await naive;
		const taskId = String(waited.json.task_id);
		const wait = waited.json.wait as { status_requests: number; outcome: string };
		return {
			speed,
			taskMinutes: TASK_MINUTES,
			nodeRequests: emulator.log.filter(
				(e) => e.method === 'GET' && e.path.endsWith(`/batchtasks/${taskId}`),
			).length,
			nodeStatusRequests: wait.status_requests,
			nodeOutcome: `${wait.outcome} (${String(waited.json.status)})`,
			naiveRequests,
			realSeconds,
			emulatedSeconds,
		};
	} finally {
		await emulator.close();
	}
}

main(Number(process.argv[2] ?? 100)).then(
	(result) => process.stdout.write(JSON.stringify(result) + '\n'),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
