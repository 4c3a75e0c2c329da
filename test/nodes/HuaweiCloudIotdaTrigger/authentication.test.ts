/**
 * The trigger offers the same two credentials as the action node (descriptions/authentication.description.ts):
 * with Authentication = IAM Token, Poll mode and Push mode's routing-rule registration sign in with the IAM
 * user's token (`X-Auth-Token`, no AK/SK signature), fetched once and kept in the stored credential. Against
 * the emulator (its IAM endpoint issues the tokens), in n8n's own Poll and Hook contexts.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../emulator';
import { call } from '../../emulator/sdk-test-client';
import { tokenCredentialsFor } from '../../helpers/emulatorCredentials';
import { hooks, poll, trigger, type TriggerRun } from '../../helpers/triggerHarness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 4 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const tokenCalls = () =>
	emu.log.filter((e) => e.method === 'POST' && e.path === '/v3/auth/tokens').length;
const headersOf = (sent: IHttpRequestOptions[]) =>
	sent
		.filter((o) => String(o.url).includes('/v5/'))
		.map((o) => Object.keys(o.headers ?? {}).map((h) => h.toLowerCase()));

function run(
	credentials: ICredentialDataDecryptedObject,
	parameters: TriggerRun['parameters'],
): TriggerRun {
	return {
		credentials,
		staticData: {},
		sent: [],
		parameters: { authentication: 'iamToken', ...parameters },
		webhookBaseUrl: 'https://n8n.example.com/webhook',
	};
}

it('the trigger shows the IAM Token credential for Authentication = IAM Token, AK/SK otherwise', () => {
	const { credentials, properties } = trigger.description;
	expect(properties[0]).toMatchObject({ name: 'authentication', default: 'accessKey' });
	expect(credentials?.map((c) => [c.name, c.displayOptions?.show?.authentication])).toEqual([
		['huaweiCloudIotdaApi', ['accessKey']],
		['huaweiCloudIotdaIamTokenApi', ['iamToken']],
	]);
});

it('Poll mode with the IAM token: one token for every poll, X-Auth-Token and no signature, changes reported', async () => {
	const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, emu.url);
	const r = run(credentials, { mode: 'poll', taskTypes: ['freezeDevices'] });
	expect(await poll(r)).toBeNull(); // first poll records the state
	const created = await call(emu.url, {
		account: DEFAULT_ACCOUNT,
		method: 'POST',
		path: '/batchtasks',
		json: { task_name: 'tok_freeze', task_type: 'freezeDevices', targets: ['dev-0001'] },
	});
	expect(created.status).toBe(201);
	emu.clock.advance(60_000);
	const out = await poll(r);
	expect(out?.[0].map((i) => [i.json.task_id, i.json.status])).toEqual([
		[created.body.task_id, 'Success'],
	]);
	expect(tokenCalls()).toBe(1);
	const headers = headersOf(r.sent!);
	expect(headers.length).toBeGreaterThanOrEqual(2);
	for (const names of headers) {
		expect(names).toContain('x-auth-token');
		expect(names).not.toContain('authorization');
	}
});

it('Push mode with the IAM token: activation registers the routing rule signed in with the token', async () => {
	const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, emu.url);
	const r = run(credentials, { mode: 'push', taskTypes: ['firmwareUpgrade'] });
	expect(await hooks(r).checkExists()).toBe(false);
	expect(await hooks(r).create()).toBe(true);
	const created = emu.log.filter((e) => e.method === 'POST' && e.path.includes('/routing-rule/'));
	expect(created.map((e) => [e.path.replace(/^.*\/routing-rule/, ''), e.status])).toEqual([
		['/rules', 201],
		['/actions', 201],
	]);
	expect(tokenCalls()).toBe(1);
	for (const names of headersOf(r.sent!)) expect(names).toContain('x-auth-token');
	expect(await hooks(r).checkExists()).toBe(true);
	expect(await hooks(r).delete()).toBe(true);
});
