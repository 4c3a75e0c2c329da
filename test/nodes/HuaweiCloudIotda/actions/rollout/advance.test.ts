/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Rollout → Advance through n8n's engine against the emulator, one execution per step: a 4-wave rollout of
 * 200 devices converges to `complete` with every device upgraded exactly once; a failing wave 2 halts it;
 * 20 runs at once make one wave.
 */
import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from '../../../../fixtures/emulator';
import {
	addFleet,
	advanceTo,
	rolloutParameters,
	ROLLOUT,
	step,
	subTaskLog,
} from '../../../../fixtures/rolloutRuns';

jest.mock('../../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../../helpers/fastClock').fastClock(50),
);

const fixture = useEmulator({ seed: 11, speed: 1, afterReset: (emu) => emu.setFailureRate(0) });
beforeEach(() => {
	fixture.emu.config.searchRatePerSecond = 0; // the node's own pacing is tested in fleet/
});

const waveTask = (n: number) => fixture.emu.tasksNamed(`${ROLLOUT}_w${n}`);

/** Advance runs until `complete` or `halted` (at most `max`), moving the clock to each next_check_at. */
async function driveRollout(parameters: IDataObject, max = 40): Promise<IDataObject[]> {
	const outputs: IDataObject[] = [];
	for (let run = 0; run < max; run++) {
		const out = await step(fixture, parameters);
		outputs.push(out);
		if (out.decision === 'created_wave' && Number(out.wave) > 1) {
			// The previous wave had ended, met the threshold and soaked an hour from its start before this one.
			const previous = waveTask(Number(out.wave) - 1)[0];
			expect([out.wave, previous.status, previous.progress.success / previous.targets]).toEqual([
				out.wave,
				'Success',
				1,
			]);
			const started = outputs.find(
				(o) => o.decision === 'created_wave' && o.wave === Number(out.wave) - 1,
			)!;
			const previousStart = Date.parse(String((started.planned_action as IDataObject).start_at));
			expect(Date.parse(String(out.read_at)) - previousStart).toBeGreaterThanOrEqual(3600_000);
		}
		if (out.decision === 'complete' || out.decision === 'halted') break;
		advanceTo(fixture.emu, out.next_check_at, 60_000);
	}
	return outputs;
}

describe('Rollout → Advance, one step per execution', () => {
	it('rolls 200 devices out in 4 planned waves to complete, each device upgraded exactly once', async () => {
		const fleet = addFleet(fixture.emu, 200);
		const outputs = await driveRollout(rolloutParameters(fixture.emu));
		const last = outputs[outputs.length - 1];
		expect(last.decision).toBe('complete');
		expect(last.counts).toEqual({
			targets: 200,
			on_target_version: 200,
			succeeded: 200,
			failed: 0,
			pending: 0,
			never_started: 0,
		});
		expect([1, 2, 3, 4, 5].map((n) => waveTask(n).map((t) => t.targets))).toEqual([
			[10],
			[40],
			[50],
			[100],
			[],
		]);
		const { succeeded, started } = subTaskLog(fixture.emu);
		expect(fleet.filter((id) => succeeded.get(id) !== 1 || started.get(id) !== 1)).toEqual([]);
		expect(fleet.every((id) => fixture.emu.device(id)!.fw_version === 'V1.2.0')).toBe(true);
		// Every output has the one shape; each step sent requests and at most one change.
		for (const out of outputs) {
			expect(Object.keys(out).sort()).toEqual(Object.keys(last).sort());
			expect(
				(out.created_task_ids as string[]).length + (out.stopped_task_ids as string[]).length,
			).toBeLessThanOrEqual(1);
		}
		const decisions = outputs.map((o) => o.decision);
		expect(decisions.filter((d) => d === 'created_wave')).toHaveLength(4);
		expect(new Set(decisions)).toEqual(
			new Set(['created_wave', 'waiting', 'soaking_until', 'complete']),
		);
		console.log(
			`rollout of 200 devices: ${outputs.length} executions; requests per step ${outputs.map((o) => o.requests).join(', ')}`,
		);
	});

	it('halts when wave 2 misses the threshold; later waves are never created', async () => {
		const fleet = addFleet(fixture.emu, 200);
		fixture.emu.failTargets(fleet.slice(10, 20)); // 10 of wave 2's 40 devices (device ID order) fail: 75 %
		const outputs = await driveRollout(rolloutParameters(fixture.emu));
		const last = outputs[outputs.length - 1];
		expect([last.decision, last.wave]).toEqual(['halted', 2]);
		expect(String((last.reasons as string[])[0])).toMatch(
			/wave 2 .*30 of 40 devices report the target version, below the 95% threshold/,
		);
		// More runs later change nothing: still halted, no wave 3.
		fixture.emu.clock.advance(24 * 3600_000);
		const again = await step(fixture, rolloutParameters(fixture.emu));
		expect([again.decision, again.created_task_ids, waveTask(3)]).toEqual(['halted', [], []]);
	});

	it('20 Advance runs started at once make one wave: the twins are stopped before their sub-tasks start', async () => {
		const fleet = addFleet(fixture.emu, 60);
		const parameters = rolloutParameters(fixture.emu, {
			targetSource: 'deviceIds',
			deviceIds: fleet.join(','),
		});
		const outputs = await Promise.all(
			Array.from({ length: 20 }, async () => await step(fixture, parameters)),
		);
		const created = waveTask(1);
		const live = created.filter((t) => !['Stopped', 'Stopping'].includes(t.status));
		const racesStopped = outputs.reduce((sum, o) => sum + Number(o.races_stopped), 0);
		expect(live).toHaveLength(1);
		expect(racesStopped).toBe(created.length - 1);
		expect(outputs.filter((o) => o.decision === 'created_wave')).toHaveLength(1);
		expect(outputs.filter((o) => o.decision === 'waiting')).toHaveLength(19);
		// No twin's sub-task ever started: after the wave ran, each of its 3 devices (5 % of 60) started exactly one.
		fixture.emu.clock.advance(120_000);
		const { started } = subTaskLog(fixture.emu);
		expect(live[0].targets).toBe(3);
		expect(fleet.map((id) => started.get(id) ?? 0)).toEqual([1, 1, 1, ...Array(57).fill(0)]);
		const next = await step(fixture, parameters);
		expect([next.decision, next.created_task_ids, waveTask(2)]).toEqual(['soaking_until', [], []]);
		console.log(
			`20 concurrent Advance runs: ${created.length} wave-1 tasks created, ${racesStopped} races stopped, 1 wave kept`,
		);
	});
});
