/**
 * Staged rollout: the wave plan, and cancel means stop (issue #14) — a cancelled rollout ends within a
 * second, in a wave's wait or in the Pause Between Waves, and reports the waves it created.
 */
import type { IDataObject } from 'n8n-workflow';

import { planWaves } from '../../../../../nodes/HuaweiCloudIotda/actions/batchTask/stagedRollout';
import { startEmulator, type Emulator } from '../../../../emulator';
import { runCancellable, until } from '../../../../helpers/cancellable';
import { calls, devices, fwPackage } from '../../../../lifecycle.harness';

describe('planWaves', () => {
	it.each([
		['1%, 10%, 100%', 1000, [10, 100, 1000]],
		['10, 100', 1000, [10, 100, 1000]],
		['50%, 40%', 10, [5, 10]],
	])('"%s" of %d devices ends waves at %j', (spec, total, ends) => expect(planWaves(spec, total)).toEqual(ends));

	it('refuses a part that is neither a percentage nor a count, and a wave over 30,000 devices', () => {
		expect(() => planWaves('10%, half', 100)).toThrow('has "half", which is neither a percentage nor a count');
		expect(() => planWaves('100%', 30_001)).toThrow('makes a wave of 30001 devices; a task holds at most 30000, add waves');
	});
});

type Rollout = { status: string; reason: string; waves: IDataObject[]; devices: { never_started: string[]; not_finished: IDataObject[] } };

describe('a cancelled rollout', () => {
	let emu: Emulator;
	afterEach(() => emu?.close());

	const rollout = (name: string, options: IDataObject) => ({
		resource: 'batchTask',
		operation: 'create',
		taskType: 'firmwareUpgrade',
		taskName: name,
		packageId: fwPackage(emu),
		deviceIds: devices(20),
		options: { waitForCompletion: true, rolloutWaves: '5, 100%', successThreshold: 50, ...options },
	});

	it('stops within a second while waiting for a wave, reporting that wave', async () => {
		emu = await startEmulator({ port: 0, seed: 11, speed: 1 });
		emu.setFailureRate(0);
		const { controller, done } = runCancellable(emu, { parameters: rollout('cancel_wait', { pollInterval: 30 }) });
		await until(() => calls(emu, 'GET', /\/batchtasks\/[0-9a-f]+$/).length === 1);
		const cancelledAt = Date.now();
		controller.abort();
		const { output, endedAt } = await done;
		expect(endedAt - cancelledAt).toBeLessThan(1000);
		const report = output[0].json.rollout as Rollout;
		expect(report.status).toBe('cancelled');
		expect(report.waves.map((w) => [w.task_name, w.outcome])).toEqual([['cancel_wait_w1', 'cancelled']]);
		expect(report.waves[0].task_id).toBe(emu.tasks()[0].task_id);
		expect(report.devices.not_finished).toHaveLength(5);
		expect(report.devices.never_started).toEqual(devices(20).slice(5));
	});

	it('stops within a second in the Pause Between Waves, reporting the finished wave', async () => {
		emu = await startEmulator({ port: 0, seed: 11, speed: 100 });
		emu.setFailureRate(0);
		const { controller, done } = runCancellable(emu, { parameters: rollout('cancel_pause', { pollInterval: 1, pauseBetweenWaves: 60 }) });
		// Wave 1 finished and the node has seen it (a status poll after the finish): it is now pausing.
		await until(() => emu.tasks()[0]?.status === 'Success');
		const polls = calls(emu, 'GET', /\/batchtasks\/[0-9a-f]+$/).length;
		await until(() => calls(emu, 'GET', /\/batchtasks\/[0-9a-f]+$/).length > polls);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const cancelledAt = Date.now();
		controller.abort();
		const { output, endedAt } = await done;
		expect(endedAt - cancelledAt).toBeLessThan(1000);
		const report = output[0].json.rollout as Rollout;
		expect([report.status, report.reason]).toEqual(['cancelled', 'execution cancelled during the pause before wave 2']);
		expect(report.waves.map((w) => [w.task_name, w.status, w.outcome])).toEqual([['cancel_pause_w1', 'Success', 'finished']]);
		expect(emu.tasks()).toHaveLength(1);
	});
});
