/**
 * Cancel means stop (issue #14): every wait goes through helpers/clock.ts and honours the execution's cancel
 * signal, so pressing Stop — here n8n's own cancel of the running `WorkflowExecute` — ends a Wait for
 * Completion poll, a rollout wave's wait, the Pause Between Waves and a retry back-off within a second,
 * instead of after the current 30–60 s pause. Measured on the real clock (this file does not mock it).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { devices, fwPackage, locator, useEmulator } from '../../../fixtures/emulator';
import { runCancellable, settle, until } from '../../../helpers/cancellable';
import { itemsWith } from '../../../helpers/engine';
import { errorContext, errorMessage } from '../../../helpers/errorItem';

const fixture = useEmulator({ seed: 11, speed: 1 });
const statusPolls = () => fixture.calls('GET', /\/batchtasks\/[0-9a-f]+$/).length;

/**
 * Starts the run, waits for `ready` (and for the answer it saw to reach the node: it is now waiting), presses
 * Stop and returns what n8n recorded and how long the stop took.
 */
async function cancelWhen(parameters: INodeParameters, ready: () => Promise<void>) {
	const { controller, done } = runCancellable(fixture, { parameters });
	await ready();
	await settle();
	const cancelledAt = Date.now();
	controller.abort();
	const result = await done;
	return { ...result, stoppedAfter: result.endedAt - cancelledAt };
}

describe('Wait for Completion, cancelled', () => {
	it('returns within a second of the cancel, reporting the task as last seen', async () => {
		const parameters = {
			resource: 'batchTask',
			operation: 'create',
			taskType: 'freezeDevices',
			taskName: 'wait_cancelled',
			deviceIds: devices(20),
			options: { waitForCompletion: true, pollInterval: 30, maxWait: 60 },
		};
		const { output, status, stoppedAfter } = await cancelWhen(
			parameters,
			async () => await until(() => statusPolls() === 1),
		);
		expect(stoppedAfter).toBeLessThan(1000);
		// n8n marks the execution cancelled and keeps what the node returned.
		expect(status).toBe('canceled');
		expect(output).toHaveLength(1);
		expect(output[0].json.wait as IDataObject).toMatchObject({
			outcome: 'cancelled',
			status_requests: 1,
		});
		expect(output[0].json.task_name).toBe('wait_cancelled');
		expect(fixture.calls('GET', /\/batchtasks\//)).toHaveLength(1); // nothing sent after the cancel
	});
});

type Rollout = {
	status: string;
	reason: string;
	waves: IDataObject[];
	devices: { never_started: string[]; not_finished: IDataObject[] };
};

describe('a cancelled rollout', () => {
	const rollout = (name: string, options: IDataObject): INodeParameters => ({
		resource: 'batchTask',
		operation: 'create',
		taskType: 'firmwareUpgrade',
		taskName: name,
		packageId: fwPackage(fixture.emu),
		deviceIds: devices(20),
		options: { waitForCompletion: true, rolloutWaves: '5, 100%', successThreshold: 50, ...options },
	});

	it('stops within a second while waiting for a wave, reporting that wave', async () => {
		const { output, stoppedAfter } = await cancelWhen(
			rollout('cancel_wait', { pollInterval: 30 }),
			async () => await until(() => statusPolls() === 1),
		);
		expect(stoppedAfter).toBeLessThan(1000);
		const report = output[0].json.rollout as Rollout;
		expect(report.status).toBe('cancelled');
		expect(report.waves.map((w) => [w.task_name, w.outcome])).toEqual([
			['cancel_wait_w1', 'cancelled'],
		]);
		expect(report.waves[0].task_id).toBe(fixture.emu.tasks()[0].task_id);
		expect(report.devices.not_finished).toHaveLength(5);
		expect(report.devices.never_started).toEqual(devices(20).slice(5));
	});

	it('stops within a second in the Pause Between Waves, reporting the finished wave', async () => {
		fixture.emu.clock.setSpeed(100);
		try {
			const { output, stoppedAfter } = await cancelWhen(
				rollout('cancel_pause', { pollInterval: 1, pauseBetweenWaves: 60 }),
				async () => {
					// Wave 1 finished and the node has seen it (a status poll after the finish): it is now pausing.
					await until(() => fixture.emu.tasks()[0]?.status === 'Success');
					const polls = statusPolls();
					await until(() => statusPolls() > polls);
				},
			);
			expect(stoppedAfter).toBeLessThan(1000);
			const report = output[0].json.rollout as Rollout;
			expect([report.status, report.reason]).toEqual([
				'cancelled',
				'execution cancelled during the pause before wave 2',
			]);
			expect(report.waves.map((w) => [w.task_name, w.status, w.outcome])).toEqual([
				['cancel_pause_w1', 'Success', 'finished'],
			]);
			expect(fixture.emu.tasks()).toHaveLength(1);
		} finally {
			fixture.emu.clock.setSpeed(1);
		}
	});
});

describe('a retry back-off, cancelled', () => {
	it('a throttled request waiting 30 s to retry gives up within a second of the cancel', async () => {
		fixture.emu.faults.add({ kind: 'status', status: 429, retryAfter: 30, times: -1 });
		const parameters = {
			resource: 'batchTask',
			operation: 'get',
			taskId: locator('aaaaaaaaaaaaaaaaaaaaaaaa'),
			options: { maxRetrySeconds: 120 },
		};
		const { output, error, stoppedAfter } = await cancelWhen(
			parameters,
			async () => await until(() => fixture.emu.log.length === 1),
		);
		expect(stoppedAfter).toBeLessThan(1000);
		expect(output).toEqual([]);
		expect(error?.message).toBe(
			'Get batch task aaaaaaaaaaaaaaaaaaaaaaaa cancelled: the execution was stopped while waiting to retry [item 0]',
		);
		expect(fixture.emu.log).toHaveLength(1);
	});
});

describe('a request in flight, cancelled', () => {
	let held: { method: string; path: RegExp } | undefined;
	/** Holds the next matching request for 2 s; resolves once it has arrived (the node is waiting for it). */
	function holdNext(match: { method: string; path: RegExp }) {
		const fault = fixture.emu.faults.add({ kind: 'delay', delayMs: 2000, match });
		held = match;
		return async () => await until(() => fault.hits === 1);
	}
	// The held request is answered (and logged) 2 s later, after the node gave up on it; wait for that so that
	// no emulator timer outlives the suite.
	afterEach(async () => {
		const match = held;
		held = undefined;
		if (match)
			await until(() =>
				fixture.emu.log.some((e) => e.method === match.method && match.path.test(e.path)),
			);
	});

	it('a Get says it was cancelled, not that IoTDA could not be reached', async () => {
		const taskId = 'aaaaaaaaaaaaaaaaaaaaaaaa';
		const arrived = holdNext({ method: 'GET', path: /\/batchtasks\/a+$/ });
		const { output, error, stoppedAfter } = await cancelWhen(
			{ resource: 'batchTask', operation: 'get', taskId: locator(taskId) },
			arrived,
		);
		expect(stoppedAfter).toBeLessThan(1000);
		expect(output).toEqual([]);
		expect(error?.message).toBe(
			`Get batch task ${taskId} cancelled: the execution was stopped while the request was in flight [item 0]`,
		);
	});

	it('Wait for Completion stopped during a status request reports the created task, not an error', async () => {
		const arrived = holdNext({ method: 'GET', path: /\/batchtasks\/[0-9a-f]+$/ });
		const { output, error, stoppedAfter } = await cancelWhen(
			{
				resource: 'batchTask',
				operation: 'create',
				taskType: 'freezeDevices',
				taskName: 'cancel_poll',
				deviceIds: devices(3),
				options: { waitForCompletion: true, pollInterval: 30, maxWait: 60 },
			},
			arrived,
		);
		expect(stoppedAfter).toBeLessThan(1000);
		// n8n records its own "cancelled manually" for the execution; the node's output is the task.
		expect(error?.message).not.toMatch(/in flight|failed/);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			task_id: fixture.emu.tasks()[0].task_id,
			task_name: 'cancel_poll',
			wait: { outcome: 'cancelled', status_requests: 0 },
		});
	});

	it('under Continue On Fail, the items after the Stop send nothing and say so', async () => {
		const arrived = holdNext({ method: 'GET', path: /\/batchtasks\/a+$/ });
		const ids = ['a', 'b', 'c'].map((c) => c.repeat(24));
		const { controller, done } = runCancellable(fixture, {
			parameters: { resource: 'batchTask', operation: 'get', taskId: '={{ $json.id }}' },
			items: itemsWith(ids.map((id) => ({ id }))),
			continueOnFail: true,
		});
		await arrived();
		controller.abort();
		const { output } = await done;
		await settle();
		expect(output.map((o) => errorMessage(o))).toEqual([
			`Get batch task ${ids[0]} cancelled: the execution was stopped while the request was in flight [item 0]`,
			`Get batch task ${ids[1]} cancelled: the execution was stopped before the request was sent [item 1]`,
			`Get batch task ${ids[2]} cancelled: the execution was stopped before the request was sent [item 2]`,
		]);
		expect(output.map((o) => errorContext(o).description)).toEqual([
			'Nothing more was sent. The request is safe to repeat.',
			'Nothing was sent to IoTDA.',
			'Nothing was sent to IoTDA.',
		]);
		expect(fixture.emu.log).toEqual([]); // only the held request reached the emulator (logged when answered)
	});

	it('a Create says the task may exist, and sends nothing more (no lookup, no second POST)', async () => {
		const arrived = holdNext({ method: 'POST', path: /\/batchtasks$/ });
		const { error, stoppedAfter } = await cancelWhen(
			{
				resource: 'batchTask',
				operation: 'create',
				taskType: 'freezeDevices',
				taskName: 'cancel_in_flight',
				deviceIds: devices(3),
			},
			arrived,
		);
		expect(stoppedAfter).toBeLessThan(1000);
		expect(error?.message).toMatch(
			/^Create batch task "cancel_in_flight" cancelled: the execution was stopped while the request was in flight/,
		);
		expect(error?.description).toMatch(/IoTDA may have carried it out/);
		// The held POST is logged only when answered (2 s later); anything sent after the cancel — a lookup of
		// what the Create did, a second POST — would be answered and logged at once.
		await settle();
		expect(fixture.emu.log).toEqual([]);
	});
});
