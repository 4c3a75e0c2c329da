/** Return All and Limit walk IoTDA's marker paging: every record exactly once, at every page edge. */
import type { Emulator } from './emulator';
import { calls, ghosts, locator, runOn, startQuietEmulator } from './lifecycle.harness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startQuietEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const EDGES = [0, 1, 50, 51, 501, 1234];
// page.count (the total) ends the walk after a full last page, so no empty page is fetched.
const pagesFor = (n: number) => Math.max(1, Math.ceil(n / 50));

describe('Batch Task → Get Many: paging', () => {
	it.each(EDGES)('%i tasks: Return All yields each task once, newest first', async (n) => {
		const ids = emu.seedFinishedTasks(n, { taskType: 'freezeDevices' });
		emu.seedFinishedTasks(3, { taskType: 'unfreezeDevices' }); // other types are not listed
		const out = await runOn(emu, { parameters: { resource: 'batchTask', operation: 'getAll', taskType: 'freezeDevices', returnAll: true } });
		const listed = out.map((o) => o.json.task_id as string);
		expect(listed).toHaveLength(n);
		expect(new Set(listed).size).toBe(n);
		expect(listed).toEqual([...ids].reverse());
		expect(calls(emu, 'GET', /\/batchtasks$/)).toHaveLength(pagesFor(n));
	});

	it.each([
		[1, 1],
		[50, 1],
		[51, 2],
		[120, 3],
	])('Limit %i stops after %i call(s) with exactly that many tasks', async (limit, expectedCalls) => {
		const ids = emu.seedFinishedTasks(130, { taskType: 'freezeDevices' });
		const out = await runOn(emu, { parameters: { resource: 'batchTask', operation: 'getAll', taskType: 'freezeDevices', limit } });
		expect(out.map((o) => o.json.task_id)).toEqual([...ids].reverse().slice(0, limit));
		const listCalls = calls(emu, 'GET', /\/batchtasks$/);
		expect(listCalls).toHaveLength(expectedCalls);
		const limits = listCalls.map((c) => Number(/limit=(\d+)/.exec(c.query)?.[1]));
		expect(limits.reduce((a, b) => a + b, 0)).toBe(limit);
		expect(Math.max(...limits)).toBeLessThanOrEqual(50);
	});

	it('sends the status and resource-space filters', async () => {
		emu.seedFinishedTasks(2, { taskType: 'freezeDevices', targets: ghosts(2) });
		emu.seedFinishedTasks(1, { taskType: 'freezeDevices' }); // a known device: Success
		const appId = emu.state().catalog.defaultAppId;
		const out = await runOn(emu, {
			parameters: { resource: 'batchTask', operation: 'getAll', taskType: 'freezeDevices', returnAll: true, filters: { status: 'Fail', appId: locator(appId) } },
		});
		expect(out).toHaveLength(2); // seeded tasks target unknown devices, so they failed
		expect(calls(emu, 'GET', /\/batchtasks$/)[0].query).toContain(`app_id=${appId}`);
		const none = await runOn(emu, { parameters: { resource: 'batchTask', operation: 'getAll', taskType: 'freezeDevices', returnAll: true, filters: { status: 'Success' } } });
		expect(none).toHaveLength(1);
	});
});

describe('Batch Task → Get: paging of task_details', () => {
	it.each(EDGES)('%i sub-tasks: Return All yields each device once', async (n) => {
		const targets = ghosts(n);
		const [taskId] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		const perDevice = await runOn(emu, { parameters: { resource: 'batchTask', operation: 'get', taskId: locator(taskId), returnAll: true, output: 'devices' } });
		expect(perDevice.map((o) => o.json.target)).toEqual(targets);
		expect(perDevice.every((o) => o.json.task_id === taskId && o.json.status === 'Fail')).toBe(true);
		expect(calls(emu, 'GET', /\/batchtasks\/[0-9a-f]+$/)).toHaveLength(pagesFor(n));

		const [task] = await runOn(emu, { parameters: { resource: 'batchTask', operation: 'get', taskId: locator(taskId), returnAll: true } });
		expect(task.json).toMatchObject({ task_id: taskId, task_type: 'firmwareUpgrade', status: n === 0 ? expect.any(String) : 'Fail', task_details_matching: n });
		expect((task.json.task_details as Array<{ target: string }>).map((d) => d.target)).toEqual(targets);
	});

	it('Limit returns the first sub-tasks only', async () => {
		const targets = ghosts(75);
		const [taskId] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		const out = await runOn(emu, { parameters: { resource: 'batchTask', operation: 'get', taskId: locator(taskId), limit: 60, output: 'devices' } });
		expect(out.map((o) => o.json.target)).toEqual(targets.slice(0, 60));
	});

	it('filters by sub-task status and by device', async () => {
		const [taskId] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets: ghosts(5) });
		const ok = await runOn(emu, { parameters: { resource: 'batchTask', operation: 'get', taskId: locator(taskId), returnAll: true, output: 'devices', filters: { subTaskStatus: 'Success' } } });
		expect(ok).toHaveLength(0);
		const one = await runOn(emu, { parameters: { resource: 'batchTask', operation: 'get', taskId: locator(taskId), returnAll: true, output: 'devices', filters: { deviceId: 'ghost-00003', subTaskStatus: 'Fail' } } });
		expect(one.map((o) => [o.json.target, o.json.status, (o.json.error as { error_code: string }).error_code])).toEqual([['ghost-00003', 'Fail', 'IOTDA.014000']]);
	});
});
