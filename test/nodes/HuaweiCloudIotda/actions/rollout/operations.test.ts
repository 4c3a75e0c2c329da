/**
 * Rollout's other paths through n8n's engine against the emulator: approval between waves, a maintenance
 * window, Halt, Roll Back and Get Status (which sends no change).
 */
import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from '../../../../fixtures/emulator';
import {
	addFleet,
	packageOf,
	rolloutParameters,
	ROLLOUT,
	step,
	subTaskLog,
} from '../../../../fixtures/rolloutRuns';

const fixture = useEmulator({ seed: 11, speed: 1, afterReset: (emu) => emu.setFailureRate(0) });
const waveTask = (n: number) => fixture.emu.tasksNamed(`${ROLLOUT}_w${n}`);

/** A Device IDs rollout of 20 devices (waves 1, 5, 10, 20 devices); runs wave 1 to its end and soak. */
async function afterWaveOne(over: IDataObject = {}) {
	const fleet = addFleet(fixture.emu, 20);
	const parameters = rolloutParameters(fixture.emu, {
		targetSource: 'deviceIds',
		deviceIds: fleet.join(','),
		...over,
	});
	expect((await step(fixture, parameters)).decision).toBe('created_wave');
	fixture.emu.clock.advance(2 * 3600_000);
	return { fleet, parameters };
}

describe('Rollout operations', () => {
	it('approval: wave 2 waits for Approve Wave = 2; an approval for another wave is not used', async () => {
		const { parameters } = await afterWaveOne({ requireApproval: true });
		const waiting = await step(fixture, parameters);
		expect([waiting.decision, waiting.wave, waiting.next_check_at]).toEqual([
			'awaiting_approval',
			2,
			null,
		]);
		const wrong = await step(fixture, { ...parameters, approveWave: 3 });
		expect([wrong.decision, waveTask(2)]).toEqual(['awaiting_approval', []]);
		const approved = await step(fixture, { ...parameters, approveWave: 2 });
		expect([approved.decision, approved.wave, waveTask(2).map((t) => t.targets)]).toEqual([
			'created_wave',
			2,
			[4],
		]);
	});

	it('outside the window: the wave is scheduled for the next opening, and the next step says so', async () => {
		const hour = new Date(fixture.emu.clock.now()).getUTCHours();
		const window = {
			weekdays: [1, 2, 3, 4, 5, 6, 7],
			startHour: (hour + 2) % 24,
			endHour: (hour + 3) % 24 || 24,
		};
		const fleet = addFleet(fixture.emu, 20);
		const parameters = rolloutParameters(fixture.emu, {
			targetSource: 'deviceIds',
			deviceIds: fleet.join(','),
			maintenanceWindow: window,
		});
		const created = await step(fixture, parameters);
		const startAt = String((created.planned_action as IDataObject).start_at);
		expect(new Date(startAt).getUTCHours()).toBe(window.startHour);
		expect(new Date(startAt).getUTCMinutes()).toBe(0);
		const next = await step(fixture, parameters);
		expect([next.decision, next.next_check_at]).toEqual(['outside_window_until', startAt]);
		// Nothing runs before the opening.
		expect(subTaskLog(fixture.emu).started.size).toBe(0);
	});

	it('Halt stops the running wave and records the marker; later Advance runs stay halted', async () => {
		const fleet = addFleet(fixture.emu, 20);
		const parameters = rolloutParameters(fixture.emu, {
			targetSource: 'deviceIds',
			deviceIds: fleet.join(','),
		});
		await step(fixture, parameters);
		const halted = await step(fixture, { ...parameters, operation: 'halt' });
		const marker = fixture.emu.tasksNamed(`${ROLLOUT}_halt`);
		expect([halted.decision, marker.length, waveTask(1)[0].status]).toEqual([
			'halted',
			1,
			'Stopping',
		]);
		expect(halted.stopped_task_ids).toEqual([waveTask(1)[0].task_id, marker[0].task_id]);
		fixture.emu.clock.advance(8 * 24 * 3600_000);
		const later = await step(fixture, parameters);
		expect([later.decision, later.created_task_ids, waveTask(2)]).toEqual(['halted', [], []]);
		// Neither the stopped wave nor the marker ever started a sub-task.
		expect(subTaskLog(fixture.emu).started.size).toBe(0);
	});

	it('Roll Back upgrades the devices that took the version to the previous package, and halts', async () => {
		const { fleet, parameters } = await afterWaveOne();
		const previous = packageOf(fixture.emu, 'V1.1.0');
		const out = await step(fixture, {
			...parameters,
			operation: 'rollBack',
			rollbackPackageIds: previous,
		});
		expect(out.decision).toBe('halted');
		const task = fixture.emu.state().tasks.find((t) => t.name === `${ROLLOUT}_rb1`)!;
		expect([task.subTargets, task.view.document]).toEqual([
			[fleet[0]],
			{ package_ids: [previous] },
		]);
		fixture.emu.clock.advance(120_000);
		expect(fixture.emu.device(fleet[0])!.fw_version).toBe('V1.1.0');
		const again = await fixture.execute({
			parameters: { ...parameters, operation: 'rollBack', rollbackPackageIds: previous } as never,
		});
		expect(String(again.error?.message)).toMatch(
			/already rolled back \(task "fw_roll_rb1" exists\)/,
		);
	});

	it('Get Status reads what Advance would do and changes nothing (no POST in the emulator log)', async () => {
		const { parameters } = await afterWaveOne();
		const tasksBefore = fixture.emu.tasks();
		fixture.emu.requestLog.clear();
		const status = await step(fixture, { ...parameters, operation: 'getStatus' });
		expect([status.decision, status.wave, (status.planned_action as IDataObject).type]).toEqual([
			'created_wave',
			2,
			'create_wave',
		]);
		expect(status.created_task_ids).toEqual([]);
		expect(fixture.emu.log.filter((e) => e.method !== 'GET')).toEqual([]);
		expect(status.requests).toBe(fixture.emu.log.length);
		expect(fixture.emu.tasks()).toEqual(tasksBefore);
	});
});
