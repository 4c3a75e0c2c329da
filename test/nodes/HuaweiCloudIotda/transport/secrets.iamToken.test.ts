/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Secrets never leak with the IAM Token credential: every success and error path runs with a recognisable
 * password, and every output item, thrown error (message, description, stack, JSON and inspected forms) and
 * console line is searched for the password and for every token IAM issued (read back from the stored
 * credential) or that the test planted. The node runs through n8n's engine (test/helpers/engine.ts), so the
 * errors searched are the ones n8n records, after its refresh-and-resend of a 401. The real-n8n case (test/e2e/cases/iam-token-credential.mjs) searches
 * n8n's output and log the same way.
 */
import { inspect } from 'util';
import type {
	ICredentialDataDecryptedObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { startEmulator, type Emulator, type EmulatorAccount } from '../../../emulator';
import { iamUserOf } from '../../../emulator/iam';
import { tokenCredentialsFor } from '../../../helpers/emulatorCredentials';
import { loadOptionsContext, runNode } from '../../../helpers/engine';
import { loadOptions } from '../../../../nodes/HuaweiCloudIotda/methods';

const ACCOUNT: EmulatorAccount = {
	name: 'leakytoken',
	ak: 'AKLEAKTOKEN000000001',
	sk: 'SKLEAKTOKENSECRET00000000000000000000001',
	projectId: 'feedbeeffeedbeeffeedbeeffeedbeef',
	region: 'cn-north-4',
};
const PASSWORD = iamUserOf(ACCOUNT).password;
const WRONG_PASSWORD = 'PasswordLeakCanary-000000002';
const PLANTED_TOKEN = 'MIItokenleakcanary000000000000000000003';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, accounts: [ACCOUNT] });
	emulator.setFailureRate(0);
});
afterAll(async () => emulator?.close());
beforeEach(() => emulator.reset());

const logged: string[] = [];
beforeEach(() => {
	for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		jest
			.spyOn(console, level)
			.mockImplementation(
				(...args: unknown[]) =>
					void logged.push(args.map((a) => inspect(a, { depth: 8 })).join(' ')),
			);
	}
});
afterEach(() => jest.restoreAllMocks());

const secrets = new Set([PASSWORD, WRONG_PASSWORD, PLANTED_TOKEN]);
const found: string[] = [];
let paths = 0;
afterAll(() =>
	process.stdout.write(
		`IAM token secret search: ${paths} paths, ${secrets.size} secrets, found = ${found.length}\n`,
	),
);

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

function search(
	label: string,
	output: INodeExecutionData[] | undefined,
	error: unknown,
	credentials: ICredentialDataDecryptedObject,
) {
	paths++;
	if (typeof credentials.iamToken === 'string' && credentials.iamToken)
		secrets.add(credentials.iamToken);
	const haystack = [
		...textsOf(error),
		...(output ?? []).map((o) => JSON.stringify(o)),
		...logged,
	].join('\n');
	for (const secret of secrets)
		if (haystack.includes(secret)) found.push(`${label}: ${secret.slice(0, 6)}…`);
}

const AUTH = { authentication: 'iamToken' };
const run = async (
	parameters: INodeParameters,
	credentials: ICredentialDataDecryptedObject,
	continueOnFail = false,
) => await runNode({ parameters: { ...AUTH, ...parameters }, credentials, continueOnFail });

const create: INodeParameters = {
	resource: 'batchTask',
	operation: 'create',
	taskType: 'freezeDevices',
	taskName: 'leak_test',
	deviceIds: 'dev-0001',
};
const iamFault = (status: number, errorMsg: string) => () =>
	emulator.faults.add({ kind: 'status', status, errorMsg, match: { path: '/v3/auth/tokens' } });

type Scenario = [string, INodeParameters, Record<string, unknown>, (() => void)?];
const failures: Scenario[] = [
	['wrong password (IAM 401)', create, { password: WRONG_PASSWORD }],
	['locked user', create, {}, iamFault(401, 'The user is locked.')],
	['MFA required', create, {}, iamFault(401, 'MFA verification required')],
	['IAM server error', create, {}, iamFault(500, 'IAM is down')],
	['IAM unreachable', create, { iamEndpoint: 'http://127.0.0.1:9' }],
	// n8n-core answers a 401 with a new token and one resend; IoTDA refusing that one too keeps this a failure.
	[
		'planted unknown token (IoTDA 401)',
		create,
		{ iamToken: PLANTED_TOKEN, iamTokenProjectId: ACCOUNT.projectId },
		() =>
			emulator.faults.add({
				kind: 'status',
				status: 401,
				errorCode: 'APIG.0301',
				errorMsg: 'Incorrect IAM authentication information',
				times: -1,
				match: { method: 'POST', path: /\/batchtasks$/ },
			}),
	],
	[
		'no IoTDA permission (403)',
		create,
		{},
		() =>
			emulator.faults.add({
				kind: 'status',
				status: 403,
				errorCode: 'IOTDA.000021',
				errorMsg: 'Access denied',
				match: { path: '/batchtasks' },
			}),
	],
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
	['invalid endpoint', create, { endpoint: 'https://' }],
];

describe('no password or token in outputs, errors or logs (IAM Token credential)', () => {
	it('a successful Create and Get', async () => {
		const credentials = tokenCredentialsFor(ACCOUNT, emulator.url);
		const created = await run(create, credentials);
		const got = await run(
			{
				resource: 'batchTask',
				operation: 'get',
				taskId: { __rl: true, mode: 'id', value: String(created[0].json.task_id) },
			},
			credentials,
		);
		expect(credentials.iamToken).toMatch(/^MII/);
		search('success', [...created, ...got], undefined, credentials);
		expect(found).toEqual([]);
	});

	it.each(failures.map((s) => [s[0], s] as const))(
		'%s',
		async (_name, [label, parameters, overrides, arrange]) => {
			arrange?.();
			const credentials = tokenCredentialsFor(ACCOUNT, emulator.url, overrides);
			if (overrides.iamToken) credentials.iamTokenScope = await scopeFor(credentials);
			const error = await run(parameters, credentials).then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeDefined();
			search(label, undefined, error, credentials);
			arrange?.();
			const output = await run(parameters, credentials, true).catch(() => undefined);
			search(`${label} (continue on fail)`, output, undefined, credentials);
			expect(found).toEqual([]);
		},
	);

	it('dropdown errors with a wrong password', async () => {
		const credentials = tokenCredentialsFor(ACCOUNT, emulator.url, { password: WRONG_PASSWORD });
		const context = loadOptionsContext(
			{ ...AUTH, resource: 'batchTask', operation: 'create', taskType: 'firmwareUpgrade' },
			credentials,
		);
		const error = await loadOptions.getOtaPackages.call(context).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect((error as Error).message).toMatch(/IAM refused the token request/);
		search('dropdown', undefined, error, credentials);
		expect(found).toEqual([]);
	});
});

/** The scope a token issued for these fields carries, so a planted token is sent (not skipped as stale). */
async function scopeFor(credentials: ICredentialDataDecryptedObject): Promise<string> {
	const probe: ICredentialDataDecryptedObject = { ...credentials, iamToken: '' };
	await run(
		{ resource: 'batchTask', operation: 'getAll', taskType: 'freezeDevices', returnAll: true },
		probe,
	);
	secrets.add(String(probe.iamToken));
	return String(probe.iamTokenScope);
}
