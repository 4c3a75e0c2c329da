/**
 * Issue #21, "options of one operation read by another": a collection key that the chosen operation's form
 * does not define is refused before any request, naming it — not silently ignored.
 */
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../../emulator';
import { credentialsFor } from '../../../helpers/emulatorCredentials';
import { runNode, type ParamValue } from '../../../helpers/n8nHarness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ port: 0, seed: 3 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const run = (parameters: Record<string, ParamValue>) => runNode({ parameters, credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url) });
const TASK = { __rl: true, mode: 'id', value: 'aaaaaaaaaaaaaaaaaaaaaaaa' };

it.each([
	['Create’s Dry Run under Get’s Options', { resource: 'batchTask', operation: 'get', taskId: TASK, options: { dryRun: true } }, /^Options holds dryRun, which batchTask → get does not use/],
	['Get’s Device ID filter under Get Many’s Filters', { resource: 'batchTask', operation: 'getAll', taskType: 'firmwareUpgrade', filters: { deviceId: 'dev-0001' } }, /^Filters holds deviceId, which batchTask → getAll does not use/],
	['Upload’s File Name under Batch Task File → Get Many', { resource: 'batchTaskFile', operation: 'getAll', options: { fileName: 'a.xlsx' } }, /^Options holds fileName, which batchTaskFile → getAll does not use/],
])('refuses %s before any request', async (_name, parameters, message) => {
	const error = await run(parameters).catch((e: Error) => e);
	expect((error as Error).message).toMatch(message);
	expect(emu.log).toHaveLength(0);
});

it('accepts the keys the operation defines', async () => {
	const out = await run({ resource: 'batchTask', operation: 'getAll', taskType: 'firmwareUpgrade', filters: { status: 'Success' }, options: { timeout: 5000 } });
	expect(Array.isArray(out)).toBe(true);
	expect(emu.log.length).toBeGreaterThan(0);
});
