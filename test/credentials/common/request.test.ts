/**
 * One request shape for both credentials (credentials/common/request.ts): the AK/SK and the IAM Token credential
 * join the same "Endpoint" with the same path to the same URL, fold the same query, send the same Instance-Id
 * and TLS setting, and refuse the same endpoints by name without echoing them. Before the shared module the two
 * URL rules disagreed: an endpoint with a space in its path was accepted (percent-encoded) by AK/SK and refused
 * by IAM Token; a port over 65535 or a broken IPv6 host was named by AK/SK and came back from IAM Token as
 * URL's raw "Invalid URL"; a query, a fragment or user info in the endpoint gave two different wrong URLs.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { HuaweiCloudIotdaApi } from '../../../credentials/HuaweiCloudIotdaApi.credentials';
import { HuaweiCloudIotdaIamTokenApi } from '../../../credentials/HuaweiCloudIotdaIamTokenApi.credentials';

const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const shared = { region: 'cn-north-4', instanceId: 'inst-1', ignoreSslIssues: true };

const credentials: Record<
	string,
	{ type: { authenticate: unknown }; data: ICredentialDataDecryptedObject }
> = {
	'AK/SK': {
		type: new HuaweiCloudIotdaApi(),
		data: { ...shared, accessKeyId: 'AK1', secretAccessKey: 'SK1', projectId: PROJECT },
	},
	'IAM Token': {
		type: new HuaweiCloudIotdaIamTokenApi(),
		data: {
			...shared,
			userName: 'u',
			password: 'p',
			domainName: 'd',
			project: PROJECT,
			iamToken: 'TOKEN',
			iamTokenProjectId: PROJECT,
		},
	},
};

const request: IHttpRequestOptions = {
	method: 'GET',
	url: '/v5/iot/{project_id}/batchtasks',
	qs: { task_type: 'firmwareUpgrade', status: ['Success', 'Fail'], marker: '', limit: 50 },
};

type Outcome =
	| { url: string; query: string[]; instanceId: unknown; skipTls: unknown }
	| { refused: string };

async function outcome(name: string, endpoint: string): Promise<Outcome> {
	const { type, data } = credentials[name];
	const authenticate = type.authenticate as (
		c: ICredentialDataDecryptedObject,
		o: IHttpRequestOptions,
	) => Promise<IHttpRequestOptions>;
	try {
		const sent = await authenticate({ ...data, endpoint }, { ...request });
		const url = new URL(sent.url);
		const query = [...url.searchParams].map(([k, v]) => `${k}=${v}`).sort();
		url.search = '';
		return {
			url: url.toString(),
			query,
			instanceId: sent.headers?.['Instance-Id'],
			skipTls: sent.skipSslCertificateValidation,
		};
	} catch (error) {
		const message = (error as Error).message;
		// Named by field, never echoing what was typed (it may hold a secret in user info).
		if (endpoint.length > 8 && message.includes(endpoint.slice(8)))
			return { refused: `echoed: ${message}` };
		return { refused: message };
	}
}

const path = `/v5/iot/${PROJECT}/batchtasks`;
const query = ['limit=50', 'status=Fail', 'status=Success', 'task_type=firmwareUpgrade'];
const sent = (url: string) => ({ url, query, instanceId: 'inst-1', skipTls: true });
const refused = {
	refused:
		'Huawei Cloud IoTDA credential: "Endpoint" is not a valid URL (expected e.g. https://iotda.cn-north-4.myhuaweicloud.com)',
};

describe('one endpoint-URL rule for both credentials', () => {
	it.each<[string, Outcome]>([
		['', sent(`https://iotda.cn-north-4.myhuaweicloud.com${path}`)],
		[
			'iotda.cn-north-4.myhuaweicloud.com',
			sent(`https://iotda.cn-north-4.myhuaweicloud.com${path}`),
		],
		['http://127.0.0.1:8080/', sent(`http://127.0.0.1:8080${path}`)],
		['https://gw.example.com/iotda//', sent(`https://gw.example.com/iotda${path}`)],
		['https://gw.example.com/io tda', refused],
		['https://gw.example.com:99999', refused],
		['https://[::1', refused],
		['https://gw.example.com?x=1', refused],
		['https://gw.example.com#top', refused],
		['https://admin:pw@gw.example.com', refused],
		['ftp://gw.example.com', refused],
		['https://', refused],
	])('endpoint %j', async (endpoint, expected) => {
		const both = {
			'AK/SK': await outcome('AK/SK', endpoint),
			'IAM Token': await outcome('IAM Token', endpoint),
		};
		expect(both).toEqual({ 'AK/SK': expected, 'IAM Token': expected });
	});
});
