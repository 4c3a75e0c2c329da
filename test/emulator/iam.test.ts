/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// IAM token auth in the emulator (issue #19, emulator part): POST /v3/auth/tokens (password method, project
// scope) → token in X-Subject-Token; IoTDA routes accept a valid X-Auth-Token and refuse unknown/expired ones.
import {
	DEFAULT_ACCOUNT,
	INSTANCE_ACCOUNT,
	startEmulator,
	type Emulator,
	type EmulatorAccount,
} from '.';
import { iamUserOf } from './iam';
import { rawCall } from './sdk-test-client';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 17 });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.reset();
	emu.tokens.ttlMs = 24 * 3_600_000;
});

const tokenBody = (
	a: EmulatorAccount,
	over: { password?: string; project?: Record<string, string> } = {},
) => {
	const u = iamUserOf(a);
	return {
		auth: {
			identity: {
				methods: ['password'],
				password: {
					user: {
						name: u.userName,
						password: over.password ?? u.password,
						domain: { name: u.domainName },
					},
				},
			},
			scope: { project: over.project ?? { id: a.projectId } },
		},
	};
};
const getToken = async (a: EmulatorAccount = DEFAULT_ACCOUNT) => {
	const r = await rawCall(emu.url, 'POST', '/v3/auth/tokens', tokenBody(a));
	expect(r.status).toBe(201);
	return String(r.headers['x-subject-token']);
};
const listWith = (
	token: string,
	a: EmulatorAccount = DEFAULT_ACCOUNT,
	extra: Record<string, string> = {},
) =>
	rawCall(
		emu.url,
		'GET',
		`/v5/iot/${a.projectId}/batchtasks?task_type=firmwareUpgrade`,
		undefined,
		{ 'X-Auth-Token': token, ...extra },
	);

describe('POST /v3/auth/tokens', () => {
	it('issues a project-scoped token in X-Subject-Token with the IAM token body (24 h by default)', async () => {
		const before = emu.clock.now();
		const r = await rawCall(emu.url, 'POST', '/v3/auth/tokens', tokenBody(DEFAULT_ACCOUNT));
		expect(r.status).toBe(201);
		expect(String(r.headers['x-subject-token'])).toMatch(/^MII[A-Za-z0-9_-]{100,}$/);
		expect(r.body.token).toMatchObject({
			methods: ['password'],
			project: { id: DEFAULT_ACCOUNT.projectId, name: DEFAULT_ACCOUNT.region },
		});
		const life = Date.parse(r.body.token.expires_at) - Date.parse(r.body.token.issued_at);
		expect(life).toBe(24 * 3_600_000);
		expect(Date.parse(r.body.token.issued_at)).toBeGreaterThanOrEqual(before - 1);
		expect(r.body.token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
		expect(r.text).not.toContain(String(r.headers['x-subject-token']));
	});

	it('a project name (the region) works as scope too; wrong password, foreign project and bad bodies are refused', async () => {
		expect(
			(
				await rawCall(
					emu.url,
					'POST',
					'/v3/auth/tokens',
					tokenBody(DEFAULT_ACCOUNT, { project: { name: DEFAULT_ACCOUNT.region } }),
				)
			).status,
		).toBe(201);
		const wrong = await rawCall(
			emu.url,
			'POST',
			'/v3/auth/tokens',
			tokenBody(DEFAULT_ACCOUNT, { password: 'nope' }),
		);
		expect([wrong.status, wrong.body.error.message]).toEqual([
			401,
			'The username or password is wrong.',
		]);
		expect(wrong.headers['x-subject-token']).toBeUndefined();
		const foreign = await rawCall(
			emu.url,
			'POST',
			'/v3/auth/tokens',
			tokenBody(DEFAULT_ACCOUNT, { project: { id: INSTANCE_ACCOUNT.projectId } }),
		);
		expect(foreign.status).toBe(401);
		const noScope = await rawCall(emu.url, 'POST', '/v3/auth/tokens', {
			auth: { identity: tokenBody(DEFAULT_ACCOUNT).auth.identity },
		});
		expect([noScope.status, noScope.body.error.message]).toEqual([
			400,
			expect.stringMatching(/scope.project/),
		]);
		const notJson = await rawCall(emu.url, 'POST', '/v3/auth/tokens', '{', {
			'content-type': 'application/json',
		});
		expect(notJson.status).toBe(400);
	});
});

describe('IoTDA routes with X-Auth-Token', () => {
	it('accept a valid token for its own project only', async () => {
		const token = await getToken();
		const ok = await listWith(token);
		expect([ok.status, ok.body.page.count]).toEqual([200, 0]);
		expect(emu.log.at(-1)).toMatchObject({ status: 200, ak: DEFAULT_ACCOUNT.ak });
		const other = await rawCall(
			emu.url,
			'GET',
			`/v5/iot/${INSTANCE_ACCOUNT.projectId}/batchtasks?task_type=firmwareUpgrade`,
			undefined,
			{ 'X-Auth-Token': token },
		);
		expect([other.status, other.body.error_code]).toEqual([403, 'IOTDA.000004']);
	});

	it('refuse unknown tokens (APIG.0301) and expired ones (APIG.0307); the lifetime can be shortened by admin', async () => {
		const unknown = await listWith('MIIunknowntoken');
		expect([unknown.status, unknown.body.error_code]).toEqual([401, 'APIG.0301']);
		const cfg = await rawCall(emu.url, 'POST', '/__admin/config', { tokenTtlSeconds: 60 });
		expect(cfg.body.tokenTtlSeconds).toBe(60);
		const token = await getToken();
		expect((await listWith(token)).status).toBe(200);
		emu.clock.advance(60_000);
		const expired = await listWith(token);
		expect([expired.status, expired.body.error_code, expired.body.error_msg]).toEqual([
			401,
			'APIG.0307',
			'The token must be updated.',
		]);
		expect(JSON.stringify(emu.log)).not.toContain(token);
	});

	it('still require the Instance-Id header on the instance account; reset() forgets tokens', async () => {
		const token = await getToken(INSTANCE_ACCOUNT);
		expect((await listWith(token, INSTANCE_ACCOUNT)).status).toBe(401);
		expect(
			(await listWith(token, INSTANCE_ACCOUNT, { 'Instance-Id': INSTANCE_ACCOUNT.instanceId! }))
				.status,
		).toBe(200);
		emu.reset();
		expect(
			(await listWith(token, INSTANCE_ACCOUNT, { 'Instance-Id': INSTANCE_ACCOUNT.instanceId! }))
				.body.error_code,
		).toBe('APIG.0301');
	});
});
