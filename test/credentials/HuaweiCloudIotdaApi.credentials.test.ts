/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * The HuaweiCloudIotdaApi credential: idempotent authenticate() whose result Huawei's SDK accepts, the
 * signing-mode rule, the credential test request, and secrets kept out of errors and output.
 */
import { inspect } from 'util';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { HuaweiCloudIotdaApi } from '../../credentials/HuaweiCloudIotdaApi.credentials';
import { formatSdkDate } from '../../credentials/common/signer';
import { sdkSign } from '../helpers/huaweiSdk';
import { INSTANCE_ENDPOINT, PROJECT_ID, PUBLIC_ENDPOINT, REGION } from '../helpers/vectors';

// Recognisable fake secrets: any leak is found by a plain substring search.
const AK = 'AKLEAKMARKER00000001';
const SK = 'SKLEAKMARKERSECRETKEY0000000000000000001';
const TOKEN = 'TOKENLEAKMARKER-temporary-security-token';

const credentialType = new HuaweiCloudIotdaApi();

function credential(extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		accessKeyId: AK,
		secretAccessKey: SK,
		securityToken: TOKEN,
		projectId: PROJECT_ID,
		region: REGION,
		endpoint: '',
		instanceId: 'inst-0001',
		signingMode: 'auto',
		ignoreSslIssues: false,
		...extra,
	};
}

function createTaskOptions(): IHttpRequestOptions {
	return {
		method: 'POST',
		url: '/v5/iot/{project_id}/batchtasks',
		qs: { limit: 10, tag: ['固件', 'b c'], marker: 'a+b=c' },
		body: { task_name: '固件升级 🚀', task_type: 'firmwareUpgrade', targets: ['dev-001'] },
		// Stale signature headers in another spelling must be replaced, not stacked.
		headers: {
			authorization: 'stale',
			'x-sdk-date': '20000101T000000Z',
			Accept: 'application/json',
		},
	};
}

function headerValues(options: IHttpRequestOptions, name: string): string[] {
	return Object.entries(options.headers ?? {})
		.filter(([key]) => key.toLowerCase() === name.toLowerCase())
		.map(([, value]) => String(value));
}

/** Re-sign the final request with Huawei's signer classes and compare: the SDK is the judge. */
function sdkAuthorization(options: IHttpRequestOptions, derived: boolean, now: Date): string {
	const url = new URL(options.url);
	const queryParams: Record<string, string[]> = {};
	for (const [key, value] of url.searchParams) (queryParams[key] ??= []).push(value);
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(options.headers ?? {})) {
		if (key.toLowerCase() !== 'authorization') headers[key] = String(value);
	}
	const body = options.body as string;
	// The SDK hashes JSON.stringify(data): only valid if our body is exactly that serialisation.
	expect(JSON.stringify(JSON.parse(body))).toBe(body);
	const signed = sdkSign(
		{
			method: String(options.method),
			endpoint: url.origin + url.pathname,
			queryParams,
			headers,
			data: JSON.parse(body),
		},
		{
			ak: AK,
			sk: SK,
			projectId: PROJECT_ID,
			securityToken: TOKEN,
			derived: derived ? { region: REGION, service: 'iotdm' } : undefined,
		},
		now,
	);
	return (signed as Record<string, string>).Authorization;
}

describe('authenticate() is idempotent and its signature is valid for Huawei', () => {
	afterEach(() => jest.useRealTimers());

	it.each([
		['basic on the public endpoint', PUBLIC_ENDPOINT, false],
		['derived on an instance endpoint', INSTANCE_ENDPOINT, true],
	])('%s: applied twice yields one fresh signature', async (_name, endpoint, derived) => {
		const first = new Date(Date.UTC(2024, 0, 15, 8, 30, 0));
		const second = new Date(Date.UTC(2024, 0, 15, 8, 35, 7));
		const raw = credential({ endpoint });

		jest.useFakeTimers({ now: first });
		const once = await credentialType.authenticate(raw, createTaskOptions());
		jest.setSystemTime(second);
		const twice = await credentialType.authenticate(raw, once);

		const single = [
			'Authorization',
			'X-Sdk-Date',
			'X-Security-Token',
			'X-Project-Id',
			'Instance-Id',
			'Content-Type',
		];
		for (const name of single) expect([name, headerValues(twice, name).length]).toEqual([name, 1]);
		expect(headerValues(twice, 'X-Sdk-Date')).toEqual([formatSdkDate(second)]);
		expect(headerValues(twice, 'Authorization')[0]).not.toBe(
			headerValues(once, 'Authorization')[0],
		);
		expect(headerValues(twice, 'Authorization')[0]).toMatch(
			derived ? /^V11-HMAC-SHA256 / : /^SDK-HMAC-SHA256 /,
		);
		expect(twice.url).toBe(once.url);
		expect(twice.url.startsWith(`${endpoint}/v5/iot/${PROJECT_ID}/batchtasks?`)).toBe(true);
		expect(twice.body).toBe(once.body);
		expect(twice.qs).toBeUndefined();
		expect(twice.baseURL).toBeUndefined();

		expect(sdkAuthorization(twice, derived, second)).toBe(headerValues(twice, 'Authorization')[0]);
		// and the first signature was valid for the first clock
		expect(sdkAuthorization(once, derived, first)).toBe(headerValues(once, 'Authorization')[0]);
	});
});

describe('signing mode', () => {
	const algorithmFor = (
		extra: ICredentialDataDecryptedObject,
		options: Partial<IHttpRequestOptions> = {},
	) =>
		credentialType
			.authenticate(credential(extra), {
				method: 'GET',
				url: '/v5/iot/{project_id}/apps',
				...options,
			})
			.then((o) => headerValues(o, 'Authorization')[0].split(' ')[0]);

	it.each([
		['http://127.0.0.1:8080', 'V11-HMAC-SHA256'],
		['127.0.0.1:8443', 'V11-HMAC-SHA256'],
		['http://localhost:3000', 'V11-HMAC-SHA256'],
		[INSTANCE_ENDPOINT, 'V11-HMAC-SHA256'],
		['https://abc123.st1.iotda-app.ap-southeast-1.myhuaweicloud.com', 'V11-HMAC-SHA256'],
		[PUBLIC_ENDPOINT, 'SDK-HMAC-SHA256'],
		['https://iotda.ap-southeast-3.myhuaweicloud.com', 'SDK-HMAC-SHA256'],
		['', 'SDK-HMAC-SHA256'],
	])('auto on %j signs %s', async (endpoint, algorithm) => {
		expect(await algorithmFor({ endpoint })).toBe(algorithm);
	});

	it('auto follows the SDK default predicate on the host it signs', async () => {
		const hosts = [
			PUBLIC_ENDPOINT,
			INSTANCE_ENDPOINT,
			'http://127.0.0.1:8080',
			'https://iotda.cn-north-4.myhwclouds.com',
			'https://iotda-app.cn-north-4.huaweicloud.cn',
			'https://iotda.myhuaweicloud.com',
			'https://IOTDA.cn-north-4.myhuaweicloud.com',
		];
		for (const endpoint of hosts) {
			const sdkDerived = BasicCredentials.getDefaultDerivedPredicate.call(BasicCredentials, {
				endpoint,
			});
			const ours = await algorithmFor({ endpoint });
			expect([endpoint, ours]).toEqual([
				endpoint,
				sdkDerived ? 'V11-HMAC-SHA256' : 'SDK-HMAC-SHA256',
			]);
		}
	});

	it('explicit Basic and Derived override the endpoint rule', async () => {
		expect(await algorithmFor({ endpoint: INSTANCE_ENDPOINT, signingMode: 'basic' })).toBe(
			'SDK-HMAC-SHA256',
		);
		expect(await algorithmFor({ endpoint: PUBLIC_ENDPOINT, signingMode: 'derived' })).toBe(
			'V11-HMAC-SHA256',
		);
	});

	it('decides on the host actually signed when a node passes its own baseURL', async () => {
		expect(await algorithmFor({ endpoint: '' }, { baseURL: INSTANCE_ENDPOINT })).toBe(
			'V11-HMAC-SHA256',
		);
	});

	it('uses the custom region id in the derived scope', async () => {
		const out = await credentialType.authenticate(
			credential({
				region: 'custom',
				customRegion: 'xx-test-9',
				endpoint: 'http://127.0.0.1:8080',
			}),
			{ method: 'GET', url: '/v5/iot/{project_id}/apps' },
		);
		expect(headerValues(out, 'Authorization')[0]).toMatch(
			new RegExp(`Credential=${AK}/\\d{8}/xx-test-9/iotdm,`),
		);
	});
});

describe('credential test request', () => {
	it('is a GET on /v5/iot/{project_id}/apps, signed by authenticate', async () => {
		const { request, rules } = credentialType.test;
		expect(request.method).toBe('GET');
		expect(request.url).toBe('/v5/iot/{project_id}/apps');
		// n8n resolves the skipSslCertificateValidation expression before authenticating.
		const out = await credentialType.authenticate(credential(), {
			method: request.method,
			url: String(request.url),
			skipSslCertificateValidation: false,
		});
		expect(request.skipSslCertificateValidation).toBe('={{$credentials.ignoreSslIssues}}');
		expect(out.url).toBe(`${PUBLIC_ENDPOINT}/v5/iot/${PROJECT_ID}/apps`);
		expect(headerValues(out, 'Authorization')).toHaveLength(1);

		const messages = new Map(
			(rules ?? []).map((rule) => [
				(rule.properties as { value: number }).value,
				(rule.properties as { message: string }).message,
			]),
		);
		expect(rules?.every((rule) => rule.type === 'responseCode')).toBe(true);
		expect(messages.get(401)).toMatch(/AK\/SK/);
		expect(messages.get(401)).toMatch(/Derived/);
		expect(messages.get(401)).toMatch(/clock/);
		expect(messages.get(403)).toBeTruthy();
	});
});

describe('secrets never leak', () => {
	const leaks = (value: unknown, secrets: string[]) => {
		const dump = `${inspect(value, { depth: 10, showHidden: true })} ${JSON.stringify(value)} ${String(value)}`;
		return secrets.filter((secret) => dump.includes(secret));
	};
	const options = (): IHttpRequestOptions => ({ method: 'GET', url: '/v5/iot/{project_id}/apps' });

	it.each([
		['an endpoint that is not a URL', { endpoint: 'not a url' }, /"Endpoint" is not a valid URL/],
		['an endpoint with no host', { endpoint: 'https://' }, /"Endpoint" is not a valid URL/],
		['an empty custom region and no endpoint', { region: 'custom', customRegion: '' }, /"Region"/],
		[
			'derived signing without a region',
			{ region: 'custom', customRegion: '', endpoint: INSTANCE_ENDPOINT },
			/derived signing needs a region/,
		],
		['an empty access key', { accessKeyId: '' }, /"Access Key ID" is empty/],
		['an empty secret key', { secretAccessKey: '  ' }, /"Secret Access Key" is empty/],
		['an empty project id', { projectId: '' }, /"Project ID" is empty/],
	])('%s: a clear error naming the field, without AK/SK/token', async (_name, extra, message) => {
		const error = await credentialType.authenticate(credential(extra), options()).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(message);
		expect(leaks(error, [AK, SK, TOKEN])).toEqual([]);
		expect(leaks((error as Error).stack, [AK, SK, TOKEN])).toEqual([]);
	});

	it('the signed options hold no SK, the token only in X-Security-Token, the AK only in Authorization', async () => {
		const out = await credentialType.authenticate(
			credential({ endpoint: INSTANCE_ENDPOINT }),
			createTaskOptions(),
		);
		expect(leaks(out, [SK])).toEqual([]);
		expect(headerValues(out, 'X-Security-Token')).toEqual([TOKEN]);
		expect(headerValues(out, 'Authorization')[0]).toContain(AK);

		const rest = { ...out, headers: { ...out.headers } };
		delete rest.headers['X-Security-Token'];
		delete rest.headers.Authorization;
		expect(leaks(rest, [AK, SK, TOKEN])).toEqual([]);
	});
});
