/** Stop, Retry, Confirm and Delete against the emulator: chunking, one item per device, pairing. */
import { TASK_TIMING, type Emulator } from './emulator';
import { calls, createUpgrade, devices, ghosts, locator, runOn, startQuietEmulator } from './lifecycle.harness';
import { itemsWith } from './helpers/n8nHarness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startQuietEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const bodySizes = (path: RegExp) => calls(emu, 'POST', path).map((c) => c.bodySize);

describe('Batch Task → Retry', () => {
	it('250 listed device IDs in one item: 3 calls of ≤100, 250 result items', async () => {
		const targets = ghosts(250);
		const [taskId] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		const out = await runOn(emu, {
			parameters: { resource: 'batchTask', operation: 'retry', taskId: locator(taskId), devices: 'listed', deviceIds: targets.join(',') },
		});
		expect(calls(emu, 'POST', /\/retry$/)).toHaveLength(3);
		expect(out.map((o) => o.json.target)).toEqual(targets);
		expect(out.every((o) => o.json.status === 'success' && o.json.task_id === taskId && o.json.operation === 'retry')).toBe(true);
		expect(out.every((o) => JSON.stringify(o.pairedItem) === JSON.stringify([{ item: 0 }]))).toBe(true);
	});

	it('250 input items with one device each: combined into 3 calls, each result paired with its item', async () => {
		const targets = ghosts(250);
		const [taskId] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		const items = itemsWith(targets.map((target) => ({ target, task: taskId })));
		const out = await runOn(emu, {
			items,
			parameters: {
				resource: 'batchTask',
				operation: 'retry',
				taskId: (i: number) => locator(items[i].json.task as string),
				devices: 'listed',
				deviceIds: (i: number) => items[i].json.target,
			},
		});
		const retries = calls(emu, 'POST', /\/retry$/);
		expect(retries).toHaveLength(3);
		expect(calls(emu, 'GET', /\/batchtasks\//)).toHaveLength(1); // the type/status check, once per task
		expect(out).toHaveLength(250);
		out.forEach((o, i) => {
			expect(o.json.target).toBe(targets[i]);
			expect(o.pairedItem).toEqual([{ item: i }]);
		});
		expect(emu.tasks()[0].status).toBe('Processing'); // the retried sub-tasks run again
	});

	it('reads a plain {{ $json.target }} from each item without evaluating it', async () => {
		const targets = ghosts(3);
		const [taskId] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		const items = itemsWith(targets.map((target) => ({ target })));
		const out = await runOn(emu, {
			items,
			nodeParameters: { deviceIds: '={{ $json.target }}' },
			parameters: {
				resource: 'batchTask',
				operation: 'retry',
				taskId: locator(taskId),
				devices: 'listed',
				deviceIds: () => {
					throw new Error('the expression was evaluated');
				},
			},
		});
		expect(out.map((o) => [o.json.target, o.json.status])).toEqual(targets.map((t) => [t, 'success']));
		expect(out.map((o) => o.pairedItem)).toEqual([[{ item: 0 }], [{ item: 1 }], [{ item: 2 }]]);
	});

	it('All Eligible Devices sends {} and reports every retried device', async () => {
		const [taskId] = emu.seedFinishedTasks(1, { taskType: 'softwareUpgrade', targets: ghosts(3) });
		const out = await runOn(emu, { parameters: { resource: 'batchTask', operation: 'retry', taskId: locator(taskId), devices: 'all' } });
		expect(bodySizes(/\/retry$/)).toEqual([2]); // "{}"
		expect(out.map((o) => [o.json.target, o.json.status])).toEqual(ghosts(3).map((t) => [t, 'success']));
	});

	it('a listed device that is not in the task is reported per device', async () => {
		const [taskId] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets: ghosts(2) });
		const out = await runOn(emu, {
			parameters: { resource: 'batchTask', operation: 'retry', taskId: locator(taskId), devices: 'listed', deviceIds: 'ghost-00001 not-in-task' },
		});
		expect(out.map((o) => [o.json.target, o.json.status, o.json.error_code])).toEqual([
			['ghost-00001', 'success', undefined],
			['not-in-task', 'failure', 'IOTDA.014302'],
		]);
	});
});

describe('Batch Task → Stop and Confirm', () => {
	it('stops every waiting device of a running upgrade, one item per device', async () => {
		const taskId = await createUpgrade(emu, 'stop_me', devices(4));
		const out = await runOn(emu, { parameters: { resource: 'batchTask', operation: 'stop', taskId: locator(taskId) } });
		expect(out.map((o) => [o.json.target, o.json.status])).toEqual(devices(4).map((d) => [d, 'success']));
		expect(out[0].json).toMatchObject({ task_id: taskId, task_name: 'stop_me', operation: 'stop' });
		expect(emu.tasks()[0].status).toBe('Stopping');
	});

	it('confirms listed devices of a task that waits for confirmation', async () => {
		const taskId = await createUpgrade(emu, 'confirm_me', devices(3), { need_confirm: true });
		emu.clock.advance(TASK_TIMING.initMs + TASK_TIMING.waitMs + 10);
		const out = await runOn(emu, {
			parameters: { resource: 'batchTask', operation: 'confirm', taskId: locator(taskId), devices: 'listed', deviceIds: ['dev-0001', 'dev-0003'] },
		});
		expect(out.map((o) => [o.json.target, o.json.status])).toEqual([
			['dev-0001', 'success'],
			['dev-0003', 'success'],
		]);
		emu.clock.advance(TASK_TIMING.attemptMs + 10);
		expect(emu.tasks()[0].progress).toMatchObject({ success: 2, waitting: 1 });
	});

	it('says so when no device was eligible', async () => {
		const taskId = await createUpgrade(emu, 'nothing', devices(2));
		const out = await runOn(emu, { parameters: { resource: 'batchTask', operation: 'confirm', taskId: locator(taskId) } });
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({ task_id: taskId, status: 'none', target: null });
		expect(String(out[0].json.message)).toContain('nothing to confirm');
	});
});

describe('Batch Task → Delete', () => {
	it('deletes a finished task', async () => {
		const [taskId] = emu.seedFinishedTasks(1, { taskType: 'deleteDevices', targets: ghosts(1) });
		const out = await runOn(emu, { parameters: { resource: 'batchTask', operation: 'delete', taskId: locator(taskId) } });
		expect(out).toEqual([{ json: { task_id: taskId, task_name: 'seeded_0', task_type: 'deleteDevices', deleted: true }, pairedItem: { item: 0 } }]);
		expect(emu.tasks()).toHaveLength(0);
		expect(calls(emu, 'DELETE', /\/batchtasks\//)).toHaveLength(1);
	});
});
