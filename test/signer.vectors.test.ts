/**
 * The fixed vectors of iotda-api.md §3, computed with Huawei's Node SDK core 3.1.211 (V1–V9) and taken from
 * the Go SDK's unit tests, reproduced by our signer (signRequest) and by the n8n wrapper (authenticateRequest).
 */
import { createHash, createHmac } from 'crypto';
import FormData from 'form-data';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { authenticateRequest } from '../credentials/common/authenticate';
import {
	canonicalQueryString,
	canonicalUri,
	deriveSigningKey,
	formatSdkDate,
	signRequest,
	type RequestToSign,
	type SignOptions,
} from '../credentials/common/signer';
import {
	AK,
	CREATE_TASK_BODY,
	CREATE_TASK_BODY_SHA256,
	DERIVED_KEY,
	EXPECTED,
	INSTANCE_ENDPOINT,
	INSTANCE_ID,
	NOW,
	PROJECT_ID,
	PUBLIC_ENDPOINT,
	REGION,
	SDK_DATE,
	SK,
	TASK_ID,
	V1_CANONICAL_REQUEST,
	V1_CANONICAL_REQUEST_SHA256,
	V8_CANONICAL_REQUEST,
} from './helpers/vectors';

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string, data: string) => createHmac('sha256', key).update(data).digest('hex');
const signatureOf = (authorization: string) => authorization.replace(/^.*Signature=/, '');

const JSON_HEADERS = { 'content-type': 'application/json', 'X-Project-Id': PROJECT_ID };
const BASIC: SignOptions = { now: NOW };
const DERIVED: SignOptions = { now: NOW, derived: { region: REGION, service: 'iotdm' } };

function sign(request: RequestToSign, options: SignOptions, securityToken?: string) {
	return signRequest(request, { accessKeyId: AK, secretAccessKey: SK, securityToken }, options);
}

function credential(extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		accessKeyId: AK,
		secretAccessKey: SK,
		projectId: PROJECT_ID,
		region: REGION,
		endpoint: '',
		signingMode: 'auto',
		...extra,
	};
}

const wrap = (raw: ICredentialDataDecryptedObject, options: IHttpRequestOptions) =>
	authenticateRequest(raw, options, NOW);

describe('derived signing key (HKDF)', () => {
	it('matches the SDK key for the common AK/SK, date, region and service', () => {
		expect(deriveSigningKey(AK, SK, `20240115/${REGION}/iotdm`)).toBe(DERIVED_KEY);
	});

	it('formats the clock as X-Sdk-Date', () => {
		expect(formatSdkDate(NOW)).toBe(SDK_DATE);
	});
});

describe('V1 basic GET with query (direct AKSKSigner.sign)', () => {
	const request: RequestToSign = {
		method: 'GET',
		url: `${PUBLIC_ENDPOINT}/v5/iot/${PROJECT_ID}/batchtasks`,
		query: { task_type: 'softwareUpgrade', limit: 10 },
		headers: JSON_HEADERS,
	};

	it('gives the exact Authorization and X-Sdk-Date', () => {
		const signed = sign(request, BASIC);
		expect(signed.headers.Authorization).toBe(EXPECTED.V1);
		expect(signed.headers['X-Sdk-Date']).toBe(SDK_DATE);
		expect(signed.url).toBe(
			`${PUBLIC_ENDPOINT}/v5/iot/${PROJECT_ID}/batchtasks?limit=10&task_type=softwareUpgrade`,
		);
	});

	it('has the canonical URI and query lines of the spec', () => {
		const lines = V1_CANONICAL_REQUEST.split('\n');
		expect(canonicalUri(`/v5/iot/${PROJECT_ID}/batchtasks`)).toBe(lines[1]);
		expect(canonicalQueryString(request.query)).toBe(lines[2]);
	});

	it('signs the spec canonical request (its hash and HMAC give our signature)', () => {
		expect(sha256(V1_CANONICAL_REQUEST)).toBe(V1_CANONICAL_REQUEST_SHA256);
		const stringToSign = `SDK-HMAC-SHA256\n${SDK_DATE}\n${V1_CANONICAL_REQUEST_SHA256}`;
		expect(signatureOf(sign(request, BASIC).headers.Authorization)).toBe(hmac(SK, stringToSign));
	});
});

describe('V2 derived POST JSON with Instance-Id (direct DerivedAKSKSigner.sign)', () => {
	it('gives the exact Authorization', () => {
		const body = '{"task_name":"demo","task_type":"freezeDevices","targets":["dev-001"]}';
		expect(sha256(body)).toBe('058f684785758d684afba6db4b5fa16d2a05c1656ea697a36d0d35bc0bc5c3c9');
		const signed = sign(
			{
				method: 'POST',
				url: `${INSTANCE_ENDPOINT}/v5/iot/${PROJECT_ID}/batchtasks`,
				headers: { ...JSON_HEADERS, 'Instance-Id': INSTANCE_ID },
				body,
			},
			DERIVED,
		);
		expect(signed.headers.Authorization).toBe(EXPECTED.V2);
		expect(signed.headers['X-Sdk-Date']).toBe(SDK_DATE);
	});
});

describe('V3–V9 (SDK full pipeline) by the signer and by the n8n wrapper', () => {
	const listQuery = { task_type: 'firmwareUpgrade', status: 'Success', limit: 10, offset: 0 };
	const showQuery = { task_detail_status: 'Fail', limit: 50, marker: 'ffffffffffffffffffffffff' };
	const tasks = `/v5/iot/${PROJECT_ID}/batchtasks`;
	const createBody = JSON.stringify(CREATE_TASK_BODY);

	it('V4/V5 body is byte-exact', () => {
		expect(sha256(createBody)).toBe(CREATE_TASK_BODY_SHA256);
	});

	it('V3 basic ListBatchTasks', () => {
		const signed = sign(
			{ method: 'GET', url: PUBLIC_ENDPOINT + tasks, query: listQuery, headers: JSON_HEADERS },
			BASIC,
		);
		expect(signed.headers.Authorization).toBe(EXPECTED.V3);
		const wrapped = wrap(credential(), { method: 'GET', url: '/v5/iot/{project_id}/batchtasks', qs: listQuery });
		expect(wrapped.headers?.Authorization).toBe(EXPECTED.V3);
		expect(wrapped.url).toBe(
			`${PUBLIC_ENDPOINT}${tasks}?limit=10&offset=0&status=Success&task_type=firmwareUpgrade`,
		);
	});

	it('V4 basic CreateBatchTask with Instance-Id', () => {
		const headers = { ...JSON_HEADERS, 'Instance-Id': INSTANCE_ID };
		const signed = sign({ method: 'POST', url: PUBLIC_ENDPOINT + tasks, headers, body: createBody }, BASIC);
		expect(signed.headers.Authorization).toBe(EXPECTED.V4);
		const wrapped = wrap(credential({ instanceId: INSTANCE_ID }), {
			method: 'POST',
			url: '/v5/iot/{project_id}/batchtasks',
			body: CREATE_TASK_BODY,
		});
		expect(wrapped.headers?.Authorization).toBe(EXPECTED.V4);
		expect(wrapped.body).toBe(createBody);
	});

	it('V5 derived CreateBatchTask against the instance endpoint', () => {
		const headers = { ...JSON_HEADERS, 'Instance-Id': INSTANCE_ID };
		const signed = sign({ method: 'POST', url: INSTANCE_ENDPOINT + tasks, headers, body: createBody }, DERIVED);
		expect(signed.headers.Authorization).toBe(EXPECTED.V5);
		const wrapped = wrap(credential({ instanceId: INSTANCE_ID, endpoint: INSTANCE_ENDPOINT }), {
			method: 'POST',
			url: '/v5/iot/{project_id}/batchtasks',
			body: CREATE_TASK_BODY,
		});
		expect(wrapped.headers?.Authorization).toBe(EXPECTED.V5);
	});

	it('V6 derived ShowBatchTask', () => {
		const url = `${INSTANCE_ENDPOINT}${tasks}/${TASK_ID}`;
		expect(canonicalUri(new URL(url).pathname)).toBe(`${tasks}/${TASK_ID}/`);
		expect(canonicalQueryString(showQuery)).toBe('limit=50&marker=ffffffffffffffffffffffff&task_detail_status=Fail');
		const signed = sign({ method: 'GET', url, query: showQuery, headers: JSON_HEADERS }, DERIVED);
		expect(signed.headers.Authorization).toBe(EXPECTED.V6);
		const wrapped = wrap(credential({ endpoint: INSTANCE_ENDPOINT }), {
			method: 'GET',
			url: `/v5/iot/{project_id}/batchtasks/${TASK_ID}`,
			qs: showQuery,
		});
		expect(wrapped.headers?.Authorization).toBe(EXPECTED.V6);
	});

	it('V7 basic DeleteBatchTask with a security token', () => {
		const token = 'EXAMPLE-SECURITY-TOKEN';
		const url = `${PUBLIC_ENDPOINT}${tasks}/${TASK_ID}`;
		const signed = sign({ method: 'DELETE', url, headers: JSON_HEADERS }, BASIC, token);
		expect(signed.headers.Authorization).toBe(EXPECTED.V7);
		expect(signed.headers['X-Security-Token']).toBe(token);
		const wrapped = wrap(credential({ securityToken: token }), {
			method: 'DELETE',
			url: `/v5/iot/{project_id}/batchtasks/${TASK_ID}`,
		});
		expect(wrapped.headers?.Authorization).toBe(EXPECTED.V7);
	});

	it('V8 derived multipart upload signs UNSIGNED-PAYLOAD and not the content type', () => {
		const url = `${INSTANCE_ENDPOINT}/v5/iot/${PROJECT_ID}/batchtask-files`;
		const signed = sign(
			{
				method: 'POST',
				url,
				headers: { 'content-type': 'multipart/form-data', 'X-Project-Id': PROJECT_ID },
				unsignedPayload: true,
			},
			DERIVED,
		);
		expect(signed.headers.Authorization).toBe(EXPECTED.V8);
		expect(signed.headers['X-Sdk-Content-Sha256']).toBe('UNSIGNED-PAYLOAD');

		const info = `20240115/${REGION}/iotdm`;
		const stringToSign = `V11-HMAC-SHA256\n${SDK_DATE}\n${info}\n${sha256(V8_CANONICAL_REQUEST)}`;
		expect(signatureOf(EXPECTED.V8)).toBe(hmac(DERIVED_KEY, stringToSign));

		const form = new FormData();
		form.append('file', Buffer.from('device_id\ndev-001\n'), { filename: 'targets.csv' });
		const wrapped = wrap(credential({ endpoint: INSTANCE_ENDPOINT }), {
			method: 'POST',
			url: '/v5/iot/{project_id}/batchtask-files',
			body: form,
		});
		expect(wrapped.headers?.Authorization).toBe(EXPECTED.V8);
		expect(wrapped.body).toBe(form);
	});

	it('V9 the default (auto) rule signs basic on the public endpoint: identical to V3', () => {
		const wrapped = wrap(credential({ endpoint: PUBLIC_ENDPOINT, signingMode: 'auto' }), {
			method: 'GET',
			url: '/v5/iot/{project_id}/batchtasks',
			qs: listQuery,
		});
		expect(wrapped.headers?.Authorization).toBe(EXPECTED.V3);
	});
});

describe('Go SDK unit-test vectors (only x-sdk-date signed, no host)', () => {
	const goAk = 'AccessKey';
	const goSk = 'SecretKey';
	const goDate = '20060102T150405Z';
	const goBody = '{"Name":"test","Id":1}\n';

	/** Go signs exactly the X-Sdk-Date header; the rest is our exported canonical helpers. */
	function goCanonicalRequest(method: string, query: Record<string, string>, body: string): string {
		return [
			method,
			canonicalUri('/path'),
			canonicalQueryString(query),
			`x-sdk-date:${goDate}\n`,
			'x-sdk-date',
			sha256(body),
		].join('\n');
	}

	const basicSignature = (canonical: string) =>
		hmac(goSk, ['SDK-HMAC-SHA256', goDate, sha256(canonical)].join('\n'));
	const derivedSignature = (canonical: string) => {
		const info = '20060102/test-region-1/demo';
		const key = deriveSigningKey(goAk, goSk, info);
		return hmac(key, ['V11-HMAC-SHA256', goDate, info, sha256(canonical)].join('\n'));
	};

	const get = goCanonicalRequest('GET', { limit: '1' }, '');
	const post = goCanonicalRequest('POST', { key: 'value' }, goBody);

	it('basic 1: GET /path?limit=1', () => {
		expect(formatSdkDate(new Date(Date.UTC(2006, 0, 2, 15, 4, 5)))).toBe(goDate);
		expect(basicSignature(get)).toBe('5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624');
	});

	it('basic 2: POST /path?key=value with a trailing-LF JSON body', () => {
		expect(basicSignature(post)).toBe('cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59');
	});

	it('derived 1: GET, scope 20060102/test-region-1/demo', () => {
		expect(derivedSignature(get)).toBe('8fd3610508884bb19718317797c7378716a94bc740d97502e569322e366341cc');
	});

	it('derived 2: POST, same scope', () => {
		expect(derivedSignature(post)).toBe('4112f88b92d82dd1e1b7dd142f1e99e4f1762c42ca8fe0968b3045120870a903');
	});
});
