/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Faults of the rollout's reading (fleetReader.ts, state.ts, observed.ts) found by a breaker session, through
 * n8n's engine against the emulator. Every case failed on main fb8d613.
 */
import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from '../../../../fixtures/emulator';
import {
	addFleet,
	packageOf,
	rolloutParameters,
	ROLLOUT,
	step,
} from '../../../../fixtures/rolloutRuns';

jest.mock('../../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../../helpers/fastClock').fastClock(50),
);

const fixture = useEmulator({
	seed: 11,
	speed: 1,
	afterReset: (emu) => emu.setFailureRate(0),
});
beforeEach(() => {
	fixture.emu.config.searchRatePerSecond = 0;
});

/** A search rollout (Status = Online) of 4 online devices, one wave of all, run to its end. */
async function onlineRolloutDone(): Promise<{
	fleet: string[];
	parameters: IDataObject;
}> {
	const fleet = addFleet(fixture.emu, 4);
	for (const id of fleet) fixture.emu.device(id)!.status = 'ONLINE';
	const parameters = rolloutParameters(fixture.emu, {
		wavePlan: '100%',
		statuses: ['ONLINE'],
	});
	expect((await step(fixture, parameters)).decision).toBe('created_wave');
	fixture.emu.clock.advance(2 * 3600_000);
	expect((await step(fixture, parameters)).decision).toBe('complete');
	return { fleet, parameters };
}

describe('Rollout reading faults', () => {
	// main: `halted`, "wave 1 …: 3 of 4 devices report the target version, below the 95% threshold", and
	// counts.on_target_version 3 — fleetReader reads wave devices that left the listing with the operator's
	// filters plus "version is the target", so an offline device is not found and counts as not upgraded.
	it('a wave device that upgraded and then went offline still counts as upgraded (search, Status = Online)', async () => {
		const { fleet, parameters } = await onlineRolloutDone();
		fixture.emu.device(fleet[0])!.status = 'OFFLINE';
		const out = await step(fixture, { ...parameters, operation: 'getStatus' });
		expect([out.decision, (out.counts as IDataObject).on_target_version]).toEqual(['complete', 4]);
	});

	// main: `halted` — Advance's counting reading (stepReading.ts) listed the devices on the version with
	// Status = Online too, so the wave was judged 3 of 4.
	it('Advance judges a wave whose device upgraded and then went offline as upgraded (search, Status = Online)', async () => {
		const fleet = addFleet(fixture.emu, 4);
		for (const id of fleet) fixture.emu.device(id)!.status = 'ONLINE';
		const parameters = rolloutParameters(fixture.emu, { wavePlan: '100%', statuses: ['ONLINE'] });
		expect((await step(fixture, parameters)).decision).toBe('created_wave');
		fixture.emu.clock.advance(2 * 3600_000);
		fixture.emu.device(fleet[0])!.status = 'OFFLINE';
		const out = await step(fixture, parameters);
		expect([out.decision, (out.counts as IDataObject).on_target_version]).toEqual(['complete', 4]);
	});

	// main: fw_roll_rb1 holds 3 devices; the offline one keeps V1.2.0 (lost work, and Roll Back cannot be
	// run again: "already rolled back").
	it('Roll Back reaches a device that upgraded and then went offline', async () => {
		const { fleet, parameters } = await onlineRolloutDone();
		fixture.emu.device(fleet[0])!.status = 'OFFLINE';
		const previous = packageOf(fixture.emu, 'V1.1.0');
		await step(fixture, {
			...parameters,
			operation: 'rollBack',
			rollbackPackageIds: previous,
		});
		const rb = fixture.emu.state().tasks.find((t) => t.name === `${ROLLOUT}_rb1`)!;
		expect([...rb.subTargets].sort()).toEqual(fleet);
	});

	// main: `complete` turns into `halted` ("3 of 4 devices report the target version, below the 95%
	// threshold"): a device IoTDA no longer has stays in the wave's count (observed.ts viewOf: inWave) but
	// is never read (fleetReader leaves a 404 out), so it counts as a device that did not upgrade.
	it('a device deleted after it upgraded does not turn a complete rollout into halted (Device IDs)', async () => {
		const fleet = addFleet(fixture.emu, 4);
		const parameters = rolloutParameters(fixture.emu, {
			targetSource: 'deviceIds',
			deviceIds: fleet.join(','),
			wavePlan: '100%',
		});
		await step(fixture, parameters);
		fixture.emu.clock.advance(2 * 3600_000);
		expect((await step(fixture, parameters)).decision).toBe('complete');
		fixture.emu.state().catalog.deviceRecords.delete(fleet[0]);
		const out = await step(fixture, { ...parameters, operation: 'getStatus' });
		expect(out.decision).toBe('complete');
		expect((out.counts as IDataObject).targets).toBe(3);
		expect(JSON.stringify(out.reasons)).toContain(fleet[0]);
	});

	// main: `halted` as above — a search's wave device that neither search finds was left out.
	it('a device deleted after it upgraded does not turn a complete rollout into halted (search)', async () => {
		const { fleet, parameters } = await onlineRolloutDone();
		fixture.emu.state().catalog.deviceRecords.delete(fleet[1]);
		const out = await step(fixture, { ...parameters, operation: 'getStatus' });
		expect([out.decision, (out.counts as IDataObject).targets]).toEqual(['complete', 3]);
		expect(JSON.stringify(out.reasons)).toContain(fleet[1]);
	});

	// main: counts.targets 5, no reason names ghost-1: fleetReader's listTargets leaves a 404 out, so a
	// mistyped ID is silently dropped and the rollout can end `complete` without it.
	it('a Device ID IoTDA does not have is named, never silently dropped', async () => {
		const fleet = addFleet(fixture.emu, 5);
		const result = await fixture.execute({
			parameters: rolloutParameters(fixture.emu, {
				targetSource: 'deviceIds',
				deviceIds: [...fleet, 'ghost-1'].join(','),
				operation: 'getStatus',
			}) as never,
		});
		expect(result.error?.message).toContain('Device IDs');
		expect(result.error?.message).toContain('ghost-1');
	});

	it('Advance refuses a Device ID IoTDA does not have before it creates any task', async () => {
		const fleet = addFleet(fixture.emu, 3);
		const result = await fixture.execute({
			parameters: rolloutParameters(fixture.emu, {
				targetSource: 'deviceIds',
				deviceIds: [fleet[0], 'ghost-1', fleet[1], 'ghost-2'].join(','),
			}) as never,
		});
		expect(result.error?.message).toMatch(
			/Device IDs names 2 devices IoTDA does not have: "ghost-1,ghost-2"/,
		);
		expect(fixture.emu.state().tasks).toHaveLength(0);
	});

	// main: a plain Batch Task → Create named fw_roll_w2 (2 other devices, package V1.1.0) is read as the
	// rollout's wave 2 (state.ts / observed.ts know a wave by its name only): counts.targets 6 instead of 4,
	// and the rollout is `halted` ("wave 2 (task …): 0 of 2 devices report the target version"); a Roll Back
	// would also treat those devices as the rollout's. Rollout vs rollout names held up ("fw" and "fw_w1").
	it("a plain Create task named like a wave (fw_roll_w2) is named, not taken as the rollout's wave", async () => {
		const fleet = addFleet(fixture.emu, 6);
		const parameters = rolloutParameters(fixture.emu, {
			targetSource: 'deviceIds',
			deviceIds: fleet.slice(0, 4).join(','),
			wavePlan: '1, 100%',
			soakHours: 0,
		});
		await step(fixture, parameters);
		const [foreign] = await fixture.run({
			parameters: {
				resource: 'batchTask',
				operation: 'create',
				taskType: 'firmwareUpgrade',
				taskName: `${ROLLOUT}_w2`,
				packageId: packageOf(fixture.emu, 'V1.1.0'),
				deviceIds: fleet.slice(4).join(','),
			} as never,
		});
		fixture.emu.clock.advance(3 * 3600_000);
		const result = await fixture.execute({
			parameters: { ...parameters, operation: 'getStatus' } as never,
		});
		const shown = result.error ? String(result.error.message) : JSON.stringify(result.outputs);
		expect(shown).toContain(String(foreign.json.task_id));
		expect(shown).not.toMatch(/"targets":6/);
		expect(shown).not.toMatch(/wave 2 \(task [0-9a-f]+\): 0 of 2 devices/);
	});
});
