/**
 * Rollout orchestration against the emulator on an accelerated clock: Wait for Completion, staged waves
 * with an abort threshold, and duplicate protection when a create's response is lost.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, deviceId, startEmulator, TASK_TIMING, type Emulator } from './emulator';
import { credentialsFor } from './helpers/emulatorCredentials';
import { runNode, type ParamValue } from './helpers/n8nHarness';

// The node's clock runs 50 times faster: a 1 s poll (the documented minimum) takes 20 ms.
jest.mock('../nodes/HuaweiCloudIotda/helpers/clock', () => require('./helpers/fastClock').fastClock(50));

let emulator: Emulator;
const defaultParallel = TASK_TIMING.parallel;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, seed: 11, speed: 100 });
});
afterAll(async () => {
	TASK_TIMING.parallel = defaultParallel;
	await emulator?.close();
});
beforeEach(() => {
	emulator.reset();
	emulator.setFailureRate(0);
	emulator.config.failTargets.clear();
	TASK_TIMING.parallel = defaultParallel;
});

const devices = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => deviceId(from + i));

function firmwarePackageId(): string {
	return emulator.state().catalog.packages.find((p) => p.package_type === 'firmwarePackage')!.package_id;
}

function upgrade(taskName: string, ids: string[], options: IDataObject): Record<string, ParamValue> {
	return {
		resource: 'batchTask',
		operation: 'create',
		taskType: 'firmwareUpgrade',
		taskName,
		packageId: firmwarePackageId(),
		deviceIds: ids,
		options,
	};
}

const run = (parameters: Record<string, ParamValue>) => runNode({ parameters, credentials: credentialsFor(DEFAULT_ACCOUNT, emulator.url) });
const statusPolls = (taskId: string) => emulator.log.filter((e) => e.method === 'GET' && e.path.endsWith(`/batchtasks/${taskId}`) && !e.query.includes('task_detail_status'));

describe('Wait for Completion', () => {
	it('polls until the task finishes and splits devices into succeeded and failed, with error codes', async () => {
		emulator.failTargets([deviceId(3), deviceId(7)]);
		const [out] = await run(upgrade('wait_1', devices(1, 20), { waitForCompletion: true, pollInterval: 1, maxWait: 60 }));
		const result = out.json as IDataObject & { devices: { succeeded: string[]; failed: IDataObject[] }; wait: IDataObject };
		expect(result.status).toBe('PartialSuccess');
		expect(result.devices.succeeded).toEqual(devices(1, 20).filter((d) => d !== deviceId(3) && d !== deviceId(7)));
		expect(result.devices.failed.map((f) => f.device_id)).toEqual([deviceId(3), deviceId(7)]);
		expect(result.devices.failed[0]).toMatchObject({ status: 'Fail', error_code: expect.stringMatching(/^IOTDA\./), error_msg: expect.any(String) });
		expect(result.wait).toMatchObject({ outcome: 'finished' });
	});

	it('sends at most (wait time / poll interval + 2) status requests', async () => {
		emulator.clock.setSpeed(10);
		try {
			const poll = 1;
			const [out] = await run(upgrade('wait_bound', devices(1, 5), { waitForCompletion: true, pollInterval: poll, maxWait: 60 }));
			const wait = out.json.wait as { waited_seconds: number; status_requests: number };
			const polls = statusPolls(String(out.json.task_id)).length;
			expect(polls).toBe(wait.status_requests);
			expect(polls).toBeGreaterThan(1);
			expect(polls).toBeLessThanOrEqual(Math.floor(wait.waited_seconds / poll) + 2);
		} finally {
			emulator.clock.setSpeed(100);
		}
	});

	it('outputs one item per device when asked', async () => {
		emulator.failTargets([deviceId(2)]);
		const out = await run(upgrade('wait_items', devices(1, 4), { waitForCompletion: true, pollInterval: 1, deviceOutput: 'items' }));
		expect(out.map((o) => [o.json.device_id, o.json.status])).toEqual([
			[deviceId(1), 'Success'],
			[deviceId(3), 'Success'],
			[deviceId(4), 'Success'],
			[deviceId(2), 'Fail'],
		]);
		expect(out[3].json.error_code).toMatch(/^IOTDA\./);
	});
});

describe('Staged rollout', () => {
	it('stops after the first wave when its failures pass the threshold: the stop is sent and the rest never start', async () => {
		TASK_TIMING.parallel = 2;
		emulator.setFailureRate(0.6);
		const ids = devices(1, 100);
		const [out] = await run(upgrade('rollout_bad', ids, { waitForCompletion: true, rolloutWaves: '10%, 50%, 100%', successThreshold: 90, pollInterval: 1 }));
		const rollout = (out.json.rollout as IDataObject & { waves: IDataObject[]; devices: Record<string, unknown[]> });
		expect(rollout.status).toBe('stopped');
		expect(rollout.reason).toMatch(/^wave 1: \d+ of 10 devices failed/);
		expect(rollout.waves).toHaveLength(1);
		expect(rollout.waves[0]).toMatchObject({ task_name: 'rollout_bad_w1', device_count: 10, stop_sent: true, outcome: 'aborted' });
		expect(emulator.log.filter((e) => e.method === 'POST' && e.path.endsWith('/stop'))).toHaveLength(1);
		expect(emulator.tasks().map((t) => t.task_name)).toEqual(['rollout_bad_w1']);
		expect(rollout.devices.never_started).toEqual(ids.slice(10));
		const accounted = [...rollout.devices.succeeded, ...(rollout.devices.failed as IDataObject[]).map((f) => f.device_id), ...(rollout.devices.not_finished as IDataObject[]).map((f) => f.device_id)];
		expect(accounted.sort()).toEqual(ids.slice(0, 10));
	});

	it('runs every wave when failures stay under the threshold', async () => {
		const ids = devices(1, 60);
		emulator.failTargets([deviceId(30)]);
		const [out] = await run(upgrade('rollout_ok', ids, { waitForCompletion: true, rolloutWaves: '5, 20%, 100%', successThreshold: 90, pollInterval: 1 }));
		const rollout = out.json.rollout as IDataObject & { waves: IDataObject[]; devices: Record<string, unknown[]> };
		expect([rollout.status, rollout.reason]).toEqual(['completed', undefined]);
		expect(rollout.waves.map((w) => [w.task_name, w.device_count, w.status])).toEqual([
			['rollout_ok_w1', 5, 'Success'],
			['rollout_ok_w2', 7, 'Success'],
			['rollout_ok_w3', 48, 'PartialSuccess'],
		]);
		expect(rollout.devices.never_started).toEqual([]);
		expect(rollout.devices.succeeded).toHaveLength(59);
		expect(emulator.log.filter((e) => e.path.endsWith('/stop'))).toHaveLength(0);
	});
});

describe('Staged rollout re-run', () => {
	it('with "Return Existing Task" a re-run reuses the waves already made instead of creating them again', async () => {
		const ids = devices(1, 30);
		const options = { waitForCompletion: true, rolloutWaves: '10%, 100%', successThreshold: 90, pollInterval: 1, ifTaskExists: 'returnExisting', idempotencyKey: 'nightly-2026-11-27' };
		const [first] = await run(upgrade('resume', ids, options));
		expect((first.json.rollout as IDataObject).status).toBe('completed');
		expect(emulator.tasks()).toHaveLength(2);
		const [again] = await run(upgrade('resume', ids, options));
		const rollout = again.json.rollout as IDataObject & { waves: IDataObject[] };
		expect(rollout.status).toBe('completed');
		expect(rollout.waves.map((w) => w.task_id)).toEqual(emulator.tasks().map((t) => t.task_id));
		expect(emulator.tasks()).toHaveLength(2);
		expect(emulator.log.filter((e) => e.method === 'POST' && /\/batchtasks$/.test(e.path))).toHaveLength(2);
	});
});

describe('Duplicate protection', () => {
	it('a create whose response was dropped, then a re-run, leaves exactly one task', async () => {
		emulator.faults.add({ kind: 'commitThenDrop', match: { method: 'POST', path: /\/batchtasks$/ } });
		const options = { idempotencyKey: 'execution-4711', ifTaskExists: 'returnExisting' };
		// The connection breaks after IoTDA created the task: the node finds it instead of creating another.
		const [first] = await run(upgrade('nightly', devices(1, 3), options));
		expect(first.json).toMatchObject({ existing: true, recovered_after: 'ECONNRESET' });
		expect(emulator.log.filter((e) => e.method === 'POST')).toHaveLength(1);
		expect(emulator.tasks()).toHaveLength(1);
		expect(first.json.task_id).toBe(emulator.tasks()[0].task_id);

		const [second] = await run(upgrade('nightly', devices(1, 3), options));
		expect(second.json.existing).toBe(true);
		expect(emulator.tasks()).toHaveLength(1);
		expect(second.json.task_id).toBe(emulator.tasks()[0].task_id);
		expect(second.json.task_name).toMatch(/^nightly_[0-9a-f]{10}$/);

		const [other] = await run(upgrade('nightly', devices(1, 3), { ...options, idempotencyKey: 'execution-4712' }));
		expect(other.json.existing).toBeUndefined();
		expect(emulator.tasks()).toHaveLength(2);
	});

	it('"Fail" names the existing task and creates nothing', async () => {
		await run(upgrade('once_only', devices(1, 2), {}));
		const error = await run(upgrade('once_only', devices(1, 2), { ifTaskExists: 'fail' })).catch((e: Error) => e);
		expect((error as Error).message).toMatch(/^A batch task named "once_only" already exists \([0-9a-f]{24}, \w+\) \[item 0\]$/);
		expect(emulator.tasks()).toHaveLength(1);
	});
});
