// Poll mode and pages: ListBatchTasks gives 50 tasks a page, newest first. Every task created since the previous
// poll is a change, however many pages they fill — also when the previous poll saw no task of the type at all
// (a new account, or a type used for the first time), where there is no "previous newest" to stop at.
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../emulator';
import { credentialsFor } from '../../helpers/emulatorCredentials';
import { poll, type TriggerRun } from '../../helpers/triggerHarness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 9 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const run = (): TriggerRun => ({
	credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
	staticData: {},
	sent: [],
	parameters: { mode: 'poll', taskTypes: ['freezeDevices'] },
});
const emitted = async (r: TriggerRun) =>
	((await poll(r))?.[0] ?? []).map((i) => String(i.json.task_id));

describe('more than one page of new tasks between two polls', () => {
	it('after a poll that saw no task of the type: every one of 120 new tasks is a change', async () => {
		const r = run();
		expect(await poll(r)).toBeNull(); // nothing of the type yet
		const ids = emu.seedFinishedTasks(120, { taskType: 'freezeDevices' });
		const out = await emitted(r);
		expect(out).toHaveLength(120);
		expect(new Set(out)).toEqual(new Set(ids));
		expect(await poll(r)).toBeNull();
	});

	it('after a poll that saw a task: every one of 120 new tasks is a change', async () => {
		emu.seedFinishedTasks(1, { taskType: 'freezeDevices' });
		const r = run();
		expect(await poll(r)).toBeNull();
		const ids = emu.seedFinishedTasks(120, { taskType: 'freezeDevices' });
		const out = await emitted(r);
		expect(out).toHaveLength(120);
		expect(new Set(out)).toEqual(new Set(ids));
		expect(await poll(r)).toBeNull();
	});
});
