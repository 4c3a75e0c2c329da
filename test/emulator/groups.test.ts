/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// Device-group membership (issue #21): static groups with members, ShowDevicesInGroup
// `GET /v5/iot/{project_id}/device-group/{group_id}/devices` paged as GO model_show_devices_in_group_*.go
// define it, and group tasks resolving their targets from the members.
import { DEFAULT_ACCOUNT, INSTANCE_ACCOUNT, startEmulator, type Emulator } from '.';
import { call, rawCall } from './sdk-test-client';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 13 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const api = (
	method: string,
	path: string,
	query?: Record<string, string | number>,
	json?: unknown,
) => call(emu.url, { account: DEFAULT_ACCOUNT, method, path, query, json });
const groupId = (name: string) => emu.state().catalog.groups.find((g) => g.name === name)!.group_id;
const members = (id: string, query: Record<string, string | number> = {}) =>
	api('GET', `/device-group/${id}/devices`, query);

/** Reads every member by marker, as a client following the model's text would. */
async function readAll(id: string): Promise<string[]> {
	const out: string[] = [];
	let marker: string | undefined;
	for (;;) {
		const r = await members(id, { limit: 50, ...(marker ? { marker } : {}) });
		expect(r.status).toBe(200);
		out.push(...r.body.devices.map((d: any) => d.device_id));
		if (r.body.devices.length < 50) return out;
		marker = r.body.page.marker;
	}
}

describe('ShowDevicesInGroup', () => {
	it('answers {devices: SimplifyDevice[], page: {count, marker}} with limit 10 by default, newest first', async () => {
		const r = await members(groupId('BuildingNorth'));
		expect(r.status).toBe(200);
		expect(Object.keys(r.body).sort()).toEqual(['devices', 'page']);
		expect(r.body.devices).toHaveLength(10);
		expect(Object.keys(r.body.devices[0]).sort()).toEqual([
			'device_id',
			'device_name',
			'node_id',
			'product_id',
		]);
		expect(r.body.devices.map((d: any) => d.device_id)).toEqual(
			Array.from({ length: 10 }, (_, i) => `dev-${String(50 - i).padStart(4, '0')}`),
		);
		expect(r.body.page.count).toBe(50);
		expect(r.body.page.marker).toMatch(/^[0-9a-f]{24}$/);
		const switches = emu.state().catalog.products.find((p) => p.name === 'SmartSwitch')!.product_id;
		expect(r.body.devices.every((d: any) => d.product_id === switches)).toBe(true);
	});

	it('pages by marker and by offset (0-500); limit 1-50', async () => {
		const all = await readAll(groupId('BuildingNorth'));
		expect(all).toHaveLength(50);
		expect(new Set(all).size).toBe(50);
		const second = await members(groupId('BuildingNorth'), { limit: 20, offset: 20 });
		expect(second.body.devices.map((d: any) => d.device_id)).toEqual(all.slice(20, 40));
		const errors = await Promise.all(
			(
				[{ limit: 51 }, { limit: 0 }, { offset: 501 }, { marker: 'nothex' }] as Array<
					Record<string, string | number>
				>
			).map((q) => members(groupId('BuildingNorth'), q)),
		);
		expect(errors.map((e) => [e.status, e.body.error_code])).toEqual([
			[400, 'IOTDA.000017'],
			[400, 'IOTDA.000017'],
			[400, 'IOTDA.000006'],
			[400, 'IOTDA.000006'],
		]);
	});

	it('an empty group has no devices; an unknown group is 404; a malformed group id is 400', async () => {
		const empty = await members(groupId('EmptyGroup'));
		expect([empty.status, empty.body.devices, empty.body.page]).toEqual([200, [], { count: 0 }]);
		const unknown = await members('123456789');
		expect([unknown.status, unknown.body.error_msg]).toEqual([
			404,
			'Device group 123456789 does not exist.',
		]);
		const bad = await members('not_a_group!');
		expect([bad.status, bad.body.error_code]).toEqual([400, 'IOTDA.000006']);
	});

	it('is scoped to the account: another project does not see the group', async () => {
		const r = await call(emu.url, {
			account: INSTANCE_ACCOUNT,
			method: 'GET',
			path: `/device-group/${groupId('BuildingNorth')}/devices`,
		});
		expect(r.status).toBe(404);
	});
});

describe('static groups added by tests', () => {
	it('emu.addStaticGroup registers new member devices; the group is listed, paged and targeted', async () => {
		const ids = Array.from({ length: 120 }, (_, i) => `canary-${String(i).padStart(3, '0')}`);
		const g = emu.addStaticGroup({ name: 'Canary', deviceIds: [...ids, 'dev-0001'] });
		const listed = await api('GET', '/device-group', { name: 'Canary' });
		expect(listed.body.device_groups.map((x: any) => x.group_id)).toEqual([g.group_id]);
		const all = await readAll(g.group_id);
		expect(all.sort()).toEqual([...ids, 'dev-0001'].sort());
		const task = await api('POST', '/batchtasks', undefined, {
			task_name: 'canary',
			task_type: 'freezeDevices',
			targets_filter: { group_ids: [g.group_id, groupId('NorthFloor1')] },
		});
		expect(task.status).toBe(201);
		emu.clock.advance(10 * 60_000);
		const shown = (await api('GET', `/batchtasks/${task.body.task_id}`)).body.batchtask;
		// dev-0001 is in both groups: one sub-task per distinct device.
		expect([shown.status, shown.task_progress.total, shown.task_progress.success]).toEqual([
			'Success',
			130,
			130,
		]);
	});

	it('POST /__admin/groups makes a group of device_count generated members', async () => {
		const r = await rawCall(emu.url, 'POST', '/__admin/groups', {
			name: 'Big',
			device_count: 1234,
		});
		expect(r.status).toBe(201);
		expect(r.body).toMatchObject({
			name: 'Big',
			devices: 1234,
			app_id: emu.state().catalog.defaultAppId,
		});
		const first = await members(r.body.group_id, { limit: 1 });
		expect([first.body.page.count, first.body.devices[0].device_id]).toEqual([
			1234,
			'Big-dev-01234',
		]);
	});
});
