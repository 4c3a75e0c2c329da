/**
 * The node with Authentication = IAM Token against the emulator: Create (aggregate, 35,000 devices → 2 tasks),
 * Get, a dropdown and the credential test, one token for all of them, `X-Auth-Token` on every request and no
 * signature; IAM's refusals and IoTDA's 403 as readable errors. The harness (test/helpers/n8nHarness.ts) fills
 * the expirable token field when empty and keeps it in the credential object, as n8n stores it; n8n-core's
 * refresh after a 401 is imitated per n8n line by withN8nCoreRefresh below and proven with a real n8n 1.123.81
 * and 2.41.1 (test/e2e/cases/iam-token-credential.mjs).
 */
import type { IAllExecuteFunctions, ICredentialDataDecryptedObject, IHttpRequestOptions, ILoadOptionsFunctions, INodeExecutionData, INodeListSearchResult } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, INSTANCE_ACCOUNT, startEmulator, type Emulator } from './emulator';
import { tokenCredentialsFor } from './helpers/emulatorCredentials';
import { itemsWith, makeContext, nodeType, type ParamValue } from './helpers/n8nHarness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 23 });
	emu.setFailureRate(0);
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const AUTH = { authentication: 'iamToken' };
const tokenCalls = () => emu.log.filter((e) => e.method === 'POST' && e.path === '/v3/auth/tokens');
const iotdaCalls = () => emu.log.filter((e) => e.path.startsWith('/v5/'));

function run(parameters: Record<string, ParamValue>, credentials: ICredentialDataDecryptedObject, extra: { items?: INodeExecutionData[]; sent?: IHttpRequestOptions[]; continueOnFail?: boolean } = {}) {
	const context = makeContext({ parameters: { ...AUTH, ...parameters }, nodeParameters: AUTH, credentials, ...extra });
	return nodeType.execute.call(context).then(([output]) => output);
}

const create35k = (credentials: ICredentialDataDecryptedObject, sent?: IHttpRequestOptions[]) => {
	const items = itemsWith(Array.from({ length: 35000 }, (_, i) => ({ device_id: `tok-${String(i).padStart(5, '0')}` })));
	return run({ resource: 'batchTask', operation: 'create', taskType: 'freezeDevices', taskName: 'token_freeze', deviceIds: (i: number) => items[i].json.device_id }, credentials, { items, sent });
};

describe('Authentication = IAM Token', () => {
	it('offers AK/SK (default) and IAM Token, each with its own credential', () => {
		const auth = nodeType.description.properties.find((p) => p.name === 'authentication');
		expect([auth?.default, auth?.options?.map((o) => (o as { value: string }).value)]).toEqual(['accessKey', ['accessKey', 'iamToken']]);
		expect(nodeType.description.credentials).toEqual([
			expect.objectContaining({ name: 'huaweiCloudIotdaApi', displayOptions: { show: { authentication: ['accessKey'] } } }),
			expect.objectContaining({ name: 'huaweiCloudIotdaIamTokenApi', displayOptions: { show: { authentication: ['iamToken'] } } }),
		]);
	});

	it('Create aggregates 35,000 devices into 2 tasks, Get reads one back, a dropdown lists them: one token for all, sent as X-Auth-Token, nothing signed', async () => {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, emu.url);
		const sent: IHttpRequestOptions[] = [];
		const created = await create35k(credentials, sent);
		expect(emu.state().tasks.map((t) => [t.name, t.subTargets.length])).toEqual([
			['token_freeze_1', 30000],
			['token_freeze_2', 5000],
		]);
		expect(created.map((o) => o.json.device_count)).toEqual([30000, 5000]);

		const got = await run({ resource: 'batchTask', operation: 'get', taskId: { __rl: true, mode: 'id', value: created[0].json.task_id } }, credentials, { sent });
		expect(got[0].json).toMatchObject({ task_id: created[0].json.task_id, task_name: 'token_freeze_1' });

		const search = nodeType.methods.listSearch.searchBatchTasks as unknown as (this: ILoadOptionsFunctions, f?: string) => Promise<INodeListSearchResult>;
		const ctx = makeContext({ parameters: { ...AUTH, taskType: 'freezeDevices' }, nodeParameters: AUTH, credentials, sent });
		const listed = await search.call(ctx);
		expect(listed.results.map((r) => r.name)).toEqual(expect.arrayContaining([expect.stringContaining('token_freeze_1'), expect.stringContaining('token_freeze_2')]));

		expect(tokenCalls()).toHaveLength(1);
		expect(iotdaCalls().length).toBeGreaterThanOrEqual(4);
		expect(iotdaCalls().every((e) => e.ak === DEFAULT_ACCOUNT.ak && (e.status ?? 999) < 400)).toBe(true);
		expect(sent.every((o) => o.headers?.['X-Auth-Token'] === credentials.iamToken)).toBe(true);
		expect(sent.some((o) => Object.keys(o.headers ?? {}).some((h) => /^(authorization|x-sdk-date)$/i.test(h)))).toBe(false);
	});

	it('many executions with the stored credential reuse its token: IAM is asked once', async () => {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, emu.url);
		for (let i = 0; i < 5; i++) await run({ resource: 'batchTask', operation: 'getAll', taskType: 'freezeDevices', returnAll: true }, credentials);
		expect([tokenCalls().length, iotdaCalls().length]).toEqual([1, 5]);
	});

	it('an instance that needs Instance-Id gets it next to the token', async () => {
		const out = await run({ resource: 'batchTask', operation: 'getAll', taskType: 'freezeDevices', returnAll: true }, tokenCredentialsFor(INSTANCE_ACCOUNT, emu.url));
		expect(out).toEqual([]);
		expect(iotdaCalls().map((e) => [e.ak, e.status])).toEqual([[INSTANCE_ACCOUNT.ak, 200]]);
	});

	it('a wrong password: IAM’s message and a hint, asked once, nothing sent to IoTDA, no password in the error', async () => {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, emu.url, { password: 'CanaryWrong-0000001' });
		const error = await run({ resource: 'batchTask', operation: 'getAll', taskType: 'freezeDevices', returnAll: true }, credentials).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toMatch(/IAM refused the token request \(HTTP 401\): The username or password is wrong/);
		expect(error?.description).toMatch(/IAM User Name/);
		expect(JSON.stringify(error) + error?.stack).not.toContain('CanaryWrong-0000001');
		expect([tokenCalls().length, iotdaCalls().length]).toEqual([1, 0]);
	});

	it('an IAM user without IoTDA permission (403) gets the access-denied hint', async () => {
		emu.faults.add({ kind: 'status', status: 403, errorCode: 'IOTDA.000021', errorMsg: 'Access denied', match: { path: '/batchtasks' } });
		const error = await run({ resource: 'batchTask', operation: 'getAll', taskType: 'freezeDevices', returnAll: true }, tokenCredentialsFor(DEFAULT_ACCOUNT, emu.url)).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toMatch(/IOTDA.000021/);
		expect(error?.description).toMatch(/Access denied: .*IAM user may use IoTDA/);
	});

	it('a 401 n8n could not cure with a new token explains the token case, not signing', async () => {
		// A token the emulator never issued, stored for the current fields: IoTDA answers 401 APIG.0301.
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, emu.url);
		Object.assign(credentials, await preAuthenticated(credentials), { iamToken: 'MIIforged' });
		const error = await run({ resource: 'batchTask', operation: 'getAll', taskType: 'freezeDevices', returnAll: true }, credentials).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toMatch(/APIG.0301/);
		expect(error?.description).toMatch(/refused the IAM token/);
		expect(error?.description).not.toMatch(/signature/i);
	});
});

/**
 * n8n-core's request helper around the harness: after a status error 401 it fetches a new token (the harness
 * refills an empty token field through the credential's preAuthentication) and resends once, as both n8n
 * lines do. `honoursExcept: false` is n8n-core 1.x (1.123.81): an `ignoreHttpStatusErrors` object counts as
 * `true`, so `except: [401]` is lost and the 401 comes back as a response (request-helper-functions.js:
 * `if (n8nRequest.ignoreHttpStatusErrors) axiosRequest.validateStatus = () => true`).
 */
function withN8nCoreRefresh(context: ReturnType<typeof makeContext>, credentials: ICredentialDataDecryptedObject, honoursExcept: boolean) {
	const base = context.helpers.httpRequestWithAuthentication;
	const seen: unknown[] = [];
	context.helpers.httpRequestWithAuthentication = async function (this: IAllExecuteFunctions, type: string, options: IHttpRequestOptions) {
		seen.push(options.ignoreHttpStatusErrors);
		const host = honoursExcept ? options : { ...options, ignoreHttpStatusErrors: Boolean(options.ignoreHttpStatusErrors) };
		// n8n-workflow 1.x's NodeApiError keeps a status error's httpCode but not its cause (status, headers, body).
		const like1x = (error: unknown) => {
			if (honoursExcept) return error;
			const status = (error as { cause?: { response?: { status?: number } } }).cause?.response?.status;
			return Object.assign(new Error('Authorization failed - please check your credentials'), { httpCode: status === undefined ? null : String(status) });
		};
		try {
			return await base.call(this, type, host);
		} catch (error) {
			if ((error as { cause?: { response?: { status?: number } } }).cause?.response?.status !== 401) throw like1x(error);
			credentials.iamToken = '';
			try {
				return await base.call(this, type, host);
			} catch (retryError) {
				throw like1x(retryError);
			}
		}
	} as typeof base;
	return seen;
}

describe('IAM Token: the token expires between executions', () => {
	const getAll = { ...AUTH, resource: 'batchTask', operation: 'getAll', taskType: 'freezeDevices', returnAll: true };

	async function expireAndRun(honoursExcept: boolean) {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, emu.url);
		await run(getAll, credentials);
		const firstToken = credentials.iamToken;
		emu.clock.advance(25 * 3_600_000); // tokens live 24 h
		const context = makeContext({ parameters: getAll, nodeParameters: AUTH, credentials });
		const seen = withN8nCoreRefresh(context, credentials, honoursExcept);
		const [output] = await nodeType.execute.call(context);
		const statuses = iotdaCalls().map((e) => [e.status, e.errorCode ?? null]);
		return { output, seen, statuses, renewed: credentials.iamToken !== firstToken && credentials.iamToken !== '' };
	}

	it('on n8n 1.x (no `except`) the returned 401 is sent once more without ignoring it, so n8n refreshes the token and the run succeeds', async () => {
		const { output, seen, statuses, renewed } = await expireAndRun(false);
		expect(output).toEqual([]);
		expect(statuses).toEqual([
			[200, null],
			[401, 'APIG.0307'],
			[401, 'APIG.0307'],
			[200, null],
		]);
		expect(seen).toEqual([{ ignore: true, except: [401] }, false]);
		expect([renewed, tokenCalls().length]).toEqual([true, 2]);
	});

	it('on n8n 1.x a 401 the new token does not cure: one resend, one refresh, one retry, then IoTDA’s code and the token hint', async () => {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, emu.url);
		await run(getAll, credentials);
		emu.faults.add({ kind: 'status', status: 401, errorCode: 'APIG.0307', errorMsg: 'The token must be updated.', times: -1, match: { path: '/batchtasks' } });
		const context = makeContext({ parameters: getAll, nodeParameters: AUTH, credentials });
		withN8nCoreRefresh(context, credentials, false);
		const error = await nodeType.execute.call(context).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(iotdaCalls().map((e) => e.status)).toEqual([200, 401, 401, 401]);
		expect(tokenCalls()).toHaveLength(2);
		expect(error?.message).toMatch(/APIG.0307/);
		expect(error?.description).toMatch(/refused the IAM token/);
	});

	it('on n8n 2.x (honours `except`) n8n refreshes on the first 401: no extra request', async () => {
		const { output, seen, statuses, renewed } = await expireAndRun(true);
		expect(output).toEqual([]);
		expect(statuses).toEqual([
			[200, null],
			[401, 'APIG.0307'],
			[200, null],
		]);
		expect(seen).toEqual([{ ignore: true, except: [401] }]);
		expect([renewed, tokenCalls().length]).toEqual([true, 2]);
	});
});

/** The hidden fields a first request stores (the token of one getMany). */
async function preAuthenticated(credentials: ICredentialDataDecryptedObject) {
	const copy = { ...credentials };
	await run({ resource: 'batchTask', operation: 'getAll', taskType: 'freezeDevices', returnAll: true }, copy);
	return { iamTokenProjectId: copy.iamTokenProjectId, iamTokenScope: copy.iamTokenScope };
}
