// Poll mode when the filters are edited between two polls. The state is kept per task type (poll.ts), so adding a
// type starts that type over (its first poll records and emits nothing) but must not make the types already
// watched forget what they saw: a change to them since the previous poll still starts the workflow. A different
// resource space is another list altogether and starts over.
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

const run = (taskTypes: string[]): TriggerRun => ({
	credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
	staticData: {},
	parameters: { mode: 'poll', taskTypes },
});
const ids = (out: Awaited<ReturnType<typeof poll>>) =>
	(out?.[0] ?? []).map((i) => [i.json.task_id, i.json.status]);

async function createTask(taskType: string, target: string): Promise<string> {
	const kind = taskType === 'firmwareUpgrade' ? 'firmwarePackage' : 'softwarePackage';
	const pkg = emu.state().catalog.packages.find((p) => p.package_type === kind)!;
	const r = await call(emu.url, {
		account: DEFAULT_ACCOUNT,
		method: 'POST',
		path: '/batchtasks',
		json: {
			task_name: `t_${target.replace(/-/g, '_')}`,
			task_type: taskType,
			targets: [target],
			document: { package_ids: [pkg.package_id] },
		},
	});
	expect(r.status).toBe(201);
	return r.body.task_id;
}

it('adding a task type keeps the watched types: their changes since the previous poll still start', async () => {
	const r = run(['firmwareUpgrade']);
	const running = await createTask('firmwareUpgrade', 'dev-0001');
	expect(await poll(r)).toBeNull(); // first poll: records the running task
	await createTask('softwareUpgrade', 'dev-0002');
	emu.clock.advance(60_000); // both finish
	r.parameters = { mode: 'poll', taskTypes: ['firmwareUpgrade', 'softwareUpgrade'] };
	expect(ids(await poll(r))).toEqual([[running, 'Success']]);
	// The added type started over: its task finished before it was added is not reported, later changes are.
	const sw = await createTask('softwareUpgrade', 'dev-0003');
	emu.clock.advance(60_000);
	expect(ids(await poll(r))).toEqual([[sw, 'Success']]);
});

it('removing a task type keeps the others', async () => {
	const r = run(['firmwareUpgrade', 'softwareUpgrade']);
	expect(await poll(r)).toBeNull();
	const fw = await createTask('firmwareUpgrade', 'dev-0004');
	emu.clock.advance(60_000);
	r.parameters = { mode: 'poll', taskTypes: ['firmwareUpgrade'] };
	expect(ids(await poll(r))).toEqual([[fw, 'Success']]);
});

it('another resource space starts over: its first poll emits nothing', async () => {
	const r = run(['firmwareUpgrade']);
	expect(await poll(r)).toBeNull();
	await createTask('firmwareUpgrade', 'dev-0005');
	emu.clock.advance(60_000);
	const other = emu.state().catalog.apps.find((a) => !a.default_app)!.app_id;
	r.parameters = {
		mode: 'poll',
		taskTypes: ['firmwareUpgrade'],
		appId: { mode: 'id', value: other },
	};
	expect(await poll(r)).toBeNull();
});
