/**
 * Issue #21, "options of one operation read by another": a collection key that the chosen operation's form
 * does not define. The node refuses it by name (helpers/unknownOptions); in n8n it never arrives (below).
 */
import type { INodeParameters } from 'n8n-workflow';
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../../emulator';
import { credentialsFor } from '../../../helpers/emulatorCredentials';
import { runNode } from '../../../helpers/engine';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ port: 0, seed: 3 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const run = (parameters: INodeParameters) =>
	runNode({ parameters, credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url) });
const TASK = { __rl: true, mode: 'id', value: 'aaaaaaaaaaaaaaaaaaaaaaaa' };

/*
 * Through n8n's engine the node's own refusal (helpers/unknownOptions) is not reached: n8n keeps only the
 * collection keys the shown form defines (NodeHelpers.getNodeParameters in the Workflow), so a key of another
 * operation's form — e.g. left in a workflow JSON after the operation changed — never arrives; the operation
 * runs as if it were not there.
 */
it.each([
	[
		'Create’s Dry Run under Get’s Options',
		{ resource: 'batchTask', operation: 'get', taskId: TASK, options: { dryRun: true } },
		/^Get batch task a{24} failed: IOTDA\.014301/,
		'GET',
		'',
	],
	[
		'Get’s Device ID filter under Get Many’s Filters',
		{
			resource: 'batchTask',
			operation: 'getAll',
			taskType: 'firmwareUpgrade',
			filters: { deviceId: 'dev-0001' },
		},
		undefined,
		'GET',
		'device_id',
	],
	[
		'Upload’s File Name under Batch Task File → Get Many',
		{ resource: 'batchTaskFile', operation: 'getAll', options: { fileName: 'a.xlsx' } },
		undefined,
		'GET',
		'file_name',
	],
])(
	'n8n drops %s: the operation runs without it',
	async (_name, parameters, message, method, absent) => {
		const error = await run(parameters as INodeParameters).then(
			() => undefined,
			(e: Error) => e,
		);
		if (message) expect(error?.message).toMatch(message);
		else expect(error).toBeUndefined();
		expect(emu.log.map((e) => e.method)).toEqual([method]); // sent (no dry run), once
		if (absent) expect(emu.log[0].query).not.toContain(absent);
	},
);

it('accepts the keys the operation defines', async () => {
	const out = await run({
		resource: 'batchTask',
		operation: 'getAll',
		taskType: 'firmwareUpgrade',
		filters: { status: 'Success' },
		options: { timeout: 5000 },
	});
	expect(Array.isArray(out)).toBe(true);
	expect(emu.log.length).toBeGreaterThan(0);
});
