/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** Staged rollout: the wave plan; Create → staged rollout (waves, abort threshold, re-run) through n8n's engine, on an accelerated clock. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { planWaves } from '../../../../../../nodes/HuaweiCloudIotda/actions/batchTask/create/stagedRollout';
import { deviceId, TASK_TIMING } from '../../../../../emulator';
import { devicesBetween, upgrade, useRolloutEmulator } from '../../../../../fixtures/rollout';

// The node's clock runs 50 times faster: a 1 s poll (the documented minimum) takes 20 ms.
jest.mock('../../../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../../../helpers/fastClock').fastClock(50),
);

const fixture = useRolloutEmulator();
const run = (parameters: INodeParameters) => fixture.run({ parameters });

describe('planWaves', () => {
	it.each([
		['1%, 10%, 100%', 1000, [10, 100, 1000]],
		['10, 100', 1000, [10, 100, 1000]],
		// Growing as written, merged by rounding: 1 device, then 10% of 5 = 1 device.
		['1, 10%, 100%', 5, [1, 5]],
	])('"%s" of %d devices ends waves at %j', (spec, total, ends) =>
		expect(planWaves(spec, total)).toEqual(ends),
	);

	// "50%, 40%" was planned as [5, 10]: the 40% silently dropped (found by the rollout breaker in the Rollout's
	// Wave Plan; the same kind here). Now refused like the Rollout's plan, by the same rule (helpers/wavePlan.ts).
	it.each([
		['50%, 40%', 'has 40% after 50%'],
		['25%, 25%, 100%', 'has 25% after 25%'],
		['10, 5', 'has 5 after 10'],
	])('refuses "%s", an entry not above the one before: %s', (spec, reason) =>
		expect(() => planWaves(spec, 100)).toThrow(
			`Staged Rollout Waves ${reason}; the plan is cumulative, each wave ends above the one before (e.g. 5%, 25%, 100%)`,
		),
	);

	it('refuses a part that is neither a percentage nor a count, and a wave over 30,000 devices', () => {
		expect(() => planWaves('10%, half', 100)).toThrow(
			'has "half", which is neither a percentage nor a count',
		);
		expect(() => planWaves('100%', 30_001)).toThrow(
			'makes a wave of 30001 devices; a task holds at most 30000, add waves',
		);
	});
});

describe('Staged rollout', () => {
	it('stops after the first wave when its failures pass the threshold: the stop is sent and the rest never start', async () => {
		TASK_TIMING.parallel = 2;
		fixture.emu.setFailureRate(0.6);
		// The wave must still be running when a poll sees too many failures (else it is judged after it
		// finished, with the other reason): at 20× the wave takes ~0.85 s, polls come every 20 ms and more.
		fixture.emu.clock.setSpeed(20);
		const ids = devicesBetween(1, 100);
		const [out] = await run(
			upgrade(fixture, 'rollout_bad', ids, {
				waitForCompletion: true,
				rolloutWaves: '10%, 50%, 100%',
				successThreshold: 90,
				pollInterval: 1,
			}),
		).finally(() => fixture.emu.clock.setSpeed(100));
		const rollout = out.json.rollout as IDataObject & {
			waves: IDataObject[];
			devices: Record<string, unknown[]>;
		};
		expect(rollout.status).toBe('stopped');
		expect(rollout.reason).toMatch(/^wave 1: \d+ of 10 devices failed/);
		expect(rollout.waves).toHaveLength(1);
		expect(rollout.waves[0]).toMatchObject({
			task_name: 'rollout_bad_w1',
			device_count: 10,
			stop_sent: true,
			outcome: 'aborted',
		});
		expect(
			fixture.emu.log.filter((e) => e.method === 'POST' && e.path.endsWith('/stop')),
		).toHaveLength(1);
		expect(fixture.emu.tasks().map((t) => t.task_name)).toEqual(['rollout_bad_w1']);
		expect(rollout.devices.never_started).toEqual(ids.slice(10));
		const accounted = [
			...rollout.devices.succeeded,
			...(rollout.devices.failed as IDataObject[]).map((f) => f.device_id),
			...(rollout.devices.not_finished as IDataObject[]).map((f) => f.device_id),
		];
		expect(accounted.sort()).toEqual(ids.slice(0, 10));
	});

	it('runs every wave when failures stay under the threshold', async () => {
		const ids = devicesBetween(1, 60);
		fixture.emu.failTargets([deviceId(30)]);
		const [out] = await run(
			upgrade(fixture, 'rollout_ok', ids, {
				waitForCompletion: true,
				rolloutWaves: '5, 20%, 100%',
				successThreshold: 90,
				pollInterval: 1,
			}),
		);
		const rollout = out.json.rollout as IDataObject & {
			waves: IDataObject[];
			devices: Record<string, unknown[]>;
		};
		expect([rollout.status, rollout.reason]).toEqual(['completed', undefined]);
		expect(rollout.waves.map((w) => [w.task_name, w.device_count, w.status])).toEqual([
			['rollout_ok_w1', 5, 'Success'],
			['rollout_ok_w2', 7, 'Success'],
			['rollout_ok_w3', 48, 'PartialSuccess'],
		]);
		expect(rollout.devices.never_started).toEqual([]);
		expect(rollout.devices.succeeded).toHaveLength(59);
		expect(fixture.emu.log.filter((e) => e.path.endsWith('/stop'))).toHaveLength(0);
	});
});

describe('Staged rollout re-run', () => {
	it('with "Return Existing Task" a re-run reuses the waves already made instead of creating them again', async () => {
		const ids = devicesBetween(1, 30);
		const options = {
			waitForCompletion: true,
			rolloutWaves: '10%, 100%',
			successThreshold: 90,
			pollInterval: 1,
			ifTaskExists: 'returnExisting',
			idempotencyKey: 'nightly-2026-11-27',
		};
		const [first] = await run(upgrade(fixture, 'resume', ids, options));
		expect((first.json.rollout as IDataObject).status).toBe('completed');
		expect(fixture.emu.tasks()).toHaveLength(2);
		const [again] = await run(upgrade(fixture, 'resume', ids, options));
		const rollout = again.json.rollout as IDataObject & { waves: IDataObject[] };
		expect(rollout.status).toBe('completed');
		expect(rollout.waves.map((w) => w.task_id)).toEqual(fixture.emu.tasks().map((t) => t.task_id));
		expect(fixture.emu.tasks()).toHaveLength(2);
		expect(
			fixture.emu.log.filter((e) => e.method === 'POST' && /\/batchtasks$/.test(e.path)),
		).toHaveLength(2);
	});
});
