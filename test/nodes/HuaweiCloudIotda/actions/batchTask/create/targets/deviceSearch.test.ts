/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Create → Target Source "Devices Matching a Search" through n8n's engine against the emulator: exactly the
 * devices the filters name become the task's targets (de-duplicated, staged, dry-run like Device IDs), the
 * output says how many matched and how they were found, a recurring rollout converges (its second run creates
 * no task and says every device is on the version), the Basic edition fallback, pacing on the request log,
 * and Stop during a long resolution. The node's clock and the emulator's run SPEED times faster, together.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../../../../../../fixtures/emulator';
import { runCancellable, until } from '../../../../../../helpers/cancellable';

const SPEED = 100;
jest.mock('../../../../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../../../../helpers/fastClock').fastClock(100),
);

const fixture = useEmulator({
	seed: 23,
	speed: SPEED,
	afterReset: (emu) => {
		emu.setEdition('standard');
		emu.setFailureRate(0);
		emu.config.failTargets.clear();
	},
});
const catalog = () => fixture.emu.state().catalog;
const switches = () => catalog().products.find((p) => p.name === 'SmartSwitch')!.product_id;
/** The SmartSwitch firmware package of `version` (seeded: V1.1.0 and V1.2.0). */
const fwPackage = (version: string) =>
	catalog().packages.find(
		(p) =>
			p.package_type === 'firmwarePackage' && p.product_id === switches() && p.version === version,
	)!.package_id;
/** The truth from the emulator's records (succeeded upgrades applied): SmartSwitch devices not on `version`. */
const notOnTruth = (version: string) =>
	[...catalog().deviceRecords.values()]
		.map((d) => fixture.emu.device(d.device_id)!)
		.filter((d) => d.product_id === switches() && d.fw_version !== version)
		.map((d) => d.device_id)
		.sort();
const searches = () => fixture.calls('POST', /\/search\/query-devices$/);
const creates = () => fixture.calls('POST', /\/batchtasks$/);

/** Create → Firmware Upgrade to `version` of the SmartSwitch devices not on it. */
function upgradeNotOn(version: string, options: IDataObject = {}, extra: IDataObject = {}) {
	return {
		resource: 'batchTask',
		operation: 'create',
		taskType: 'firmwareUpgrade',
		taskName: 'fleet_upgrade',
		packageId: fwPackage('V1.2.0'),
		targetSource: 'deviceSearch',
		searchProductId: switches(),
		searchFirmwareMatch: 'isNot',
		searchFirmwareVersions: version,
		options,
		...extra,
	} as INodeParameters;
}
const sorted = (ids: unknown) => [...(ids as string[])].sort();

describe('Create → Devices Matching a Search', () => {
	it('targets exactly the devices not on the version, says how they were found, paced at 1 request/s', async () => {
		fixture.emu.addDevices({
			count: 120,
			prefix: 'late',
			productId: switches(),
			attrs: (n) => ({ fw_version: n % 2 ? 'V1.2.0' : 'V1.0.0' }),
		});
		const expected = notOnTruth('V1.2.0');
		const [out] = await fixture.run({ parameters: upgradeNotOn('V1.2.0') });
		expect(out.json).toMatchObject({
			device_count: expected.length,
			targets_from: 'device search',
			matched_devices: expected.length,
			found_by: 'SearchDevices',
			search_requests: Math.ceil(expected.length / 50),
			search_sql: `select device_id,marker from device where product_id = '${switches()}' and fw_version != 'V1.2.0' order by marker asc limit 50`,
		});
		const [task] = fixture.emu.state().tasks;
		expect(sorted(task.subTargets)).toEqual(expected);
		const log = searches();
		expect(log).toHaveLength(Math.ceil(expected.length / 50));
		expect(log.every((e) => e.status === 200)).toBe(true);
		const gaps = log.slice(1).map((e, i) => Date.parse(e.time) - Date.parse(log[i].time));
		expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / SPEED - 5);
	});

	it('converges: once the upgrades succeeded, the same workflow creates no task and says every device is on the version', async () => {
		const behind = notOnTruth('V1.2.0');
		expect(behind.length).toBeGreaterThan(0);
		const parameters = upgradeNotOn('V1.2.0', { waitForCompletion: true, pollInterval: 1 });
		const [first] = await fixture.run({ parameters });
		expect(first.json).toMatchObject({ status: 'Success', device_count: behind.length });
		expect(notOnTruth('V1.2.0')).toEqual([]);

		const [second] = await fixture.run({ parameters: upgradeNotOn('V1.2.0') });
		expect(second.json).toMatchObject({
			created: false,
			device_count: 0,
			matched_devices: 0,
			found_by: 'SearchDevices',
		});
		expect(second.json.reason).toBe(
			'No device matches the search: every device the other filters select is already on firmware version V1.2.0. Nothing to do; no task was created.',
		);
		expect(creates()).toHaveLength(1);
	});

	it('Dry Run shows every wave with its devices and sends no create', async () => {
		const expected = notOnTruth('V1.2.0');
		const output = await fixture.run({
			parameters: upgradeNotOn('V1.2.0', {
				dryRun: true,
				waitForCompletion: true,
				rolloutWaves: '10%, 100%',
			}),
		});
		expect(output.map((o) => [o.json.wave, o.json.device_count])).toEqual([
			[1, Math.ceil(expected.length / 10)],
			[2, expected.length - Math.ceil(expected.length / 10)],
		]);
		const targets = output.flatMap((o) => (o.json.body as IDataObject).targets as string[]);
		expect(targets.sort()).toEqual(expected);
		expect(output[0].json).toMatchObject({
			targets_from: 'device search',
			matched_devices: expected.length,
		});
		expect(creates()).toHaveLength(0);
	});

	it('combines the items of "One Task for All Items": equal searches run once, different ones are de-duplicated', async () => {
		const items = [{ json: {} }, { json: {} }, { json: {} }];
		await fixture.run({ items, parameters: upgradeNotOn('V1.2.0', { dryRun: true }) });
		expect(searches()).toHaveLength(Math.ceil(notOnTruth('V1.2.0').length / 50));

		// Item 0: not on V1.2.0; item 1: on V1.0.0 (a subset); item 2: ONLINE and not on V1.1.0 (overlaps).
		const parameters = upgradeNotOn(
			'V1.2.0',
			{ dryRun: true },
			{
				searchFirmwareMatch: '={{ ["isNot", "is", "isNot"][$itemIndex] }}',
				searchFirmwareVersions: '={{ ["V1.2.0", "V1.0.0", "V1.1.0"][$itemIndex] }}',
				searchStatuses: '={{ $itemIndex === 2 ? ["ONLINE"] : [] }}',
			},
		);
		const [out] = await fixture.run({ items, parameters });
		const union = new Set([
			...notOnTruth('V1.2.0'),
			...[...catalog().deviceRecords.values()]
				.filter(
					(d) => d.product_id === switches() && d.status === 'ONLINE' && d.fw_version !== 'V1.1.0',
				)
				.map((d) => d.device_id),
		]);
		expect(out.json.device_count).toBe(union.size);
		expect(out.json.matched_devices).toBe(union.size);
		expect(sorted((out.json.body as IDataObject).targets)).toEqual([...union].sort());
	});

	it('"One Task per Item": a task per item, and an item whose search matches nothing creates none', async () => {
		const items = [{ json: { v: 'V1.2.0' } }, { json: { v: 'V9.9.9' } }];
		const parameters = upgradeNotOn(
			'V1.2.0',
			{},
			{
				batchMode: 'perItem',
				searchFirmwareMatch: 'is',
				searchFirmwareVersions: '={{ $json.v }}',
			},
		);
		const output = await fixture.run({ items, parameters });
		const onV120 = [...catalog().deviceRecords.values()].filter(
			(d) => d.product_id === switches() && d.fw_version === 'V1.2.0',
		);
		expect(
			output.map((o) => [o.json.device_count, o.json.matched_devices, o.json.created]),
		).toEqual([
			[onV120.length, onV120.length, undefined],
			[0, 0, false],
		]);
		expect(output[1].json.reason).toBe(
			'No device matches the search. Nothing to do; no task was created.',
		);
		expect(creates()).toHaveLength(1);
	});

	it('refuses a bad filter value by name before any request', async () => {
		const result = await fixture.execute({
			parameters: upgradeNotOn("V1.2.0' or '1'='1"),
		});
		expect(result.error?.message).toMatch(/^Firmware Version may contain only letters, digits/);
		expect(searches()).toHaveLength(0);
		expect(creates()).toHaveLength(0);
	});
});

describe('Basic edition', () => {
	it('falls back to ListDevices by product, filters in the node and says so: the same set', async () => {
		const expected = notOnTruth('V1.2.0');
		fixture.emu.setEdition('basic');
		const [out] = await fixture.run({ parameters: upgradeNotOn('V1.2.0') });
		expect(out.json.found_by).toMatch(
			/^ListDevices, filtered in the node: SearchDevices was refused \(IOTDA\.000021/,
		);
		expect(out.json.matched_devices).toBe(expected.length);
		expect(sorted(fixture.emu.state().tasks[0].subTargets)).toEqual(expected);
	});
});

describe('Stop during a long resolution', () => {
	it('ends within 1 s of Stop and creates no task', async () => {
		fixture.emu.addDevices({ count: 3000, prefix: 'big', productId: switches() });
		const run = runCancellable(fixture, { parameters: upgradeNotOn('V1.2.0') });
		await until(() => searches().length >= 2);
		const stoppedAt = Date.now();
		run.controller.abort();
		const done = await run.done;
		expect(done.endedAt - stoppedAt).toBeLessThan(1000);
		expect(searches().length).toBeLessThan(61);
		expect(creates()).toHaveLength(0);
	});
});
