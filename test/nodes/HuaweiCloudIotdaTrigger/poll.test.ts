// Poll mode of the IoTDA Trigger against the emulator: first poll records and emits nothing, each change
// the filter selects is one item, no change = nothing; state stays small with 1,000 tasks; Fetch Test Event.
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../emulator';
import { call } from '../../emulator/sdk-test-client';
import { credentialsFor } from '../../helpers/emulatorCredentials';
import { poll, type TriggerRun } from '../../helpers/triggerHarness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 4 });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.reset();
	emu.config.failTargets.clear();
});

const run = (extra: Partial<TriggerRun> = {}): TriggerRun => ({
	credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
	staticData: {},
	sent: [],
	...extra,
	parameters: { mode: 'poll', ...extra.parameters },
});
const items = (out: Awaited<ReturnType<typeof poll>>) => (out ? out[0].map((i) => i.json) : null);
const listCalls = (sent: IHttpRequestOptions[]) =>
	sent.filter((o) => String(o.url).includes('/batchtasks?')).length;

async function createTask(
	targets: string[],
	name = 'fw_rollout',
	taskType = 'firmwareUpgrade',
): Promise<string> {
	const kind = taskType === 'firmwareUpgrade' ? 'firmwarePackage' : 'softwarePackage';
	const pkg = emu.state().catalog.packages.find((p) => p.package_type === kind)!;
	const r = await call(emu.url, {
		account: DEFAULT_ACCOUNT,
		method: 'POST',
		path: '/batchtasks',
		json: {
			task_name: name,
			task_type: taskType,
			targets,
			document: { package_ids: [pkg.package_id] },
		},
	});
	expect(r.status).toBe(201);
	return r.body.task_id;
}

it('first poll emits nothing, a finished task emits one item, a poll without change emits nothing', async () => {
	const r = run();
	const taskId = await createTask(['dev-0001', 'dev-0002']);
	expect(await poll(r)).toBeNull();
	expect(await poll(r)).toBeNull(); // still running: no selected status reached
	emu.clock.advance(60_000);
	const out = items(await poll(r));
	expect(out).toEqual([
		expect.objectContaining({
			task_id: taskId,
			task_name: 'fw_rollout',
			task_type: 'firmwareUpgrade',
			status: 'Success',
			// What the earlier poll saw: the emulator's clock also runs in real time, so on a loaded machine the
			// task may have left Initializing before that poll.
			previous_status: expect.stringMatching(/^(Initializing|Waitting|Processing)$/),
			source: 'poll',
		}),
	]);
	expect(typeof out![0].event_time).toBe('string');
	expect(await poll(r)).toBeNull();
});

it('a task created and finished between two polls is one item; one list request per type and poll', async () => {
	const r = run({ parameters: { taskTypes: ['firmwareUpgrade', 'softwareUpgrade'] } });
	expect(await poll(r)).toBeNull();
	const fw = await createTask(['dev-0003'], 'fw_b');
	const sw = await createTask(['dev-0004'], 'sw_b', 'softwareUpgrade');
	emu.clock.advance(60_000);
	r.sent = [];
	const out = items(await poll(r))!;
	expect(out.map((e) => [e.task_id, e.status, e.previous_status])).toEqual([
		[fw, 'Success', null],
		[sw, 'Success', null],
	]);
	expect(listCalls(r.sent)).toBe(2);
});

it('only the statuses the filter selects start; the state keeps following the others', async () => {
	const r = run({ parameters: { statuses: ['Processing'] } });
	expect(await poll(r)).toBeNull();
	const taskId = await createTask(['dev-0001']);
	emu.clock.advance(2_500); // Processing
	expect(items(await poll(r))).toEqual([
		expect.objectContaining({ task_id: taskId, status: 'Processing' }),
	]);
	emu.clock.advance(60_000); // Success: not selected
	expect(await poll(r)).toBeNull();
	expect(await poll(r)).toBeNull();
});

it('with 1,000 finished tasks the state stays small and a poll reads one page per type', async () => {
	emu.seedFinishedTasks(1000, { taskType: 'firmwareUpgrade' });
	const r = run();
	expect(await poll(r)).toBeNull();
	r.sent = [];
	expect(await poll(r)).toBeNull();
	expect(listCalls(r.sent)).toBe(2); // default types: firmware and software upgrades, one page each
	const size = JSON.stringify(r.staticData).length;
	expect(size).toBeLessThan(300);
	const taskId = await createTask(['dev-0005']);
	emu.clock.advance(60_000);
	expect(items(await poll(r))!.map((e) => e.task_id)).toEqual([taskId]);
	expect(JSON.stringify(r.staticData).length).toBeLessThan(300);
});

it('a retried task that finishes again is a change', async () => {
	emu.failTargets(['dev-0006']);
	const r = run();
	const taskId = await createTask(['dev-0006']);
	expect(await poll(r)).toBeNull();
	emu.clock.advance(60_000);
	expect(items(await poll(r))!.map((e) => e.status)).toEqual(['Fail']);
	const retry = await call(emu.url, {
		account: DEFAULT_ACCOUNT,
		method: 'POST',
		path: `/batchtasks/${taskId}/retry`,
		json: {},
	});
	expect(retry.status).toBe(200);
	expect(await poll(r)).toBeNull(); // Processing: not selected
	emu.clock.advance(60_000);
	expect(items(await poll(r))!.map((e) => [e.status, e.previous_status])).toEqual([
		['Fail', 'Processing'],
	]);
});

it('Include Task Details adds progress and every failed device', async () => {
	const failing = Array.from({ length: 55 }, (_, i) => `dev-${String(i + 10).padStart(4, '0')}`);
	emu.failTargets(failing);
	const r = run({ parameters: { includeDetails: true } });
	expect(await poll(r)).toBeNull();
	await createTask([...failing, 'dev-0100']);
	emu.clock.advance(60_000);
	const [event] = items(await poll(r))!;
	expect(event).toMatchObject({
		status: 'PartialSuccess',
		failed_device_count: 55,
		task_progress: { total: 56, success: 1, fail: 55 },
	});
	expect((event.failed_devices as IDataObject[]).map((d) => d.device_id)).toEqual(failing);
});

it('Fetch Test Event (manual) returns the most recent task, whatever its status', async () => {
	await createTask(['dev-0001'], 'older');
	emu.clock.advance(5_000);
	const newest = await createTask(['dev-0002'], 'newest', 'softwareUpgrade');
	const out = items(
		await poll(
			run({ mode: 'manual', parameters: { taskTypes: ['firmwareUpgrade', 'softwareUpgrade'] } }),
		),
	);
	expect(out).toEqual([
		expect.objectContaining({ task_id: newest, task_name: 'newest', status: 'Initializing' }),
	]);
});

it('push mode: poll() returns at once without a request', async () => {
	const r = run({ parameters: { mode: 'push' } });
	expect(await poll(r)).toBeNull();
	expect(r.sent).toHaveLength(0);
	expect(r.staticData).toEqual({});
});

it('an empty Task Types list is refused by name before any request', async () => {
	const r = run({ parameters: { taskTypes: [] } });
	await expect(poll(r)).rejects.toThrow('Task Types');
	expect(r.sent).toHaveLength(0);
});

// n8n's poller (n8n-core ActiveWorkflows, a cron job per Poll Time) starts each poll without waiting for the
// previous one, and every poll of a workflow sees the same static data: one item per change between them.
const taskIds = (outs: Array<Awaited<ReturnType<typeof poll>>>) =>
	outs.flatMap((out) => (out ? out[0].map((i) => String(i.json.task_id)) : []));

describe('overlapping polls', () => {
	it('two polls in flight at once emit a finished task once between them', async () => {
		const r = run({ parameters: { taskTypes: ['firmwareUpgrade', 'softwareUpgrade'] } });
		expect(await poll(r)).toBeNull();
		const taskId = await createTask(['dev-0001']);
		emu.clock.advance(60_000);
		const overlapping = await Promise.all([poll(r), poll(r)]);
		expect(taskIds(overlapping)).toEqual([taskId]);
		expect(await poll(r)).toBeNull();
	});

	it('after overlapping polls the next change is emitted once and nothing is lost', async () => {
		const r = run({ parameters: { taskTypes: ['firmwareUpgrade', 'softwareUpgrade'] } });
		expect(await poll(r)).toBeNull();
		const first = await createTask(['dev-0002']);
		emu.clock.advance(60_000);
		const overlapping = await Promise.all([poll(r), poll(r), poll(r)]);
		expect(taskIds(overlapping)).toEqual([first]);
		const second = await createTask(['dev-0003']);
		emu.clock.advance(60_000);
		expect(taskIds(await Promise.all([poll(r), poll(r)]))).toEqual([second]);
		expect(await poll(r)).toBeNull();
	});
});

it('a task that changes between the listing and the details read: current status, listed one, not reported twice', async () => {
	const r = run({ parameters: { includeDetails: true, statuses: ['Processing', 'Success'] } });
	expect(await poll(r)).toBeNull();
	const taskId = await createTask(['dev-0007']);
	emu.clock.advance(2_500); // Processing when listed
	const take = emu.faults.take.bind(emu.faults);
	jest.spyOn(emu.faults, 'take').mockImplementation((method, path) => {
		// The task finishes after the listing, before the poll reads its details.
		if (method === 'GET' && path.includes(`/batchtasks/${taskId}`)) emu.clock.advance(60_000);
		return take(method, path);
	});
	const out = items(await poll(r));
	jest.restoreAllMocks();
	expect(out).toEqual([
		expect.objectContaining({ task_id: taskId, status: 'Success', listed_status: 'Processing' }),
	]);
	expect(out![0].task_progress).toMatchObject({ success: 1 });
	expect(await poll(r)).toBeNull();
});
