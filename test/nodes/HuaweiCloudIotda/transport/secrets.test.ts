/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Secrets never leak, through n8n's engine (errors as n8n records them in the run data): every error path is run with recognisable AK/SK/token values, and every output item
 * and every thrown error (message, description, stack, JSON form, inspected form) is searched for them.
 */
import { inspect } from 'util';
import type { INodeExecutionData } from 'n8n-workflow';

import type { INodeParameters } from 'n8n-workflow';

import type { EmulatorAccount } from '../../../emulator';
import { loadOptions } from '../../../fixtures/dropdowns';
import { useEmulator } from '../../../fixtures/emulator';
import { loadOptionsContext } from '../../../helpers/engine';

const ACCOUNT: EmulatorAccount = {
	name: 'leaky',
	ak: 'AKLEAKCANARY00000001',
	sk: 'SKLEAKCANARYSECRET0000000000000000000001',
	projectId: 'feedfacefeedfacefeedfacefeedface',
	region: 'cn-north-4',
	securityToken: 'TOKENLEAKCANARY-0000000000000001',
};
const SECRETS = [ACCOUNT.ak, ACCOUNT.sk, ACCOUNT.securityToken!, 'Signature=', 'Authorization'];

const fixture = useEmulator({ accounts: [ACCOUNT] });

function textsOf(value: unknown): string[] {
	if (!value) return [];
	const e = value as Error & { description?: string };
	return [
		String(e.message),
		String(e.description ?? ''),
		String(e.stack ?? ''),
		JSON.stringify(value) ?? '',
		inspect(value, { depth: 8 }),
	];
}

const found: string[] = [];
let paths = 0;
afterAll(() =>
	console.log(`secret leak search: ${paths} error paths, secrets found = ${found.length}`),
);

function search(label: string, output: INodeExecutionData[] | undefined, error: unknown) {
	paths++;
	const haystack = [...textsOf(error), ...(output ?? []).map((o) => JSON.stringify(o))].join('\n');
	for (const secret of SECRETS) if (haystack.includes(secret)) found.push(`${label}: ${secret}`);
}

const create: INodeParameters = {
	resource: 'batchTask',
	operation: 'create',
	taskType: 'freezeDevices',
	taskName: 'leak_test',
	deviceIds: 'dev-0001',
};

const scenarios: Array<[string, INodeParameters, Record<string, unknown>, (() => void)?]> = [
	[
		'wrong secret key (401)',
		create,
		{ secretAccessKey: 'SKLEAKCANARYSECRET0000000000000000000002' },
	],
	['wrong token (401)', create, { securityToken: 'TOKENLEAKCANARY-0000000000000002' }],
	['wrong project (403)', create, { projectId: '00000000000000000000000000000000' }],
	[
		'unknown task (404)',
		{
			resource: 'batchTask',
			operation: 'get',
			taskId: { __rl: true, mode: 'id', value: 'aaaaaaaaaaaaaaaaaaaaaaaa' },
		},
		{},
	],
	['validation error', { ...create, taskName: 'bad-name' }, {}],
	[
		'throttled until giving up (429)',
		{ ...create, options: { maxAttempts: 2 } },
		{},
		() => fixture.emu.faults.add({ kind: 'status', status: 429, retryAfter: 0, times: -1 }),
	],
	['server error (500)', create, {}, () => fixture.emu.faults.add({ kind: 'status', status: 500 })],
	[
		'reset connection',
		{ ...create, options: { maxAttempts: 2 } },
		{},
		() => fixture.emu.faults.add({ kind: 'reset', times: -1 }),
	],
	[
		'refused connection',
		{ ...create, options: { maxAttempts: 2 } },
		{ endpoint: 'http://127.0.0.1:9' },
	],
	['missing region with derived signing', create, { region: '', signingMode: 'derived' }],
	['invalid endpoint', create, { endpoint: 'https://' }],
	[
		'derived signing with the wrong region',
		create,
		{ region: 'ap-southeast-1', signingMode: 'derived' },
	],
];

describe('no secret in outputs, errors or logs', () => {
	it.each(scenarios.map((s) => [s[0], s] as const))(
		'%s',
		async (_name, [label, parameters, overrides, arrange]) => {
			arrange?.();
			const error = await fixture
				.run({ parameters, account: ACCOUNT, credentials: overrides })
				.then(
					() => undefined,
					(e: unknown) => e,
				);
			expect(error).toBeDefined();
			search(label, undefined, error);
			const output = await fixture
				.run({ parameters, account: ACCOUNT, credentials: overrides, continueOnFail: true })
				.catch(() => undefined);
			search(`${label} (continue on fail)`, output, undefined);
			expect(found).toEqual([]);
		},
	);

	it('dropdown errors with a wrong secret key', async () => {
		const context = loadOptionsContext(
			{ taskType: 'firmwareUpgrade' },
			fixture.credentials({ secretAccessKey: 'x'.repeat(40) }, ACCOUNT),
		);
		const error = await loadOptions.getOtaPackages.call(context).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect((error as Error).message).toMatch(/^List OTA packages failed: IOTDA\.000002/);
		search('dropdown', undefined, error);
		expect(found).toEqual([]);
	});
});
