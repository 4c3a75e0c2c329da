// Overlapping polls. n8n's poller (n8n-core ActiveWorkflows, a cron job per Poll Time) starts each poll without
// waiting for the previous one, and every poll of a workflow sees the same static data. Two polls in flight at
// once must not both emit the same change: one item per change, nothing twice, nothing lost.
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../emulator';
import { call } from '../../emulator/sdk-test-client';
import { credentialsFor } from '../../helpers/emulatorCredentials';
import { poll, type TriggerRun } from '../../helpers/triggerHarness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 11 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const run = (extra: Partial<TriggerRun> = {}): TriggerRun => ({
	credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
	staticData: {},
	...extra,
	parameters: {
		mode: 'poll',
		taskTypes: ['firmwareUpgrade', 'softwareUpgrade'],
		...extra.parameters,
	},
});
const taskIds = (outs: Array<Awaited<ReturnType<typeof poll>>>) =>
	outs.flatMap((out) => (out ? out[0].map((i) => String(i.json.task_id)) : []));

async function createTask(target: string): Promise<string> {
	const pkg = emu.state().catalog.packages.find((p) => p.package_type === 'firmwarePackage')!;
	const r = await call(emu.url, {
		account: DEFAULT_ACCOUNT,
		method: 'POST',
		path: '/batchtasks',
		json: {
			task_name: `fw_${target.replace('-', '_')}`,
			task_type: 'firmwareUpgrade',
			targets: [target],
			document: { package_ids: [pkg.package_id] },
		},
	});
	expect(r.status).toBe(201);
	return r.body.task_id;
}

it('two polls in flight at once emit a finished task once between them', async () => {
	const r = run();
	expect(await poll(r)).toBeNull();
	const taskId = await createTask('dev-0001');
	emu.clock.advance(60_000);
	const overlapping = await Promise.all([poll(r), poll(r)]);
	expect(taskIds(overlapping)).toEqual([taskId]);
	expect(await poll(r)).toBeNull();
});

it('after overlapping polls the next change is emitted once and nothing is lost', async () => {
	const r = run();
	expect(await poll(r)).toBeNull();
	const first = await createTask('dev-0002');
	emu.clock.advance(60_000);
	const overlapping = await Promise.all([poll(r), poll(r), poll(r)]);
	expect(taskIds(overlapping)).toEqual([first]);
	const second = await createTask('dev-0003');
	emu.clock.advance(60_000);
	expect(taskIds(await Promise.all([poll(r), poll(r)]))).toEqual([second]);
	expect(await poll(r)).toBeNull();
});
