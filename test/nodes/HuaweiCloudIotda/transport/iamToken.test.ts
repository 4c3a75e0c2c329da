/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * The node with Authentication = IAM Token against the emulator: Create (aggregate, 35,000 devices → 2 tasks),
 * Get, a dropdown and the credential test, one token for all of them, `X-Auth-Token` on every request and no
 * signature; IAM's refusals and IoTDA's 403 as readable errors; n8n-core's refresh after a 401 (a new token,
 * the request sent once more). Everything runs through n8n's engine (test/helpers/engine.ts): n8n-core calls
 * the credential's preAuthentication when the token field is empty or IoTDA answered 401, and the test's
 * credential object is the stored credential (n8n's updateCredentials keeps the token there).
 */
import type { OutboundHttp } from '@n8n/backend-network';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
} from 'n8n-workflow';

import { DEFAULT_ACCOUNT, INSTANCE_ACCOUNT } from '../../../emulator';
import { useEmulator } from '../../../fixtures/emulator';
import {
	itemsWith,
	loadOptionsContext,
	nodeType,
	replaceOutboundHttp,
	runNode,
} from '../../../helpers/engine';
import { tokenCredentialsFor } from '../../../helpers/emulatorCredentials';

const fixture = useEmulator({ seed: 23 });

const AUTH = { authentication: 'iamToken' };
const tokenCalls = () =>
	fixture.emu.log.filter((e) => e.method === 'POST' && e.path === '/v3/auth/tokens');
const iotdaCalls = () => fixture.emu.log.filter((e) => e.path.startsWith('/v5/'));

/** Runs the node with Authentication = IAM Token; `credentials` is the stored credential (the token lands there). */
function run(
	parameters: INodeParameters,
	credentials: ICredentialDataDecryptedObject,
	extra: { items?: INodeExecutionData[]; sent?: IHttpRequestOptions[] } = {},
) {
	return runNode({ parameters: { ...AUTH, ...parameters }, credentials, ...extra });
}
const getMany: INodeParameters = {
	resource: 'batchTask',
	operation: 'getAll',
	taskType: 'freezeDevices',
	returnAll: true,
};

const create35k = (credentials: ICredentialDataDecryptedObject, sent?: IHttpRequestOptions[]) => {
	const items = itemsWith(
		Array.from({ length: 35000 }, (_, i) => ({ device_id: `tok-${String(i).padStart(5, '0')}` })),
	);
	return run(
		{
			resource: 'batchTask',
			operation: 'create',
			taskType: 'freezeDevices',
			taskName: 'token_freeze',
			deviceIds: '={{ $json.device_id }}',
		},
		credentials,
		{ items, sent },
	);
};

describe('Authentication = IAM Token', () => {
	it('offers AK/SK (default) and IAM Token, each with its own credential', () => {
		const auth = nodeType.description.properties.find((p) => p.name === 'authentication');
		expect([auth?.default, auth?.options?.map((o) => (o as { value: string }).value)]).toEqual([
			'accessKey',
			['accessKey', 'iamToken'],
		]);
		expect(nodeType.description.credentials).toEqual([
			expect.objectContaining({
				name: 'huaweiCloudIotdaApi',
				displayOptions: { show: { authentication: ['accessKey'] } },
			}),
			expect.objectContaining({
				name: 'huaweiCloudIotdaIamTokenApi',
				displayOptions: { show: { authentication: ['iamToken'] } },
			}),
		]);
	});

	it('Create aggregates 35,000 devices into 2 tasks, Get reads one back, a dropdown lists them: one token for all, sent as X-Auth-Token, nothing signed', async () => {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url);
		const sent: IHttpRequestOptions[] = [];
		const created = await create35k(credentials, sent);
		expect(fixture.emu.state().tasks.map((t) => [t.name, t.subTargets.length])).toEqual([
			['token_freeze_1', 30000],
			['token_freeze_2', 5000],
		]);
		expect(created.map((o) => o.json.device_count)).toEqual([30000, 5000]);

		const got = await run(
			{
				resource: 'batchTask',
				operation: 'get',
				taskId: { __rl: true, mode: 'id', value: String(created[0].json.task_id) },
			},
			credentials,
			{ sent },
		);
		expect(got[0].json).toMatchObject({
			task_id: created[0].json.task_id,
			task_name: 'token_freeze_1',
		});

		const search = nodeType.methods.listSearch.searchBatchTasks as unknown as (
			this: ReturnType<typeof loadOptionsContext>,
			f?: string,
		) => Promise<INodeListSearchResult>;
		const listed = await search.call(
			loadOptionsContext({ ...AUTH, resource: 'batchTask', operation: 'get' }, credentials),
		);
		expect(listed.results.map((r) => r.name)).toEqual(
			expect.arrayContaining([
				expect.stringContaining('token_freeze_1'),
				expect.stringContaining('token_freeze_2'),
			]),
		);

		expect(tokenCalls()).toHaveLength(1);
		expect(iotdaCalls().length).toBeGreaterThanOrEqual(4);
		expect(iotdaCalls().every((e) => e.ak === DEFAULT_ACCOUNT.ak && (e.status ?? 999) < 400)).toBe(
			true,
		);
		expect(sent.every((o) => o.headers?.['X-Auth-Token'] === credentials.iamToken)).toBe(true);
		expect(
			sent.some((o) =>
				Object.keys(o.headers ?? {}).some((h) => /^(authorization|x-sdk-date)$/i.test(h)),
			),
		).toBe(false);
	});

	it('many executions with the stored credential reuse its token: IAM is asked once', async () => {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url);
		for (let i = 0; i < 5; i++) await run(getMany, credentials);
		expect([tokenCalls().length, iotdaCalls().length]).toEqual([1, 5]);
	});

	it('an instance that needs Instance-Id gets it next to the token', async () => {
		const out = await run(getMany, tokenCredentialsFor(INSTANCE_ACCOUNT, fixture.emu.url));
		expect(out).toEqual([]);
		expect(iotdaCalls().map((e) => [e.ak, e.status])).toEqual([[INSTANCE_ACCOUNT.ak, 200]]);
	});

	it('a wrong password: IAM’s message and a hint, asked once, nothing sent to IoTDA, no password in the error', async () => {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url, {
			password: 'CanaryWrong-0000001',
		});
		const error = await run(getMany, credentials).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toMatch(
			/IAM refused the token request \(HTTP 401\): The username or password is wrong/,
		);
		expect(error?.description).toMatch(/IAM User Name/);
		expect(JSON.stringify(error) + error?.stack).not.toContain('CanaryWrong-0000001');
		expect([tokenCalls().length, iotdaCalls().length]).toEqual([1, 0]);
	});

	it('an IAM user without IoTDA permission (403) gets the access-denied hint', async () => {
		fixture.emu.faults.add({
			kind: 'status',
			status: 403,
			errorCode: 'IOTDA.000021',
			errorMsg: 'Access denied',
			match: { path: '/batchtasks' },
		});
		const error = await run(getMany, tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url)).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toMatch(/IOTDA.000021/);
		expect(error?.description).toMatch(/Access denied: .*IAM user may use IoTDA/);
	});

	it('a stored token IoTDA refuses (401): n8n-core asks IAM for a new one, stores it and sends the request once more', async () => {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url);
		Object.assign(credentials, await preAuthenticated(credentials), { iamToken: 'MIIforged' });
		fixture.emu.log.length = 0;
		const out = await run(getMany, credentials);
		expect(out).toEqual([]);
		expect(iotdaCalls().map((e) => e.status)).toEqual([401, 200]);
		expect(tokenCalls()).toHaveLength(1);
		expect(credentials.iamToken).toMatch(/^MIIemu/);
		// The next execution starts from the stored new token: IAM is not asked again.
		await run(getMany, credentials);
		expect(tokenCalls()).toHaveLength(1);
	});

	it('a 401 n8n could not cure with a new token explains the token case, not signing', async () => {
		// IoTDA keeps refusing (401 APIG.0301), the fresh token included: n8n-core refreshes once, then gives up.
		fixture.emu.faults.add({
			kind: 'status',
			status: 401,
			errorCode: 'APIG.0301',
			errorMsg: 'Incorrect IAM authentication information',
			times: -1,
			match: { path: '/batchtasks' },
		});
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url);
		const error = await run(getMany, credentials).then(
			() => undefined,
			(e: Error & { description?: string }) => e,
		);
		expect(error?.message).toMatch(/APIG.0301/);
		expect(error?.description).toMatch(/refused the IAM token/);
		expect(error?.description).not.toMatch(/signature/i);
		expect([tokenCalls().length, iotdaCalls().length]).toEqual([2, 2]);
	});
});

/**
 * The HTTP layer under n8n's engine; returns the undo. `honoursExcept: false`
 * imitates n8n-core 1.x's request helper (1.123.81, request-helper-functions.js: `if
 * (n8nRequest.ignoreHttpStatusErrors) axiosRequest.validateStatus = () => true`): an `{ ignore, except }`
 * object counts as `true`, so a 401 comes back as a response. Everything above it is n8n-core 2.41's own.
 */
function httpLayer(honoursExcept: boolean): () => void {
	return replaceOutboundHttp((real) => {
		const requests = (options?: Parameters<OutboundHttp['requests']>[0]) => {
			const client = real.requests(options) as unknown as {
				request: (request: IHttpRequestOptions) => Promise<unknown>;
			};
			return {
				...client,
				request: async (request: IHttpRequestOptions) => {
					const like1x = !honoursExcept && typeof request.ignoreHttpStatusErrors === 'object';
					return await client.request(
						like1x ? { ...request, ignoreHttpStatusErrors: true } : request,
					);
				},
			} as unknown as ReturnType<OutboundHttp['requests']>;
		};
		return {
			requests,
			transport: (...args: Parameters<OutboundHttp['transport']>) => real.transport(...args),
		} as unknown as OutboundHttp;
	});
}

describe('IAM Token: the token expires between executions (n8n-core refreshes it)', () => {
	async function expireAndRun(honoursExcept: boolean) {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url);
		await run(getMany, credentials);
		const firstToken = credentials.iamToken;
		fixture.emu.clock.advance(25 * 3_600_000); // tokens live 24 h
		const restore = httpLayer(honoursExcept);
		try {
			const output = await run(getMany, credentials);
			const statuses = iotdaCalls().map((e) => [e.status, e.errorCode ?? null]);
			return {
				output,
				statuses,
				renewed: credentials.iamToken !== firstToken && credentials.iamToken !== '',
			};
		} finally {
			restore();
		}
	}

	it('on n8n 2.x (honours `except`) n8n refreshes on the first 401: no extra request', async () => {
		const { output, statuses, renewed } = await expireAndRun(true);
		expect(output).toEqual([]);
		expect(statuses).toEqual([
			[200, null],
			[401, 'APIG.0307'],
			[200, null],
		]);
		expect([renewed, tokenCalls().length]).toEqual([true, 2]);
	});

	it('on n8n 1.x (no `except`) the returned 401 is sent once more without ignoring it, so n8n refreshes the token and the run succeeds', async () => {
		const { output, statuses, renewed } = await expireAndRun(false);
		expect(output).toEqual([]);
		expect(statuses).toEqual([
			[200, null],
			[401, 'APIG.0307'],
			[401, 'APIG.0307'],
			[200, null],
		]);
		expect([renewed, tokenCalls().length]).toEqual([true, 2]);
	});

	it('on n8n 1.x a 401 the new token does not cure: one resend, one refresh, one retry, then IoTDA’s code and the token hint', async () => {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url);
		await run(getMany, credentials);
		fixture.emu.faults.add({
			kind: 'status',
			status: 401,
			errorCode: 'APIG.0307',
			errorMsg: 'The token must be updated.',
			times: -1,
			match: { path: '/batchtasks' },
		});
		const restore = httpLayer(false);
		const error = await run(getMany, credentials)
			.then(
				() => undefined,
				(e: Error & { description?: string }) => e,
			)
			.finally(() => restore());
		expect(iotdaCalls().map((e) => e.status)).toEqual([200, 401, 401, 401]);
		expect(tokenCalls()).toHaveLength(2);
		expect(error?.message).toMatch(/APIG.0307/);
		expect(error?.description).toMatch(/refused the IAM token/);
	});
});

/** The hidden fields a first request stores (the token of one Get Many). */
async function preAuthenticated(credentials: ICredentialDataDecryptedObject) {
	const copy = { ...credentials };
	await run(getMany, copy);
	return { iamTokenProjectId: copy.iamTokenProjectId, iamTokenScope: copy.iamTokenScope };
}
