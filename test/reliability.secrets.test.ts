/**
 * Secrets never leak: every error path is run with recognisable AK/SK/token values, and every output item
 * and every thrown error (message, description, stack, JSON form, inspected form) is searched for them.
 */
import { inspect } from 'util';
import type { INodeExecutionData } from 'n8n-workflow';

import { startEmulator, type Emulator, type EmulatorAccount } from './emulator';
import { credentialsFor } from './helpers/emulatorCredentials';
import { makeContext, runNode, type ParamValue } from './helpers/n8nHarness';
import { loadOptions } from '../nodes/HuaweiCloudIotda/methods';

const ACCOUNT: EmulatorAccount = {
	name: 'leaky',
	ak: 'AKLEAKCANARY00000001',
	sk: 'SKLEAKCANARYSECRET0000000000000000000001',
	projectId: 'feedfacefeedfacefeedfacefeedface',
	region: 'cn-north-4',
	securityToken: 'TOKENLEAKCANARY-0000000000000001',
};
const SECRETS = [ACCOUNT.ak, ACCOUNT.sk, ACCOUNT.securityToken!, 'Signature=', 'Authorization'];

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, accounts: [ACCOUNT] });
});
afterAll(async () => emulator?.close());
beforeEach(() => emulator.reset());

function textsOf(value: unknown): string[] {
	if (!value) return [];
	const e = value as Error & { description?: string };
	return [String(e.message), String(e.description ?? ''), String(e.stack ?? ''), JSON.stringify(value) ?? '', inspect(value, { depth: 8 })];
}

const found: string[] = [];
let paths = 0;
afterAll(() => console.log(`secret leak search: ${paths} error paths, secrets found = ${found.length}`));

function search(label: string, output: INodeExecutionData[] | undefined, error: unknown) {
	paths++;
	const haystack = [...textsOf(error), ...(output ?? []).map((o) => JSON.stringify(o))].join('\n');
	for (const secret of SECRETS) if (haystack.includes(secret)) found.push(`${label}: ${secret}`);
}

const create: Record<string, ParamValue> = { resource: 'batchTask', operation: 'create', taskType: 'freezeDevices', taskName: 'leak_test', deviceIds: 'dev-0001' };

const scenarios: Array<[string, Record<string, ParamValue>, Record<string, unknown>, (() => void)?]> = [
	['wrong secret key (401)', create, { secretAccessKey: 'SKLEAKCANARYSECRET0000000000000000000002' }],
	['wrong token (401)', create, { securityToken: 'TOKENLEAKCANARY-0000000000000002' }],
	['wrong project (403)', create, { projectId: '00000000000000000000000000000000' }],
	['unknown task (404)', { resource: 'batchTask', operation: 'get', taskId: { __rl: true, mode: 'id', value: 'aaaaaaaaaaaaaaaaaaaaaaaa' } }, {}],
	['validation error', { ...create, taskName: 'bad-name' }, {}],
	['throttled until giving up (429)', { ...create, options: { maxAttempts: 2 } }, {}, () => emulator.faults.add({ kind: 'status', status: 429, retryAfter: 0, times: -1 })],
	['server error (500)', create, {}, () => emulator.faults.add({ kind: 'status', status: 500 })],
	['reset connection', { ...create, options: { maxAttempts: 2 } }, {}, () => emulator.faults.add({ kind: 'reset', times: -1 })],
	['refused connection', { ...create, options: { maxAttempts: 2 } }, { endpoint: 'http://127.0.0.1:9' }],
	['missing region with derived signing', create, { region: '', signingMode: 'derived' }],
	['invalid endpoint', create, { endpoint: 'https://' }],
	['derived signing with the wrong region', create, { region: 'ap-southeast-1', signingMode: 'derived' }],
];

describe('no secret in outputs, errors or logs', () => {
	it.each(scenarios.map((s) => [s[0], s] as const))('%s', async (_name, [label, parameters, overrides, arrange]) => {
		arrange?.();
		const credentials = credentialsFor(ACCOUNT, emulator.url, overrides);
		const error = await runNode({ parameters, credentials }).then(() => undefined, (e: unknown) => e);
		expect(error).toBeDefined();
		search(label, undefined, error);
		const output = await runNode({ parameters, credentials, continueOnFail: true }).catch(() => undefined);
		search(`${label} (continue on fail)`, output, undefined);
		expect(found).toEqual([]);
	});

	it('dropdown errors with a wrong secret key', async () => {
		const context = makeContext({ parameters: { taskType: 'firmwareUpgrade' }, credentials: credentialsFor(ACCOUNT, emulator.url, { secretAccessKey: 'x'.repeat(40) }) });
		const error = await loadOptions.getOtaPackages.call(context).then(() => undefined, (e: unknown) => e);
		expect((error as Error).message).toMatch(/^List OTA packages failed: IOTDA\.000002/);
		search('dropdown', undefined, error);
		expect(found).toEqual([]);
	});
});
