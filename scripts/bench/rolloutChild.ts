/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Row 6, one run in its own process: the requests a 100,000-device rollout of 4 waves (25 %, 50 %, 75 %,
 * 100 %; every wave 25,000 devices, each running one emulated hour; threshold 95 % on verified devices)
 * sends to IoTDA, counted from the emulator's request log, either way:
 *
 * - `advance`: Rollout → Advance with target "Devices Matching a Search" (tag rollout_test), one execution
 *   per tick of a 15-minute Schedule Trigger (the emulator clock is moved 15 min between executions),
 *   Minimum Soak Time 2 h (the wave's hour plus an hour), until `complete`. Per step: its decision and the
 *   requests of each kind.
 * - `advanceSubTaskStatus`: the same with Judge On = Sub-Task Status.
 * - `inExecution`: Create with Staged Rollout Waves of the same search and waves, Wait for Completion (poll
 *   30 s growing to 60 s), Pause Between Waves 60 min: one execution of 7 emulated hours.
 *
 * The node is loaded from `root` (argv[3], default this checkout), so a checkout of another commit (e.g. main
 * before a change) is measured by the same driver. Time: SearchDevices' 1 request/s is not waited for — the
 * emulator's search rate is 0 and the node's pacer pauses are SPEED times shorter (as in searchChild.ts) — so
 * the caller converts the counted requests to IoTDA time at 1 request/s.
 */
import path from 'path';

const ROOT = path.resolve(process.argv[3] ?? path.resolve(__dirname, '../..'));
const load = (file: string) => require(path.join(ROOT, file));

export const DEVICES = 100_000;
const WAVES = '25%, 50%, 75%, 100%';
const TICK_MS = 15 * 60_000;
/** One emulated hour for a wave of 25,000 (1,000 sub-tasks in parallel: 25 rounds of one attempt). */
const ATTEMPT_MS = 144_000;
const SPEED = 2000;

/** Requests of one step (or the whole in-execution run) by kind, from the emulator's request log. */
export interface RequestKinds {
	total: number;
	search: number;
	searchCount: number;
	listTasks: number;
	showTask: number;
	showDevice: number;
	create: number;
	stop: number;
}

export interface AdvanceStep {
	decision: string;
	wave: number;
	requests: RequestKinds;
	/** What the step's output says it sent (`requests`). */
	reported: number;
}

export interface RolloutRun {
	mode: 'advance' | 'advanceSubTaskStatus' | 'inExecution';
	root: string;
	devices: number;
	steps?: AdvanceStep[];
	total: RequestKinds;
	outcome: string;
	emulatedHours: number;
	wallSeconds: number;
}

interface Logged {
	method: string;
	path: string;
	bodySize: number;
}

function kinds(log: Logged[], sqlCounts: number): RequestKinds {
	const is = (m: string, re: RegExp) => log.filter((e) => e.method === m && re.test(e.path)).length;
	const search = is('POST', /\/search\/query-devices$/);
	return {
		total: log.length,
		search: search - sqlCounts,
		searchCount: sqlCounts,
		listTasks: is('GET', /\/batchtasks$/),
		showTask: is('GET', /\/batchtasks\/[^/]+$/),
		showDevice: is('GET', /\/devices\/[^/]+$/),
		create: is('POST', /\/batchtasks$/),
		stop: is('POST', /\/batchtasks\/[^/]+\/stop$/),
	};
}

/** The node's clock, SPEED times faster (the pacer's 1 s pauses take 0.5 ms). */
function fastNodeClock(): void {
	const clock = load('nodes/HuaweiCloudIotda/helpers/clock');
	const realPause = clock.pause;
	const start = Date.now();
	clock.now = () => start + (Date.now() - start) * SPEED;
	clock.pause = async (ms: number, signal?: AbortSignal) => await realPause(ms / SPEED, signal);
}

/** Counts the SearchDevices statements that are `select count(*)` (the log keeps no bodies). */
function countingSearches(): { count: () => number; reset: () => void } {
	const api = load('nodes/HuaweiCloudIotda/api/devices');
	const real = api.searchDevices;
	let counted = 0;
	api.searchDevices = async function (this: unknown, sql: string, ...rest: unknown[]) {
		if (/^select count\(/.test(sql)) counted++;
		return await real.call(this, sql, ...rest);
	};
	return { count: () => counted, reset: () => (counted = 0) };
}

async function fleet(speed: number) {
	const { startEmulator, TASK_TIMING } = load('test/emulator');
	TASK_TIMING.attemptMs = ATTEMPT_MS;
	const emu = await startEmulator({ port: 0, seed: 11, speed, failureRate: 0 });
	emu.config.searchRatePerSecond = 0;
	const catalog = emu.state().catalog;
	const product = catalog.products[0].product_id;
	emu.addDevices({
		count: DEVICES,
		prefix: 'roll',
		productId: product,
		attrs: () => ({ fw_version: 'V1.0.0', tags: [{ tag_key: 'rollout_test', tag_value: 'yes' }] }),
	});
	const pkg = catalog.packages.find(
		(p: any) =>
			p.package_type === 'firmwarePackage' && p.product_id === product && p.version === 'V1.2.0',
	).package_id;
	return { emu, pkg };
}

/** `judgeOn`: the rollout's Judge On (`advanceSubTaskStatus` runs it on sub-task status). */
async function advance(judgeOn: 'verified' | 'subTaskStatus'): Promise<RolloutRun> {
	fastNodeClock();
	const counting = countingSearches();
	const { runNode } = load('test/helpers/engine');
	const { credentialsFor } = load('test/helpers/emulatorCredentials');
	const { DEFAULT_ACCOUNT } = load('test/emulator');
	// The emulator clock all but stands still (the tick moves it), so a slower step (the checkout before a
	// change) sees the same emulated times and takes the same decisions.
	const { emu, pkg } = await fleet(1e-6);
	const wall = Date.now();
	const emuStart = emu.clock.now();
	try {
		const parameters = {
			resource: 'rollout',
			operation: 'advance',
			rolloutName: 'bench_roll',
			taskType: 'firmwareUpgrade',
			packageIds: pkg,
			targetVersion: 'V1.2.0',
			wavePlan: WAVES,
			soakHours: 2,
			thresholdPercent: 95,
			judgeOn,
			targetSource: 'search',
			filterMode: 'form',
			tagKey: 'rollout_test',
		};
		const steps: AdvanceStep[] = [];
		for (let tick = 0; tick < 200; tick++) {
			emu.requestLog.clear();
			counting.reset();
			const [out] = await runNode({
				parameters,
				credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
			});
			const json = out.json;
			if (json.decision === undefined)
				throw new Error(`step ${tick}: ${JSON.stringify(json).slice(0, 300)}`);
			steps.push({
				decision: String(json.decision),
				wave: Number(json.wave),
				requests: kinds(emu.log, counting.count()),
				reported: Number(json.requests),
			});
			process.stderr.write(
				`[rollout] ${tick} ${json.decision} w${json.wave} ${json.requests} requests\n`,
			);
			if (json.decision === 'complete' || json.decision === 'halted') break;
			emu.clock.advance(Math.max(0, emuStart + (tick + 1) * TICK_MS - emu.clock.now()));
		}
		const total = steps.reduce(
			(sum, s) => {
				for (const k of Object.keys(sum) as (keyof RequestKinds)[]) sum[k] += s.requests[k];
				return sum;
			},
			kinds([], 0),
		);
		return {
			mode: judgeOn === 'verified' ? 'advance' : 'advanceSubTaskStatus',
			root: ROOT,
			devices: DEVICES,
			steps,
			total,
			outcome: steps[steps.length - 1].decision,
			emulatedHours: (emu.clock.now() - emuStart) / 3600_000,
			wallSeconds: (Date.now() - wall) / 1000,
		};
	} finally {
		await emu.close();
	}
}

async function inExecution(): Promise<RolloutRun> {
	fastNodeClock();
	const counting = countingSearches();
	const { runNode } = load('test/helpers/engine');
	const { credentialsFor } = load('test/helpers/emulatorCredentials');
	const { DEFAULT_ACCOUNT } = load('test/emulator');
	// The node's pauses (polls, the pause between waves, the pacer) are SPEED times shorter, as the emulator's
	// clock is SPEED times faster; request timeouts stay real.
	const { emu, pkg } = await fleet(SPEED);
	const wall = Date.now();
	const emuStart = emu.clock.now();
	try {
		emu.requestLog.clear();
		const [out] = await runNode({
			parameters: {
				resource: 'batchTask',
				operation: 'create',
				taskType: 'firmwareUpgrade',
				taskName: 'bench_roll',
				packageId: pkg,
				targetSource: 'deviceSearch',
				searchFirmwareMatch: 'isNot',
				searchFirmwareVersions: 'V1.2.0',
				searchTagKey: 'rollout_test',
				options: {
					waitForCompletion: true,
					rolloutWaves: WAVES,
					successThreshold: 95,
					pauseBetweenWaves: 60,
					pollInterval: 30,
					maxWait: 600,
				},
			},
			credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
		});
		const rollout = out.json.rollout as { status?: string; waves?: unknown[] } | undefined;
		return {
			mode: 'inExecution',
			root: ROOT,
			devices: DEVICES,
			total: kinds(emu.log, counting.count()),
			outcome: `${rollout?.status ?? JSON.stringify(out.json).slice(0, 200)}, ${rollout?.waves?.length ?? 0} waves`,
			emulatedHours: (emu.clock.now() - emuStart) / 3600_000,
			wallSeconds: (Date.now() - wall) / 1000,
		};
	} finally {
		await emu.close();
	}
}

const MODE = process.argv[2];
(MODE === 'inExecution'
	? inExecution()
	: advance(MODE === 'advanceSubTaskStatus' ? 'subTaskStatus' : 'verified')
).then(
	(result) => process.stdout.write(JSON.stringify(result) + '\n'),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
