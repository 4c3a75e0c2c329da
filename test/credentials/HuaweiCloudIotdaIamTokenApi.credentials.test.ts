/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * The IAM Token credential on its own: `preAuthentication` against the emulator's IAM (token, project id, scope;
 * project by id, by name, by region), IAM's refusals turned into clear errors without the password, and
 * `authenticate` (X-Auth-Token + Instance-Id, project segment, idempotent on its own output, no token for edited
 * fields). preAuthentication gets n8n-core's own request helpers (`{ helpers: this.helpers }` of a node context, as
 * n8n-core passes them), so IAM is called the way n8n calls it. The node-level suite
 * (test/nodes/HuaweiCloudIotda/transport/iamToken.test.ts) runs through n8n's engine, n8n-core's refresh after a
 * 401 included.
 */
import { inspect } from 'util';
import axios from 'axios';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { HuaweiCloudIotdaIamTokenApi } from '../../credentials/HuaweiCloudIotdaIamTokenApi.credentials';
import { IamTokenError } from '../../credentials/common/iamToken';
import { DEFAULT_ACCOUNT, INSTANCE_ACCOUNT, startEmulator, type Emulator } from '../emulator';
import { tokenCredentialsFor } from '../helpers/emulatorCredentials';
import { loadOptionsContext } from '../helpers/engine';

const credentialType = new HuaweiCloudIotdaIamTokenApi();

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 19 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

/** n8n-core's request helpers of a node context (LoadOptionsContext), as n8n hands them to preAuthentication. */
const helpers = () =>
	({
		helpers: loadOptionsContext({ authentication: 'iamToken' }, creds()).helpers,
	}) as unknown as IHttpRequestHelper;

const preAuth = async (creds: ICredentialDataDecryptedObject) =>
	(await credentialType.preAuthentication.call(helpers(), creds)) as ICredentialDataDecryptedObject;
const tokenCalls = () => emu.log.filter((e) => e.method === 'POST' && e.path === '/v3/auth/tokens');
const creds = (extra: Record<string, unknown> = {}, account = DEFAULT_ACCOUNT) =>
	tokenCredentialsFor(account, emu.url, extra);

async function refusal(creds: ICredentialDataDecryptedObject): Promise<IamTokenError> {
	const error = await preAuth(creds).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(IamTokenError);
	return error as IamTokenError;
}

describe('preAuthentication', () => {
	it('obtains a project-scoped token from IAM: the token, its project id and what it was issued for', async () => {
		const out = await preAuth(creds());
		expect(tokenCalls()).toHaveLength(1);
		expect(out.iamToken).toMatch(/^MIIemu/);
		expect(out.iamTokenProjectId).toBe(DEFAULT_ACCOUNT.projectId);
		expect(typeof out.iamTokenScope).toBe('string');
		expect(out.iamTokenScope).not.toContain(creds().password);
		// The token works on IoTDA.
		const sent = await credentialType.authenticate(
			{ ...creds(), ...out },
			{ method: 'GET', url: '/v5/iot/{project_id}/apps' },
		);
		const r = await axios.get(sent.url, {
			headers: sent.headers as Record<string, string>,
			validateStatus: () => true,
		});
		expect(r.status).toBe(200);
	});

	it('a project name, or no project (the region’s default project), resolves to the project id', async () => {
		for (const project of [DEFAULT_ACCOUNT.region, '']) {
			const out = await preAuth(creds({ project }));
			expect([project, out.iamTokenProjectId]).toEqual([project, DEFAULT_ACCOUNT.projectId]);
		}
	});

	it('a wrong password: IAM’s message and a hint, nothing of the password, and the error has no response n8n would retry on', async () => {
		const password = 'CanaryWrongPassword-000001';
		const error = await refusal(creds({ password }));
		expect(error.message).toMatch(/HTTP 401.*The username or password is wrong/);
		expect(error.hint).toMatch(/IAM User Name.*Password.*Account Name/);
		expect((error as unknown as IDataObject).response).toBeUndefined();
		expect(`${inspect(error, { depth: 8 })} ${JSON.stringify(error)} ${error.stack}`).not.toContain(
			password,
		);
	});

	it('a locked user and a user with MFA login protection get their own hints; an IAM echo of the password is masked', async () => {
		const password = creds().password as string;
		emu.faults.add({
			kind: 'status',
			status: 401,
			errorCode: 'IAM.0102',
			errorMsg: `The user is locked (${password})`,
			match: { path: '/v3/auth/tokens' },
		});
		const locked = await refusal(creds());
		expect(locked.message).toMatch(/The user is locked \(\*\*\*\)/);
		expect(locked.hint).toMatch(/locked/);
		expect(locked.message).not.toContain(password);
		emu.faults.add({
			kind: 'status',
			status: 401,
			errorMsg: 'MFA verification required for login protection',
			match: { path: '/v3/auth/tokens' },
		});
		const mfa = await refusal(creds());
		expect(mfa.hint).toMatch(/login protection \(virtual MFA\)/);
	});

	it('IAM unreachable: the code, not the request (which holds the password)', async () => {
		const error = await refusal(creds({ iamEndpoint: 'http://127.0.0.1:9' }));
		expect(error.message).toMatch(/could not be reached/);
		expect(inspect(error, { depth: 8 })).not.toContain(creds().password);
	});

	it('empty fields are named before anything is sent', async () => {
		await expect(preAuth(creds({ password: '' }))).rejects.toThrow(/"Password" is empty/);
		await expect(preAuth(creds({ domainName: ' ' }))).rejects.toThrow(/"Account Name" is empty/);
		expect(tokenCalls()).toHaveLength(0);
	});
});

describe('authenticate', () => {
	it('X-Auth-Token and Instance-Id, the endpoint and the token’s project id; nothing signed', async () => {
		const base = creds({}, INSTANCE_ACCOUNT);
		const issued = await preAuth(base);
		const out = await credentialType.authenticate(
			{ ...base, ...issued },
			{
				method: 'POST',
				url: '/v5/iot/{project_id}/batchtasks',
				qs: { a: 1 },
				body: { x: 1 },
				headers: { Accept: 'application/json' },
			},
		);
		expect(out.url).toBe(`${emu.url}/v5/iot/${INSTANCE_ACCOUNT.projectId}/batchtasks?a=1`);
		expect(out.headers).toEqual({
			Accept: 'application/json',
			'X-Auth-Token': issued.iamToken,
			'Instance-Id': INSTANCE_ACCOUNT.instanceId,
		});
		expect([out.qs, out.body, out.baseURL]).toEqual([undefined, { x: 1 }, undefined]);
	});

	it('is idempotent: applied again to its output (n8n does so after a refresh) it replaces the token and the project id', async () => {
		const base = creds({}, INSTANCE_ACCOUNT);
		const first = { ...base, ...(await preAuth(base)) };
		const once = await credentialType.authenticate(first, {
			method: 'GET',
			url: '/v5/iot/{project_id}/apps',
		});
		const second = {
			...first,
			iamToken: 'TOKEN-B',
			iamTokenProjectId: 'ffffffffffffffffffffffffffffffff',
		};
		const twice = await credentialType.authenticate(second, {
			...once,
			headers: { ...once.headers, 'x-auth-token': 'stale' },
		});
		expect(twice.url).toBe(`${emu.url}/v5/iot/ffffffffffffffffffffffffffffffff/apps`);
		expect(twice.headers).toEqual({
			'X-Auth-Token': 'TOKEN-B',
			'Instance-Id': INSTANCE_ACCOUNT.instanceId,
		});
	});

	it('a token issued for other fields (user, account, project or IAM endpoint edited) is not sent, so IoTDA’s 401 makes n8n fetch one', async () => {
		const base = creds({}, INSTANCE_ACCOUNT);
		const issued = { ...base, ...(await preAuth(base)) };
		for (const edit of <Array<Record<string, string>>>[
			{ userName: 'someone_else' },
			{ domainName: 'other' },
			{ project: 'cn-north-4' },
			{ iamEndpoint: 'https://iam.example' },
		]) {
			const out = await credentialType.authenticate(
				{ ...issued, ...edit },
				{ method: 'GET', url: '/v5/iot/{project_id}/apps' },
			);
			expect([edit, out.headers?.['X-Auth-Token']]).toEqual([edit, undefined]);
		}
		const unchanged = await credentialType.authenticate(
			{ ...issued, password: 'changed' },
			{ method: 'GET', url: '/v5/iot/{project_id}/apps' },
		);
		expect(unchanged.headers?.['X-Auth-Token']).toBe(issued.iamToken);
	});

	it('a bad endpoint is named without echoing it', async () => {
		await expect(
			credentialType.authenticate(
				{ ...creds(), endpoint: 'https://' },
				{ method: 'GET', url: '/v5/iot/{project_id}/apps' },
			),
		).rejects.toThrow(/"Endpoint" is not a valid URL/);
	});
});

describe('credential test request', () => {
	it('lists resource spaces with the token; 401/403/404 rules name what to check (403: IoTDA permissions)', async () => {
		const { request, rules } = credentialType.test;
		const base = creds();
		const out = await credentialType.authenticate(
			{ ...base, ...(await preAuth(base)) },
			{ method: request.method, url: String(request.url), skipSslCertificateValidation: false },
		);
		const r = await axios.get(out.url, {
			headers: out.headers as Record<string, string>,
			validateStatus: () => true,
		});
		expect([r.status, Array.isArray(r.data.applications)]).toEqual([200, true]);
		const messages = new Map(
			(rules ?? []).map((rule) => [
				(rule.properties as { value: number }).value,
				(rule.properties as { message: string }).message,
			]),
		);
		expect(messages.get(401)).toMatch(/IAM token/);
		expect(messages.get(403)).toMatch(/IoTDA permissions/);
		expect(messages.get(404)).toBeTruthy();
	});
});
