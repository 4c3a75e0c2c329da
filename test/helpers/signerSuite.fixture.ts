/**
 * The signature vectors as one data table (smithy signature-v4's `suite.fixture.ts` pattern), checked by one loop
 * in test/credentials/common/signer.vectors.test.ts. Every expected value was computed by Huawei's code, never by
 * ours:
 * - V1–V9: Huawei's Node SDK core 3.1.211 (iotda-api.md §3), V1/V8 canonical requests verbatim from the spec;
 * - P1–P3 (issue #14 item 1): the SDK's signer with its CanonicalURI given the decoded path, as Huawei's
 *   gateway verifies (test/helpers/huaweiSdk.ts `asGateway`); the SDK as shipped signs `prod%253A01` instead;
 * - GO1–GO4: the Go SDK's unit tests (only `x-sdk-date` signed, no host).
 */
import FormData from 'form-data';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import type { RequestToSign, SignOptions } from '../../credentials/common/signer';
import {
	AK,
	CREATE_TASK_BODY,
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
	V8_CANONICAL_REQUEST,
} from './vectors';

export interface SignerVector {
	name: string;
	request: RequestToSign;
	options: SignOptions;
	credentials?: { accessKeyId: string; secretAccessKey: string; securityToken?: string };
	/** Expected Authorization header value. */
	authorization: string;
	/** Expected signed URL (origin + wire path + canonical query), when the vector pins it. */
	url?: string;
	/** The canonical request verbatim, when the source gives it: the named steps must rebuild it. */
	canonicalRequest?: string;
	/** The same call through the n8n credential (authenticateRequest) must give the same Authorization. */
	n8n?: { credential?: ICredentialDataDecryptedObject; options: IHttpRequestOptions };
}

const JSON_HEADERS = { 'content-type': 'application/json', 'X-Project-Id': PROJECT_ID };
const BASIC: SignOptions = { now: NOW };
const DERIVED: SignOptions = { now: NOW, derived: { region: REGION, service: 'iotdm' } };
const TASKS = `/v5/iot/${PROJECT_ID}/batchtasks`;
const LIST_QUERY = { task_type: 'firmwareUpgrade', status: 'Success', limit: 10, offset: 0 };
const SHOW_QUERY = { task_detail_status: 'Fail', limit: 50, marker: 'ffffffffffffffffffffffff' };
const CREATE_BODY = JSON.stringify(CREATE_TASK_BODY);

function uploadForm(): FormData {
	const form = new FormData();
	form.append('file', Buffer.from('device_id\ndev-001\n'), { filename: 'targets.csv' });
	return form;
}

/** A GET of ShowProduct for a product id as it goes on the wire (encoded once), with its canonical request. */
function productVector(
	name: string,
	wireId: string,
	derived: boolean,
	authorization: string,
): SignerVector {
	const endpoint = derived ? INSTANCE_ENDPOINT : PUBLIC_ENDPOINT;
	return {
		name,
		request: {
			method: 'GET',
			url: `${endpoint}/v5/iot/${PROJECT_ID}/products/${wireId}`,
			headers: JSON_HEADERS,
		},
		options: derived ? DERIVED : BASIC,
		authorization,
		url: `${endpoint}/v5/iot/${PROJECT_ID}/products/${wireId}`,
		canonicalRequest: [
			'GET',
			`/v5/iot/${PROJECT_ID}/products/${wireId}/`, // encoded once, like the wire path
			'',
			'content-type:application/json',
			`host:${new URL(endpoint).host}`,
			`x-project-id:${PROJECT_ID}`,
			`x-sdk-date:${SDK_DATE}`,
			'',
			'content-type;host;x-project-id;x-sdk-date',
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		].join('\n'),
		n8n: {
			credential: derived ? { endpoint: INSTANCE_ENDPOINT } : {},
			options: { method: 'GET', url: `/v5/iot/{project_id}/products/${wireId}` },
		},
	};
}

const basicAuth = (signature: string) =>
	`SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=${signature}`;

export const SIGNER_VECTORS: SignerVector[] = [
	{
		name: 'V1 basic ListBatchTasks with query (AKSKSigner.sign)',
		request: {
			method: 'GET',
			url: PUBLIC_ENDPOINT + TASKS,
			query: { task_type: 'softwareUpgrade', limit: 10 },
			headers: JSON_HEADERS,
		},
		options: BASIC,
		authorization: EXPECTED.V1,
		url: `${PUBLIC_ENDPOINT}${TASKS}?limit=10&task_type=softwareUpgrade`,
		canonicalRequest: V1_CANONICAL_REQUEST,
	},
	{
		name: 'V2 derived POST JSON with Instance-Id (DerivedAKSKSigner.sign)',
		request: {
			method: 'POST',
			url: INSTANCE_ENDPOINT + TASKS,
			headers: { ...JSON_HEADERS, 'Instance-Id': INSTANCE_ID },
			body: '{"task_name":"demo","task_type":"freezeDevices","targets":["dev-001"]}',
		},
		options: DERIVED,
		authorization: EXPECTED.V2,
	},
	{
		name: 'V3 basic ListBatchTasks (HcClient pipeline)',
		request: {
			method: 'GET',
			url: PUBLIC_ENDPOINT + TASKS,
			query: LIST_QUERY,
			headers: JSON_HEADERS,
		},
		options: BASIC,
		authorization: EXPECTED.V3,
		url: `${PUBLIC_ENDPOINT}${TASKS}?limit=10&offset=0&status=Success&task_type=firmwareUpgrade`,
		n8n: { options: { method: 'GET', url: '/v5/iot/{project_id}/batchtasks', qs: LIST_QUERY } },
	},
	{
		name: 'V4 basic CreateBatchTask with Instance-Id',
		request: {
			method: 'POST',
			url: PUBLIC_ENDPOINT + TASKS,
			headers: { ...JSON_HEADERS, 'Instance-Id': INSTANCE_ID },
			body: CREATE_BODY,
		},
		options: BASIC,
		authorization: EXPECTED.V4,
		n8n: {
			credential: { instanceId: INSTANCE_ID },
			options: { method: 'POST', url: '/v5/iot/{project_id}/batchtasks', body: CREATE_TASK_BODY },
		},
	},
	{
		name: 'V5 derived CreateBatchTask against the instance endpoint',
		request: {
			method: 'POST',
			url: INSTANCE_ENDPOINT + TASKS,
			headers: { ...JSON_HEADERS, 'Instance-Id': INSTANCE_ID },
			body: CREATE_BODY,
		},
		options: DERIVED,
		authorization: EXPECTED.V5,
		n8n: {
			credential: { instanceId: INSTANCE_ID, endpoint: INSTANCE_ENDPOINT },
			options: { method: 'POST', url: '/v5/iot/{project_id}/batchtasks', body: CREATE_TASK_BODY },
		},
	},
	{
		name: 'V6 derived ShowBatchTask',
		request: {
			method: 'GET',
			url: `${INSTANCE_ENDPOINT}${TASKS}/${TASK_ID}`,
			query: SHOW_QUERY,
			headers: JSON_HEADERS,
		},
		options: DERIVED,
		authorization: EXPECTED.V6,
		url: `${INSTANCE_ENDPOINT}${TASKS}/${TASK_ID}?limit=50&marker=ffffffffffffffffffffffff&task_detail_status=Fail`,
		n8n: {
			credential: { endpoint: INSTANCE_ENDPOINT },
			options: { method: 'GET', url: `/v5/iot/{project_id}/batchtasks/${TASK_ID}`, qs: SHOW_QUERY },
		},
	},
	{
		name: 'V7 basic DeleteBatchTask with a security token',
		request: {
			method: 'DELETE',
			url: `${PUBLIC_ENDPOINT}${TASKS}/${TASK_ID}`,
			headers: JSON_HEADERS,
		},
		options: BASIC,
		credentials: { accessKeyId: AK, secretAccessKey: SK, securityToken: 'EXAMPLE-SECURITY-TOKEN' },
		authorization: EXPECTED.V7,
		n8n: {
			credential: { securityToken: 'EXAMPLE-SECURITY-TOKEN' },
			options: { method: 'DELETE', url: `/v5/iot/{project_id}/batchtasks/${TASK_ID}` },
		},
	},
	{
		name: 'V8 derived multipart upload signs UNSIGNED-PAYLOAD and not the content type',
		request: {
			method: 'POST',
			url: `${INSTANCE_ENDPOINT}/v5/iot/${PROJECT_ID}/batchtask-files`,
			headers: { 'content-type': 'multipart/form-data', 'X-Project-Id': PROJECT_ID },
			unsignedPayload: true,
		},
		options: DERIVED,
		authorization: EXPECTED.V8,
		canonicalRequest: V8_CANONICAL_REQUEST,
		n8n: {
			credential: { endpoint: INSTANCE_ENDPOINT },
			options: { method: 'POST', url: '/v5/iot/{project_id}/batchtask-files', body: uploadForm() },
		},
	},
	{
		name: 'V9 the default (auto) rule signs basic on the public endpoint: identical to V3',
		request: {
			method: 'GET',
			url: PUBLIC_ENDPOINT + TASKS,
			query: LIST_QUERY,
			headers: JSON_HEADERS,
		},
		options: BASIC,
		authorization: EXPECTED.V3,
		n8n: {
			credential: { endpoint: PUBLIC_ENDPOINT, signingMode: 'auto' },
			options: { method: 'GET', url: '/v5/iot/{project_id}/batchtasks', qs: LIST_QUERY },
		},
	},
	productVector(
		'P1 product "prod:01": wire prod%3A01, signed prod%3A01 (not prod%253A01)',
		'prod%3A01',
		false,
		basicAuth('5771aa4a302e597cc263946840ded5ba017c6922567f04729ba0aaccae7b6e94'),
	),
	productVector(
		'P2 product "产品A": UTF-8 percent-encoded once',
		'%E4%BA%A7%E5%93%81A',
		false,
		basicAuth('3473d9399a343cee05bbc03074c1f1efe0d2954b61a8ca42de937e2ed9a9e87e'),
	),
	productVector(
		'P3 product "a b" (derived): space as %20 once',
		'a%20b',
		true,
		`V11-HMAC-SHA256 Credential=${AK}/20240115/${REGION}/iotdm, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=d2968ba46c1a720c009c167bf74c828a2cd9a9568d3096a198992904c8a032b3`,
	),
];

/** Go SDK unit-test vectors: AK `AccessKey`, SK `SecretKey`, `/path`, only `x-sdk-date` signed. */
export interface GoVector {
	name: string;
	method: string;
	query: Record<string, string>;
	/** Go's json.Encoder output: note the trailing newline. */
	body: string;
	/** V11 scope info, absent for basic. */
	info?: string;
	signature: string;
}

export const GO = { ak: 'AccessKey', sk: 'SecretKey', date: '20060102T150405Z', path: '/path' };

export const GO_VECTORS: GoVector[] = [
	{
		name: 'GO1 basic GET /path?limit=1',
		method: 'GET',
		query: { limit: '1' },
		body: '',
		signature: '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
	},
	{
		name: 'GO2 basic POST /path?key=value with a trailing-LF JSON body',
		method: 'POST',
		query: { key: 'value' },
		body: '{"Name":"test","Id":1}\n',
		signature: 'cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59',
	},
	{
		name: 'GO3 derived GET, scope 20060102/test-region-1/demo',
		method: 'GET',
		query: { limit: '1' },
		body: '',
		info: '20060102/test-region-1/demo',
		signature: '8fd3610508884bb19718317797c7378716a94bc740d97502e569322e366341cc',
	},
	{
		name: 'GO4 derived POST, same scope',
		method: 'POST',
		query: { key: 'value' },
		body: '{"Name":"test","Id":1}\n',
		info: '20060102/test-region-1/demo',
		signature: '4112f88b92d82dd1e1b7dd142f1e99e4f1762c42ca8fe0968b3045120870a903',
	},
];
