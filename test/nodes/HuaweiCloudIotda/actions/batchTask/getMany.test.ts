/** Batch Task → Get Many through n8n's engine: Return All and Limit walk IoTDA's marker paging, every task once. */
import { ghosts, locator, useEmulator } from '../../../../fixtures/emulator';

const fixture = useEmulator({ seed: 11 });

const EDGES = [0, 1, 50, 51, 501, 1234];
// page.count (the total) ends the walk after a full last page, so no empty page is fetched.
const pagesFor = (n: number) => Math.max(1, Math.ceil(n / 50));

describe('Batch Task → Get Many: paging', () => {
	it.each(EDGES)('%i tasks: Return All yields each task once, newest first', async (n) => {
		const ids = fixture.emu.seedFinishedTasks(n, { taskType: 'freezeDevices' });
		fixture.emu.seedFinishedTasks(3, { taskType: 'unfreezeDevices' }); // other types are not listed
		const out = await fixture.run({
			parameters: {
				resource: 'batchTask',
				operation: 'getAll',
				taskType: 'freezeDevices',
				returnAll: true,
			},
		});
		const listed = out.map((o) => o.json.task_id as string);
		expect(listed).toHaveLength(n);
		expect(new Set(listed).size).toBe(n);
		expect(listed).toEqual([...ids].reverse());
		expect(fixture.calls('GET', /\/batchtasks$/)).toHaveLength(pagesFor(n));
	});

	it.each([
		[1, 1],
		[50, 1],
		[51, 2],
		[120, 3],
	])(
		'Limit %i stops after %i call(s) with exactly that many tasks',
		async (limit, expectedCalls) => {
			const ids = fixture.emu.seedFinishedTasks(130, { taskType: 'freezeDevices' });
			const out = await fixture.run({
				parameters: {
					resource: 'batchTask',
					operation: 'getAll',
					taskType: 'freezeDevices',
					limit,
				},
			});
			expect(out.map((o) => o.json.task_id)).toEqual([...ids].reverse().slice(0, limit));
			const listCalls = fixture.calls('GET', /\/batchtasks$/);
			expect(listCalls).toHaveLength(expectedCalls);
			const limits = listCalls.map((c) => Number(/limit=(\d+)/.exec(c.query)?.[1]));
			expect(limits.reduce((a, b) => a + b, 0)).toBe(limit);
			expect(Math.max(...limits)).toBeLessThanOrEqual(50);
		},
	);

	it('sends the status and resource-space filters', async () => {
		fixture.emu.seedFinishedTasks(2, { taskType: 'freezeDevices', targets: ghosts(2) });
		fixture.emu.seedFinishedTasks(1, { taskType: 'freezeDevices' }); // a known device: Success
		const appId = fixture.emu.state().catalog.defaultAppId;
		const out = await fixture.run({
			parameters: {
				resource: 'batchTask',
				operation: 'getAll',
				taskType: 'freezeDevices',
				returnAll: true,
				filters: { status: 'Fail', appId: locator(appId) },
			},
		});
		expect(out).toHaveLength(2); // seeded tasks target unknown devices, so they failed
		expect(fixture.calls('GET', /\/batchtasks$/)[0].query).toContain(`app_id=${appId}`);
		const none = await fixture.run({
			parameters: {
				resource: 'batchTask',
				operation: 'getAll',
				taskType: 'freezeDevices',
				returnAll: true,
				filters: { status: 'Success' },
			},
		});
		expect(none).toHaveLength(1);
	});
});
