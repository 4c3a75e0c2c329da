/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Row 1: build and sign one CreateBatchTask with 30,000 targets.
 *
 * Ours: what the node does per request — the credential's authenticate on n8n request options whose body is
 * the task object (authenticateRequest serialises it once and signs those bytes).
 * Huawei's SDK: HcClient.sendRequest (buildRequest → processAuthRequest → AKSKSigner) with the HTTP client's
 * sendRequest stubbed, so the figure is the SDK's request path up to the wire, as for ours.
 * Both sign the same request; before timing, the SDK signer re-signs our exact output and must agree.
 */
import { createHash } from 'crypto';
import assert from 'assert';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';
import { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient';
import { DefaultHttpClient } from '@huaweicloud/huaweicloud-sdk-core/http/DefaultHttpClient';
import type { IHttpRequest } from '@huaweicloud/huaweicloud-sdk-core/http/IHttpRequest';

import { authenticateRequest } from '../../credentials/common/authenticate';
import { sdkSign } from '../../test/helpers/huaweiSdk';
import { median, nowMs, sideBySide } from './stats';

const ENDPOINT = 'https://iotda.cn-north-4.myhuaweicloud.com'; // public endpoint: basic signing on both sides
const ACCOUNT = {
	ak: 'BENCHAK0000000000001',
	sk: 'BenchSecretKey00000000000000000000000001',
	projectId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
};
const PRODUCT = '64a1b2c3d4e5f60718293a4b';

export function createBody(targets: number) {
	return {
		app_id: '5f8d1c2b3a4e5f60718293a4',
		task_name: 'bench_firmware_upgrade',
		task_type: 'firmwareUpgrade',
		// IoTDA device ids are "<product id>_<node id>": ~40 characters each, ~1.2 MB for 30,000.
		targets: Array.from(
			{ length: targets },
			(_, i) => `${PRODUCT}_meter-${String(i).padStart(6, '0')}`,
		),
		document: { package_ids: ['6a1b2c3d4e5f60718293a4b5'] },
	};
}

type Body = ReturnType<typeof createBody>;

const credentialData = {
	...ACCOUNT,
	accessKeyId: ACCOUNT.ak,
	secretAccessKey: ACCOUNT.sk,
	region: 'cn-north-4',
	endpoint: ENDPOINT,
	signingMode: 'auto',
};

/** The options iotdaRequest hands to httpRequestWithAuthentication for Create. */
const nodeOptions = (body: Body): IHttpRequestOptions => ({
	method: 'POST',
	url: '/v5/iot/{project_id}/batchtasks',
	body,
	json: true,
	returnFullResponse: true,
	ignoreHttpStatusErrors: true,
});

export function signOurs(body: Body): IHttpRequestOptions {
	return authenticateRequest(credentialData, nodeOptions(body), new Date());
}

/** An SDK client as an SDK user builds it once; its transport records the request instead of sending it. */
export function sdkClient(): { client: HcClient; last: () => IHttpRequest } {
	const credential = new BasicCredentials()
		.withAk(ACCOUNT.ak)
		.withSk(ACCOUNT.sk)
		.withProjectId(ACCOUNT.projectId);
	const http = new DefaultHttpClient({}, [ENDPOINT]);
	let captured: IHttpRequest | undefined;
	http.sendRequest = async (request: IHttpRequest) => {
		captured = request;
		return { data: {}, statusCode: 200, headers: {} } as never;
	};
	const client = new HcClient(http).withEndpoints([ENDPOINT]).withCredential(credential);
	return { client, last: () => captured! };
}

export async function signSdk(client: HcClient, body: Body): Promise<void> {
	await client.sendRequest({
		method: 'POST',
		url: '/v5/iot/{project_id}/batchtasks',
		contentType: 'application/json',
		pathParams: {},
		queryParams: {},
		headers: {},
		data: body,
	} as never);
}

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

/** Both sides sign the same bytes, and the SDK signer computes our exact Authorization. */
export async function verifyAgreement(
	body: Body,
): Promise<{ bodyBytes: number; bodySha256: string }> {
	const ours = signOurs(body);
	const wire = ours.body as string;
	assert.strictEqual(typeof wire, 'string');
	const { client, last } = sdkClient();
	await signSdk(client, body);
	const sdkRequest = last();
	// The SDK hashes JSON.stringify(data): the same bytes we send.
	assert.strictEqual(sha256(JSON.stringify(sdkRequest.data)), sha256(wire));
	const headers = ours.headers as Record<string, string>;
	const { Authorization, ...unsigned } = headers;
	const date = headers['X-Sdk-Date'];
	const at = new Date(
		`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
	);
	const url = new URL(ours.url);
	const sdkHeaders = sdkSign(
		{
			method: 'POST',
			endpoint: `${url.origin}${url.pathname}`,
			headers: unsigned,
			data: JSON.parse(wire),
		},
		{ ak: ACCOUNT.ak, sk: ACCOUNT.sk, projectId: ACCOUNT.projectId },
		at,
	);
	assert.strictEqual(
		sdkHeaders.Authorization,
		Authorization,
		'the SDK signer disagrees with our signature',
	);
	// Same headers signed as the SDK's own request (the SDK also lists `host`, which it signs but never sends).
	const signedBy = (auth: string) => /SignedHeaders=([^,]+)/.exec(auth)![1];
	assert.strictEqual(signedBy(Authorization), signedBy(String(sdkRequest.headers.Authorization)));
	return { bodyBytes: Buffer.byteLength(wire), bodySha256: sha256(wire) };
}

export interface SignResult {
	targets: number;
	bodyBytes: number;
	samples: number;
	perSample: number;
	oursMs: number;
	sdkMs: number;
	ratio: number;
	/** JSON.stringify + SHA-256 of the same body: the work both sides cannot avoid. */
	floorMs: number;
	raw: { ours: number[]; sdk: number[]; floor: number[] };
}

/** Median per-request time of each side; each sample times `perSample` requests back to back. */
export async function benchSignCreate(
	samples = 9,
	perSample = 20,
	targets = 30_000,
): Promise<SignResult> {
	const body = createBody(targets);
	const { bodyBytes } = await verifyAgreement(body);
	const { client } = sdkClient();
	const timeOurs = () => {
		const start = nowMs();
		for (let i = 0; i < perSample; i++) signOurs(body);
		return (nowMs() - start) / perSample;
	};
	const timeSdk = async () => {
		const start = nowMs();
		for (let i = 0; i < perSample; i++) await signSdk(client, body);
		return (nowMs() - start) / perSample;
	};
	const timeFloor = () => {
		const start = nowMs();
		for (let i = 0; i < perSample; i++) sha256(JSON.stringify(body));
		return (nowMs() - start) / perSample;
	};
	const variants = { ours: timeOurs, sdk: timeSdk, floor: timeFloor };
	await sideBySide(2, variants); // warm-up: JIT, caches
	const raw = await sideBySide(samples, variants);
	const oursMs = median(raw.ours);
	const sdkMs = median(raw.sdk);
	return {
		targets,
		bodyBytes,
		samples,
		perSample,
		oursMs,
		sdkMs,
		ratio: oursMs / sdkMs,
		floorMs: median(raw.floor),
		raw,
	};
}

if (require.main === module) {
	benchSignCreate().then((r) => console.log(JSON.stringify(r, null, 1)));
}
