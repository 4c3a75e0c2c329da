/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Issue #13 / audit row 4: sub-task lists are never cut short silently. 30,000 sub-tasks are read in full by
 * Get (Return All) and by Wait for Completion; with the emulator's `omitDetailMarker` switch (ShowBatchTask
 * pages without `page.marker`) the node reads by offset as far as the API allows (offset ≤ 500) and
 * otherwise fails with how many of how many it read.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../../emulator';
import { credentialsFor } from '../../../helpers/emulatorCredentials';
import { errorMessage } from '../../../helpers/errorItem';
import { runNode } from '../../../helpers/engine';

jest.mock('../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../helpers/fastClock').fastClock(50),
);

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ port: 0, seed: 5, speed: 1000 });
});
afterAll(async () => emu?.close());
beforeEach(() => {
	emu.reset();
	emu.config.omitDetailMarker = false;
});

const ids = (n: number, prefix = 'big') =>
	Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`);
const run = (parameters: INodeParameters, continueOnFail = false) =>
	runNode({ parameters, credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url), continueOnFail });
const getAll = (taskId: string) => ({
	resource: 'batchTask',
	operation: 'get',
	taskId: { __rl: true, mode: 'id', value: taskId },
	returnAll: true,
});
const freezeGroup = (groupId: string) => ({
	resource: 'batchTask',
	operation: 'create',
	taskType: 'freezeDevices',
	taskName: 'freeze_group',
	targetSource: 'groupIds',
	groupIds: groupId,
});
const detailRequests = () =>
	emu.log.filter((e) => e.method === 'GET' && /\/batchtasks\/[0-9a-f]+$/.test(e.path));

describe('Get → Return All', () => {
	it('reads all 30,000 sub-tasks of a task, in order, none twice', async () => {
		const targets = ids(30000);
		// A group task: its Task record carries no 30,000-id `targets` array on every page.
		const groupId = emu.addStaticGroup({ name: 'Big', deviceIds: targets }).group_id;
		const [created] = await run({ ...freezeGroup(groupId), options: {} });
		emu.clock.advance(3600_000);
		const [out] = await run(getAll(String(created.json.task_id)));
		const details = out.json.task_details as IDataObject[];
		expect(details).toHaveLength(30000);
		expect(details.map((d) => d.target)).toEqual(targets);
		expect(out.json.task_details_matching).toBe(30000);
		expect(detailRequests()).toHaveLength(600);
	});

	it('without page markers: a 300-sub-task list is read in full by offset', async () => {
		const targets = ids(300);
		const [taskId] = emu.seedFinishedTasks(1, { targets });
		emu.config.omitDetailMarker = true;
		const [out] = await run(getAll(taskId));
		expect((out.json.task_details as IDataObject[]).map((d) => d.target)).toEqual(targets);
		expect(detailRequests().map((e) => new URLSearchParams(e.query).get('offset'))).toEqual([
			null,
			'50',
			'100',
			'150',
			'200',
			'250',
		]);
	});

	it('without page markers: 30,000 sub-tasks fail with how many of how many were read, no short list', async () => {
		const [taskId] = emu.seedFinishedTasks(1, { targets: ids(30000) });
		emu.config.omitDetailMarker = true;
		const out = await run(getAll(taskId), true);
		expect(out).toHaveLength(1);
		expect(out[0].json.task_details).toBeUndefined();
		expect(errorMessage(out[0])).toMatch(
			/^Get batch task [0-9a-f]+: read only 550 of 30000 sub-tasks, then IoTDA stopped giving a page marker/,
		);
	});

	it('without page markers, one full page that is the whole list needs no second request (page.count)', async () => {
		const [taskId] = emu.seedFinishedTasks(1, { targets: ids(50) });
		emu.config.omitDetailMarker = true;
		const [out] = await run(getAll(taskId));
		expect(out.json.task_details).toHaveLength(50);
		expect(detailRequests()).toHaveLength(1);
	});
});

describe('Wait for Completion → per-device results', () => {
	async function groupOf(n: number): Promise<string> {
		return emu.addStaticGroup({ name: 'Big', deviceIds: ids(n, 'grp') }).group_id;
	}
	const waitOn = (groupId: string) => ({
		...freezeGroup(groupId),
		options: { waitForCompletion: true, pollInterval: 1, maxWait: 600 },
	});

	it('reads every one of 30,000 succeeded devices of a group task', async () => {
		const [out] = await run(waitOn(await groupOf(30000)));
		const devices = out.json.devices as { succeeded: string[] };
		expect(out.json.status).toBe('Success');
		expect(devices.succeeded).toHaveLength(30000);
		expect(new Set(devices.succeeded)).toEqual(new Set(ids(30000, 'grp')));
	});

	it('without page markers, fails naming how many of the 30,000 it read instead of reporting a short list', async () => {
		const groupId = await groupOf(30000);
		emu.config.omitDetailMarker = true;
		const out = await run(waitOn(groupId), true);
		expect(out).toHaveLength(1);
		expect(out[0].json.devices).toBeUndefined();
		expect(errorMessage(out[0])).toMatch(
			/^Get results of batch task [0-9a-f]+: read only 550 of 30000 sub-tasks, then IoTDA stopped giving a page marker/,
		);
	});
});
