/** Batch Task → Get through n8n's engine: task_details paging, Limit and filters. */
import { ghosts, locator, useEmulator } from '../../../../fixtures/emulator';

const fixture = useEmulator({ seed: 11 });

const EDGES = [0, 1, 50, 51, 501, 1234];
// page.count (the total) ends the walk after a full last page, so no empty page is fetched.
const pagesFor = (n: number) => Math.max(1, Math.ceil(n / 50));

describe('Batch Task → Get: paging of task_details', () => {
	it.each(EDGES)('%i sub-tasks: Return All yields each device once', async (n) => {
		const targets = ghosts(n);
		const [taskId] = fixture.emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		const perDevice = await fixture.run({
			parameters: {
				resource: 'batchTask',
				operation: 'get',
				taskId: locator(taskId),
				returnAll: true,
				output: 'devices',
			},
		});
		expect(perDevice.map((o) => o.json.target)).toEqual(targets);
		expect(perDevice.every((o) => o.json.task_id === taskId && o.json.status === 'Fail')).toBe(
			true,
		);
		expect(fixture.calls('GET', /\/batchtasks\/[0-9a-f]+$/)).toHaveLength(pagesFor(n));

		const [task] = await fixture.run({
			parameters: {
				resource: 'batchTask',
				operation: 'get',
				taskId: locator(taskId),
				returnAll: true,
			},
		});
		expect(task.json).toMatchObject({
			task_id: taskId,
			task_type: 'firmwareUpgrade',
			status: n === 0 ? expect.any(String) : 'Fail',
			task_details_matching: n,
		});
		expect((task.json.task_details as Array<{ target: string }>).map((d) => d.target)).toEqual(
			targets,
		);
	});

	it('Limit returns the first sub-tasks only', async () => {
		const targets = ghosts(75);
		const [taskId] = fixture.emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		const out = await fixture.run({
			parameters: {
				resource: 'batchTask',
				operation: 'get',
				taskId: locator(taskId),
				limit: 60,
				output: 'devices',
			},
		});
		expect(out.map((o) => o.json.target)).toEqual(targets.slice(0, 60));
	});

	it('filters by sub-task status and by device', async () => {
		const [taskId] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'firmwareUpgrade',
			targets: ghosts(5),
		});
		const ok = await fixture.run({
			parameters: {
				resource: 'batchTask',
				operation: 'get',
				taskId: locator(taskId),
				returnAll: true,
				output: 'devices',
				filters: { subTaskStatus: 'Success' },
			},
		});
		expect(ok).toHaveLength(0);
		const one = await fixture.run({
			parameters: {
				resource: 'batchTask',
				operation: 'get',
				taskId: locator(taskId),
				returnAll: true,
				output: 'devices',
				filters: { deviceId: 'ghost-00003', subTaskStatus: 'Fail' },
			},
		});
		expect(
			one.map((o) => [
				o.json.target,
				o.json.status,
				(o.json.error as { error_code: string }).error_code,
			]),
		).toEqual([['ghost-00003', 'Fail', 'IOTDA.014000']]);
	});
});
