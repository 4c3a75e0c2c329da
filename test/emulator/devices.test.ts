/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// Devices (issue #26): ShowDevice, ListDevices, SearchDevices with the grammar and limits of the SDK's
// searchDevices doc comment, its 1 request/s per account, the Basic edition refusal, and upgrades that move
// a device to the package's version.
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '.';
import { call } from './sdk-test-client';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 17 });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.reset();
	emu.setFailureRate(0);
	emu.config.searchRatePerSecond = 0;
	emu.setEdition('standard');
});

const api = (
	method: string,
	path: string,
	json?: unknown,
	query?: Record<string, string | number>,
) => call(emu.url, { account: DEFAULT_ACCOUNT, method, path, json, query });
const search = (sql: string) => api('POST', '/search/query-devices', { sql });
const product = (name: string) =>
	emu.state().catalog.products.find((p) => p.name === name)!.product_id;
const pkg = (type: string, version: string) =>
	emu.state().catalog.packages.find((p) => p.package_type === type && p.version === version)!;
const ids = (r: { body: { devices: { device_id: string }[] } }) =>
	r.body.devices.map((d) => d.device_id).sort();
const dev = (n: number) => `dev-${String(n).padStart(4, '0')}`;

describe('ShowDevice and ListDevices', () => {
	it('shows a device with product, resource space, status, versions and tags; 404 for an unknown one', async () => {
		const r = await api('GET', '/devices/dev-0004');
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({
			device_id: 'dev-0004',
			product_id: product('SmartSwitch'),
			app_id: emu.state().catalog.defaultAppId,
			status: 'ONLINE',
			fw_version: 'V1.0.0',
			sw_version: 'V3.0.0',
			tags: [
				{ tag_key: 'floor', tag_value: '2' },
				{ tag_key: 'site', tag_value: 'north' },
			],
		});
		expect(r.body.create_time).toMatch(/^\d{8}T\d{6}Z$/);
		const missing = await api('GET', '/devices/nope');
		expect([missing.status, missing.body.error_code]).toEqual([404, 'IOTDA.000029']);
	});

	it('lists newest first, filters by product and resource space, pages by marker (limit 1-50)', async () => {
		const first = await api('GET', '/devices', undefined, {
			product_id: product('SmartSwitch'),
			limit: 50,
		});
		expect(first.body.page.count).toBe(100);
		expect(first.body.devices[0].device_id).toBe('dev-0100');
		const second = await api('GET', '/devices', undefined, {
			product_id: product('SmartSwitch'),
			limit: 50,
			marker: first.body.page.marker,
		});
		expect(second.body.devices.map((d: any) => d.device_id).at(-1)).toBe('dev-0001');
		const line2 = await api('GET', '/devices', undefined, {
			app_id: emu.state().catalog.apps[1].app_id,
		});
		expect(line2.body.page.count).toBe(50);
		const tooMany = await api('GET', '/devices', undefined, { limit: 51 });
		expect(tooMany.body.error_code).toBe('IOTDA.000017');
	});
});

describe('SearchDevices grammar', () => {
	it('selects fields, filters with = != in / not in, and counts', async () => {
		const sql = `select device_id,fw_version from device where product_id = '${product('SmartSwitch')}' and fw_version != 'V1.2.0' limit 50`;
		const r = await search(sql);
		expect(r.status).toBe(200);
		expect(Object.keys(r.body.devices[0]).sort()).toEqual(['device_id', 'fw_version']);
		expect(r.body.devices.every((d: any) => d.fw_version !== 'V1.2.0')).toBe(true);
		const count = await search(
			`select count(*) from device where product_id = '${product('SmartSwitch')}' and fw_version != 'V1.2.0'`,
		);
		expect(count.body.count).toBe(67); // n mod 3 ≠ 0 among 1..100
		const inList = await search(
			`select count(1) from device where fw_version in ('V1.0.0','V1.1.0') and status not in ('OFFLINE','INACTIVE')`,
		);
		// minus 5 OFFLINE (10, 20, 40, 70, 80) and 3 INACTIVE (25, 50, 100) not on V1.2.0
		expect(inList.body.count).toBe(67 - 5 - 3);
	});

	it('evaluates AND before OR, tags, groups and like prefixes', async () => {
		const both = await search(
			`select * from device where tag_key = 'site' and fw_version = 'V1.1.0' or device_id = 'dev-0150' limit 50`,
		);
		expect(ids(both)).toEqual([
			'dev-0002',
			'dev-0005',
			'dev-0008',
			'dev-0011',
			'dev-0014',
			'dev-0017',
			'dev-0020',
			'dev-0150',
		]);
		const group = emu.state().catalog.groups.find((g) => g.name === 'NorthFloor1')!.group_id;
		const inGroup = await search(
			`select device_id from device where group_id = '${group}' limit 50`,
		);
		expect(ids(inGroup)).toEqual(Array.from({ length: 10 }, (_, i) => dev(i + 1)));
		const like = await search(
			`select device_id from device where node_id like 'node_dev-015%' limit 50`,
		);
		expect(ids(like)).toEqual(Array.from({ length: 10 }, (_, i) => dev(150 + i)));
		const short = await search(`select * from device where node_id like 'nod%'`);
		expect(short.body.error_code).toBe('IOTDA.000006');
	});

	it('pages any number of devices by marker with order by marker', async () => {
		const seen: string[] = [];
		let marker = '';
		for (;;) {
			const where = marker ? `where marker > '${marker}' ` : '';
			const r = await search(
				`select device_id,marker from device ${where}order by marker asc limit 50`,
			);
			seen.push(...r.body.devices.map((d: any) => d.device_id));
			if (r.body.devices.length < 50) break;
			marker = r.body.devices.at(-1).marker;
		}
		expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => dev(i + 1)));
	});

	it.each([
		[
			'over 400 characters',
			`select * from device where device_id = '${'a'.repeat(100)}' or device_id = '${'b'.repeat(100)}' or device_id = '${'c'.repeat(100)}' or device_id = '${'d'.repeat(60)}'`,
			/at most 400 characters/,
		],
		[
			'6 conditions',
			`select * from device where status = 'ONLINE' and status = 'ONLINE' and status = 'ONLINE' and status = 'ONLINE' and status = 'ONLINE' and status = 'ONLINE'`,
			/at most 5 conditions/,
		],
		['51 rows', 'select * from device limit 51', /rows must be 1-50/],
		['offset 501', 'select * from device limit 501,10', /offset must be at most 500/],
		['an empty value', `select * from device where fw_version = ''`, /null and empty/],
		['> on a version', `select * from device where fw_version > 'V1'`, /does not support ">"/],
		['in on tags', `select * from device where tag_key in ('floor')`, /does not support "in"/],
		['an unknown field', `select * from device where color = 'red'`, /not a searchable field/],
		[
			'a quote inside a value',
			`select * from device where fw_version != 'V1' or '1'='1'`,
			/a field expected|not a searchable/,
		],
		['a comment', `select * from device where fw_version != 'V1' -- x`, /unexpected character/],
		['a second statement', `select * from device; delete from device`, /unexpected character/],
		[
			'a backslash escape',
			`select * from device where fw_version = 'V1\\' or 1=1`,
			/invalid value|unexpected/,
		],
		[
			'a non-ASCII version',
			`select * from device where fw_version = 'V1.0é'`,
			/invalid value for fw_version/,
		],
		[
			'an unknown status',
			`select * from device where status = 'ASLEEP'`,
			/invalid value for status/,
		],
	])('refuses %s with 400 IOTDA.000006', async (_name, sql, message) => {
		const r = await search(sql);
		expect([r.status, r.body.error_code]).toEqual([400, 'IOTDA.000006']);
		expect(r.body.error_msg).toMatch(message);
	});

	it('takes Chinese tag values', async () => {
		emu.device('dev-0003')!.tags.push({ tag_key: '区域', tag_value: '北区' });
		const r = await search(`select device_id from device where tag_value = '北区'`);
		expect(ids(r)).toEqual(['dev-0003']);
	});
});

describe('SearchDevices limits of the account', () => {
	it('answers a second request within 1 s with 403 IOTDA.021101; refused ones do not count', async () => {
		emu.config.searchRatePerSecond = 1;
		expect((await search('select count(*) from device')).status).toBe(200);
		const again = await search('select count(*) from device');
		expect([again.status, again.body.error_code]).toEqual([403, 'IOTDA.021101']);
		emu.clock.advance(1000);
		expect((await search('select count(*) from device')).status).toBe(200);
		emu.config.searchRatePerSecond = 0;
		expect((await search('select count(*) from device')).status).toBe(200);
	});

	it('is refused on a Basic edition instance; ListDevices still answers', async () => {
		emu.setEdition('basic');
		const r = await search('select count(*) from device');
		expect([r.status, r.body.error_code]).toEqual([403, 'IOTDA.000021']);
		expect((await api('GET', '/devices')).status).toBe(200);
	});
});

describe('upgrades move devices to the package version', () => {
	const run = (type: string, packageId: string, targets: string[]) =>
		api('POST', '/batchtasks', {
			task_name: `${type}_${targets.length}`,
			task_type: type,
			targets,
			document: { package_ids: [packageId] },
		});

	it('firmware and software sub-tasks that succeed; failed ones leave the version', async () => {
		emu.failTargets(['dev-0002']);
		expect(
			(await run('firmwareUpgrade', pkg('firmwarePackage', 'V1.2.0').package_id, [dev(1), dev(2)]))
				.status,
		).toBe(201);
		expect((await api('GET', '/devices/dev-0001')).body.fw_version).toBe('V1.0.0');
		emu.clock.advance(10_000);
		expect((await api('GET', '/devices/dev-0001')).body.fw_version).toBe('V1.2.0');
		expect((await api('GET', '/devices/dev-0002')).body.fw_version).toBe('V1.1.0');
		expect(
			(await run('softwareUpgrade', pkg('softwarePackage', 'V3.0.1').package_id, [dev(1)])).status,
		).toBe(201);
		emu.clock.advance(10_000);
		const after = await search(
			`select device_id,sw_version from device where sw_version = 'V3.0.1'`,
		);
		expect(after.body.devices).toEqual([{ device_id: 'dev-0001', sw_version: 'V3.0.1' }]);
	});

	it('a module upgrade records the module version', async () => {
		await run('moduleUpgrade', pkg('modulePackage', 'V0.9.0').package_id, [dev(101)]);
		emu.clock.advance(10_000);
		expect(emu.device(dev(101))!.moduleVersions).toEqual({ modem: 'V0.9.0' });
	});
});
