/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// End to end through Huawei's SDK request pipeline (ClientBuilder → HcClient → DefaultHttpClient/axios):
// what real SDK users send over the wire must be accepted, a wrong secret must be rejected.
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';
import { ClientBuilder } from '@huaweicloud/huaweicloud-sdk-core/ClientBuilder';
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient';
import {
	DEFAULT_ACCOUNT,
	INSTANCE_ACCOUNT,
	TEMPORARY_ACCOUNT,
	startEmulator,
	type Emulator,
	type EmulatorAccount,
} from '.';

// The SDK logs every failed request with its headers (Authorization included) at error level; the
// wrong-secret case below is expected to fail, so its logger is silenced for this suite.
import { Logger4jInstance } from '@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger';
Logger4jInstance.level = 'off';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 2 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

function sdkClient(account: EmulatorAccount, derived: boolean, sk = account.sk): HcClient {
	const credential = new BasicCredentials()
		.withAk(account.ak)
		.withSk(sk)
		.withProjectId(account.projectId);
	if (account.securityToken) credential.withSecurityToken(account.securityToken);
	if (derived) {
		// Default predicate: a 127.0.0.1 endpoint is signed with V11 (iotda-api.md §2.3).
		credential.withDerivedPredicate(
			BasicCredentials.getDefaultDerivedPredicate.bind(BasicCredentials),
		);
		credential.processDerivedAuthParams('iotdm', account.region);
	}
	return new ClientBuilder<HcClient>((hc) => hc)
		.withCredential(credential)
		.withEndpoint(emu.url)
		.build();
}

const headersFor = (account: EmulatorAccount): Record<string, string> =>
	account.instanceId ? { 'Instance-Id': account.instanceId } : {};

describe.each([
	['basic', DEFAULT_ACCOUNT, false],
	['derived', DEFAULT_ACCOUNT, true],
	['derived + Instance-Id', INSTANCE_ACCOUNT, true],
	['basic + security token', TEMPORARY_ACCOUNT, false],
])('SDK pipeline, %s', (_label, account, derived) => {
	it('creates a task and lists products with a query of spaces and reserved characters', async () => {
		const hc = sdkClient(account, derived);
		const created: any = await hc.sendRequest({
			method: 'POST',
			url: '/v5/iot/{project_id}/batchtasks',
			contentType: 'application/json',
			pathParams: { project_id: account.projectId },
			queryParams: {},
			headers: headersFor(account),
			data: { task_name: 'via_sdk', task_type: 'freezeDevices', targets: ['dev-0001'] },
		} as any);
		expect(created.httpStatusCode).toBe(201);
		expect(created.task_name).toBe('via_sdk');
		const listed: any = await hc.sendRequest({
			method: 'GET',
			url: '/v5/iot/{project_id}/products',
			contentType: 'application/json',
			pathParams: { project_id: account.projectId },
			queryParams: { product_name: 'Smart Switch (v1)*', limit: 5 },
			headers: headersFor(account),
		} as any);
		expect(listed.httpStatusCode).toBe(200);
		expect(listed.products).toEqual([]);
		expect(emu.log.map((e) => e.status)).toEqual([201, 200]);
		expect(emu.log[0].ak).toBe(account.ak);
	});

	it('a wrong secret key is rejected with 401 IOTDA.000002', async () => {
		// The SDK logs failed calls to the console; keep the test output readable.
		const quiet = ['log', 'error', 'warn', 'info', 'debug'].map((m) =>
			jest.spyOn(console, m as 'log').mockImplementation(() => undefined),
		);
		const hc = sdkClient(account, derived, account.sk.replace(/.$/, 'X'));
		await expect(
			hc.sendRequest({
				method: 'GET',
				url: '/v5/iot/{project_id}/apps',
				contentType: 'application/json',
				pathParams: { project_id: account.projectId },
				queryParams: {},
				headers: headersFor(account),
			} as any),
		).rejects.toMatchObject({ httpStatusCode: 401, errorCode: 'IOTDA.000002' });
		quiet.forEach((spy) => spy.mockRestore());
		expect(emu.log.map((e) => [e.status, e.errorCode])).toEqual([[401, 'IOTDA.000002']]);
	});
});
