/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Issue #21: a canary on Device Group IDs is a canary. Waves on groups read the groups' members
 * (ShowDevicesInGroup, paged, de-duplicated) and stage them; a group that cannot be staged is refused
 * before anything is created, never run as one unstaged task. Dry Run shows every wave.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../../../../emulator';
import { credentialsFor } from '../../../../../helpers/emulatorCredentials';
import { runNode } from '../../../../../helpers/engine';
import { allowedFailures } from '../../../../../../nodes/HuaweiCloudIotda/actions/batchTask/create/stagedRollout';

jest.mock('../../../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../../../helpers/fastClock').fastClock(50),
);

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ port: 0, seed: 11, speed: 100 });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.reset();
	emu.setFailureRate(0);
	emu.config.failTargets.clear();
});

const groupId = (name: string) => emu.state().catalog.groups.find((g) => g.name === name)!.group_id;
const fwPackage = () =>
	emu.state().catalog.packages.find((p) => p.package_type === 'firmwarePackage')!.package_id;
const creates = () => emu.log.filter((e) => e.method === 'POST' && /\/batchtasks$/.test(e.path));
const memberReads = () =>
	emu.log.filter((e) => e.method === 'GET' && /\/device-group\/[^/]+\/devices$/.test(e.path));

function groupUpgrade(taskName: string, groups: string[], options: IDataObject): INodeParameters {
	return {
		resource: 'batchTask',
		operation: 'create',
		taskType: 'firmwareUpgrade',
		taskName,
		packageId: fwPackage(),
		targetSource: 'groupIds',
		groupIds: groups.join(', '),
		options: options as INodeParameters,
	};
}

const run = (parameters: INodeParameters) =>
	runNode({ parameters, credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url) });
const CANARY = {
	waitForCompletion: true,
	rolloutWaves: '10%, 100%',
	successThreshold: 95,
	pollInterval: 1,
};

type Rollout = {
	status: string;
	targets_from: string;
	groups: IDataObject[];
	total_devices: number;
	waves: IDataObject[];
	devices: { succeeded: string[]; never_started: string[] };
};

describe('waves on a device group', () => {
	it('10%, 100% on a 50-device group: wave 1 is a task of 5 devices, wave 2 of the other 45, created after wave 1 met the threshold', async () => {
		const [out] = await run(groupUpgrade('canary_grp', [groupId('BuildingNorth')], CANARY));
		const rollout = out.json.rollout as Rollout;
		expect(rollout.status).toBe('completed');
		expect([rollout.targets_from, rollout.groups, rollout.total_devices]).toEqual([
			'device groups',
			[{ group_id: groupId('BuildingNorth'), device_count: 50 }],
			50,
		]);
		expect(rollout.waves.map((w) => [w.task_name, w.device_count, w.status, w.success])).toEqual([
			['canary_grp_w1', 5, 'Success', 5],
			['canary_grp_w2', 45, 'Success', 45],
		]);
		const [w1, w2] = emu.state().tasks;
		expect([w1.subTargets.length, w2.subTargets.length]).toEqual([5, 45]);
		const all = [...w1.subTargets, ...w2.subTargets];
		expect(new Set(all).size).toBe(50);
		expect(all.sort()).toEqual(
			Array.from({ length: 50 }, (_, i) => `dev-${String(i + 1).padStart(4, '0')}`),
		);
		// No task names the group: each wave lists its devices.
		expect(emu.state().tasks.map((t) => t.view.targets_filter)).toEqual([undefined, undefined]);
		// Wave 2 was created only after the node saw wave 1 finished with 5/5.
		const log = emu.log;
		const w2Create = log.findIndex((e) => e.method === 'POST' && e.taskName === 'canary_grp_w2');
		const lastW1Poll = log
			.map((e, i) => (e.method === 'GET' && e.path.endsWith(`/batchtasks/${w1.id}`) ? i : -1))
			.filter((i) => i >= 0)
			.pop()!;
		expect(lastW1Poll).toBeGreaterThan(-1);
		expect(w2Create).toBeGreaterThan(lastW1Poll);
		expect(creates()).toHaveLength(2);
	});

	it('a failing canary stops the rollout: the other 45 devices never start', async () => {
		emu.failTargets(['dev-0050', 'dev-0049']);
		const [out] = await run(groupUpgrade('canary_bad', [groupId('BuildingNorth')], CANARY));
		const rollout = out.json.rollout as Rollout;
		expect(rollout.status).toBe('stopped');
		expect(rollout.waves).toHaveLength(1);
		expect(rollout.devices.never_started).toHaveLength(45);
		expect(creates()).toHaveLength(1);
	});

	it('reads every page of every group and de-duplicates members across groups', async () => {
		const a = emu.addStaticGroup({
			name: 'CanaryA',
			deviceIds: Array.from({ length: 120 }, (_, i) => `dev-${String(i + 1).padStart(4, '0')}`),
		});
		const b = emu.addStaticGroup({
			name: 'CanaryB',
			deviceIds: Array.from({ length: 20 }, (_, i) => `dev-${String(i + 111).padStart(4, '0')}`),
		});
		const [out] = await run(
			groupUpgrade('canary_two', [a.group_id, b.group_id], { ...CANARY, dryRun: true }),
		);
		expect(out.json).toMatchObject({
			wave: 1,
			device_count: 13,
			total_devices: 130,
			groups: [
				{ group_id: a.group_id, device_count: 120 },
				{ group_id: b.group_id, device_count: 20 },
			],
		});
		expect(memberReads().length).toBeGreaterThanOrEqual(4);
	});
});

describe('refused before anything is created', () => {
	it('a group with no devices', async () => {
		const error = await run(
			groupUpgrade('canary_empty', [groupId('BuildingNorth'), groupId('EmptyGroup')], CANARY),
		).catch((e: Error) => e);
		expect((error as Error).message).toMatch(
			/^Device Group IDs names a group with no devices, so there is nothing to stage/,
		);
		expect(creates()).toHaveLength(0);
	});

	it('a group whose members cannot be read (403): no fall-back to one unstaged group task', async () => {
		emu.faults.add({
			kind: 'status',
			status: 403,
			errorCode: 'IOTDA.000005',
			errorMsg: 'no permission',
			times: Infinity,
			match: { path: /\/device-group\// },
		});
		const error = await run(groupUpgrade('canary_403', [groupId('BuildingNorth')], CANARY)).catch(
			(e: Error) => e,
		);
		expect((error as Error).message).toMatch(
			/^Cannot stage the rollout: the devices of group \S+ could not be read/,
		);
		expect(creates()).toHaveLength(0);
	});

	it('waves whose first wave would take the whole group (no canary left)', async () => {
		const error = await run(
			groupUpgrade('canary_all', [groupId('BuildingNorth')], {
				...CANARY,
				rolloutWaves: '60, 100%',
			}),
		).catch((e: Error) => e);
		expect((error as Error).message).toMatch(
			/^Staged Rollout Waves makes its first wave of all 50 devices, so nothing would be staged/,
		);
		expect(creates()).toHaveLength(0);
	});
});

describe('Dry Run of a group canary', () => {
	it('shows every wave body with its devices, the group counts and what follows, and creates nothing', async () => {
		const out = await run(
			groupUpgrade('canary_dry', [groupId('BuildingNorth')], { ...CANARY, dryRun: true }),
		);
		expect(
			out.map((o) => [o.json.wave, o.json.device_count, (o.json.body as IDataObject).task_name]),
		).toEqual([
			[1, 5, 'canary_dry_w1'],
			[2, 45, 'canary_dry_w2'],
		]);
		const bodies = out.map((o) => o.json.body as IDataObject);
		expect(bodies.every((b) => b.targets_filter === undefined && Array.isArray(b.targets))).toBe(
			true,
		);
		expect(new Set(bodies.flatMap((b) => b.targets as string[])).size).toBe(50);
		expect(out[0].json.then).toMatchObject({
			rollout: { waves: '10%, 100%', success_threshold: 95 },
			wait: { poll_interval_seconds: 1 },
		});
		expect(creates()).toHaveLength(0);
	});
});

describe('the wave threshold in integers', () => {
	it.each([
		[10, 90, 1],
		[10, 95, 0],
		[100, 90, 10],
		[7, 95, 0],
		[20, 95, 1],
		[50, 100, 0],
		[3, 0, 3],
	])('%d devices at %d%% may lose %d', (devices, threshold, allowed) =>
		expect(allowedFailures(devices, threshold)).toBe(allowed),
	);

	it('is not the floating-point floor that stopped a 10-device wave at 90% on its first failure', () => {
		expect(Math.floor(10 * (1 - 0.9))).toBe(0);
		expect(allowedFailures(10, 90)).toBe(1);
	});
});
