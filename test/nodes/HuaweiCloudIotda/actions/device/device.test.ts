/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Device → Get, Get Many, Search and Count through n8n's engine against the emulator: the set a search finds,
 * IoTDA's 1 request/s on the emulator's request log, hostile values never sent, the Basic edition fallback,
 * and Stop during a long resolution. The node's clock and the emulator's run 20 times faster, together.
 */
import { useEmulator } from '../../../../fixtures/emulator';
import { runCancellable, until } from '../../../../helpers/cancellable';

const SPEED = 20;
jest.mock('../../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../../helpers/fastClock').fastClock(20),
);

const fixture = useEmulator({
	seed: 23,
	speed: SPEED,
	afterReset: (emu) => emu.setEdition('standard'),
});
const switches = () =>
	fixture.emu.state().catalog.products.find((p) => p.name === 'SmartSwitch')!.product_id;
const device = (parameters: Record<string, unknown>) =>
	fixture.run({ parameters: { resource: 'device', ...parameters } });
const notOn = (version: string, extra: Record<string, unknown> = {}) => ({
	productId: switches(),
	firmwareMatch: 'isNot',
	firmwareVersions: version,
	...extra,
});
/** The truth from the emulator's records: SmartSwitch devices not on `version`. */
const truth = (version: string) =>
	[...fixture.emu.state().catalog.deviceRecords.values()]
		.filter((d) => d.product_id === switches() && d.fw_version !== version)
		.map((d) => d.device_id)
		.sort();
/** The message of the error n8n recorded for a run, or undefined when it succeeded. */
const failure = (run: Promise<unknown>) =>
	run.then(
		() => undefined,
		(e: Error) => e.message,
	);
const searches = () => fixture.calls('POST', /\/search\/query-devices$/);

describe('Device → Get and Get Many', () => {
	it('gets one device and lists a product with Limit and Return All', async () => {
		const [one] = await device({ operation: 'get', deviceId: 'dev-0007' });
		expect(one.json).toMatchObject({
			device_id: 'dev-0007',
			fw_version: 'V1.0.0',
			status: 'ONLINE',
		});
		const limited = await device({
			operation: 'getAll',
			limit: 3,
			filters: { productId: switches() },
		});
		expect(limited.map((o) => o.json.device_id)).toEqual(['dev-0100', 'dev-0099', 'dev-0098']);
		const all = await device({
			operation: 'getAll',
			returnAll: true,
			filters: { productId: switches() },
		});
		expect(all).toHaveLength(100);
	});
});

describe('Device → Search and Count', () => {
	it('finds exactly the devices not on a version, paced at 1 request/s; Count answers the same number', async () => {
		fixture.emu.addDevices({
			count: 120,
			prefix: 'late',
			productId: switches(),
			attrs: (n) => ({ fw_version: n % 2 ? 'V1.2.0' : 'V1.0.0' }),
		});
		const found = await device({ operation: 'search', returnAll: true, ...notOn('V1.2.0') });
		expect(found.map((o) => o.json.device_id).sort()).toEqual(truth('V1.2.0'));
		expect(found[0].json.found_by).toBe('SearchDevices');
		const log = searches();
		expect(log).toHaveLength(Math.ceil(truth('V1.2.0').length / 50));
		expect(log.every((e) => e.status === 200)).toBe(true);
		const gaps = log.slice(1).map((e, i) => Date.parse(e.time) - Date.parse(log[i].time));
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / SPEED - 5);

		const [count] = await device({ operation: 'count', ...notOn('V1.2.0') });
		expect(count.json).toMatchObject({ count: truth('V1.2.0').length, found_by: 'SearchDevices' });
		expect(count.json.sql).toBe(
			`select count(*) from device where product_id = '${switches()}' and fw_version != 'V1.2.0'`,
		);
	});

	it('stops at Limit, and rides out a throttled answer with back-off', async () => {
		fixture.emu.faults.add({ kind: 'throttle', match: { path: '/search/' } });
		const found = await device({ operation: 'search', limit: 7, ...notOn('V1.2.0') });
		expect(found).toHaveLength(7);
		expect(searches().map((e) => e.status)).toEqual([403, 200]);
	});

	it.each([
		["V1.2.0' or '1'='1", 'Firmware Versions|Firmware Version'],
		['V1.2.0; --', 'Firmware Version'],
	])('refuses %j by name and sends nothing', async (value) => {
		const run = device({ operation: 'search', returnAll: true, ...notOn(value) });
		expect(await failure(run)).toMatch(/^Firmware Version may contain only letters, digits/);
		expect(searches()).toHaveLength(0);
	});

	it('refuses OR in SQL Conditions and accepts AND', async () => {
		expect(
			await failure(
				device({
					operation: 'count',
					filterMode: 'sql',
					sqlConditions: "status = 'ONLINE' or status = 'OFFLINE'",
				}),
			),
		).toMatch(/SQL Conditions must not use OR/);
		const [count] = await device({
			operation: 'count',
			filterMode: 'sql',
			sqlConditions: "status = 'OFFLINE' and tag_key = 'site'",
		});
		expect(count.json.count).toBe(2); // dev-0010, dev-0020
	});
});

describe('Basic edition', () => {
	beforeEach(() => fixture.emu.setEdition('basic'));

	it('falls back to ListDevices by product, filters versions in the node and says so: the same set', async () => {
		const found = await device({
			operation: 'search',
			returnAll: true,
			...notOn('V1.2.0', { statuses: ['ONLINE'] }),
		});
		const expected = [...fixture.emu.state().catalog.deviceRecords.values()]
			.filter(
				(d) => d.product_id === switches() && d.fw_version !== 'V1.2.0' && d.status === 'ONLINE',
			)
			.map((d) => d.device_id)
			.sort();
		expect(found.map((o) => o.json.device_id).sort()).toEqual(expected);
		expect(found[0].json.found_by).toMatch(
			/^ListDevices, filtered in the node: SearchDevices was refused \(IOTDA\.000021/,
		);
		expect(
			fixture.calls('GET', /\/devices$/).every((e) => e.query.includes(`product_id=${switches()}`)),
		).toBe(true);
		const [count] = await device({
			operation: 'count',
			...notOn('V1.2.0', { statuses: ['ONLINE'] }),
		});
		expect(count.json.count).toBe(expected.length);
	});

	it('refuses a device group filter by name instead of targeting another set', async () => {
		const group = fixture.emu
			.state()
			.catalog.groups.find((g) => g.name === 'BuildingNorth')!.group_id;
		expect(
			await failure(
				device({ operation: 'search', returnAll: true, ...notOn('V1.2.0', { groupId: group }) }),
			),
		).toMatch(/SearchDevices was refused .* and Device Group ID cannot be applied/);
	});
});

describe('A throttled search', () => {
	it('whose retries ran out is IoTDA’s throttling error, not the Basic edition fallback', async () => {
		fixture.emu.faults.add({
			kind: 'throttle',
			times: Infinity,
			match: { method: 'POST', path: /\/search\/query-devices$/ },
		});
		const message = await failure(
			device({
				operation: 'search',
				returnAll: true,
				...notOn('V1.2.0'),
				options: { maxAttempts: 2 },
			}),
		);
		expect(message).toMatch(/IOTDA\.021101/);
		expect(searches()).toHaveLength(2);
		expect(fixture.calls('GET', /\/devices$/)).toEqual([]);
	});
});

describe('Stop during a long resolution', () => {
	it('ends within 1 s of Stop', async () => {
		fixture.emu.addDevices({ count: 3000, prefix: 'big', productId: switches() });
		const run = runCancellable(fixture, {
			parameters: { resource: 'device', operation: 'search', returnAll: true, ...notOn('V1.2.0') },
		});
		await until(() => searches().length >= 2);
		const stoppedAt = Date.now();
		run.controller.abort();
		const done = await run.done;
		expect(done.endedAt - stoppedAt).toBeLessThan(1000);
		expect(searches().length).toBeLessThan(10);
	});
});
