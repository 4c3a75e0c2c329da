/**
 * The IAM Token credential with an empty region (Region = Custom Region ID, the ID left empty). The region only
 * gives the default endpoints (`iam.<region>…`, `iotda.<region>…`) and the default project; with a project ID
 * typed in, an empty region must still be named when a default endpoint needs it — as the AK/SK credential
 * does ('"Region" (or "Custom Region ID") is empty and no "Endpoint" is set') — instead of sending the password
 * to `https://iam..myhuaweicloud.com` or a request to `https://iotda..myhuaweicloud.com`.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { HuaweiCloudIotdaIamTokenApi } from '../../../credentials/HuaweiCloudIotdaIamTokenApi.credentials';

const credentialType = new HuaweiCloudIotdaIamTokenApi();
const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

const noRegion = (extra: Record<string, unknown> = {}): ICredentialDataDecryptedObject => ({
	userName: 'ops-user',
	password: 'canary-Passw0rd!',
	domainName: 'acme',
	region: 'custom',
	customRegion: '  ',
	project: PROJECT,
	endpoint: '',
	iamEndpoint: '',
	instanceId: '',
	...extra,
});

/** Request helpers that record what would be sent and answer like IAM (201, token, project). */
function recordingHelpers(urls: string[]): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (options: { url: string }) => {
				urls.push(options.url);
				return {
					statusCode: 201,
					headers: { 'x-subject-token': 'TOKEN-1' },
					body: { token: { project: { id: PROJECT } } },
				};
			},
		},
	} as unknown as IHttpRequestHelper;
}

describe('an empty region', () => {
	it('without an IAM Endpoint is named before the password is sent anywhere', async () => {
		const urls: string[] = [];
		await expect(
			credentialType.preAuthentication.call(recordingHelpers(urls), noRegion()),
		).rejects.toThrow(/"Region" \(or "Custom Region ID"\) is empty and no "IAM Endpoint" is set/);
		expect(urls).toEqual([]);
	});

	it('with an IAM Endpoint gets a token (the project is an ID)', async () => {
		const urls: string[] = [];
		const data = await credentialType.preAuthentication.call(
			recordingHelpers(urls),
			noRegion({ iamEndpoint: 'https://iam.myhuaweicloud.com' }),
		);
		expect(urls).toEqual(['https://iam.myhuaweicloud.com/v3/auth/tokens']);
		expect(data).toMatchObject({ iamToken: 'TOKEN-1', iamTokenProjectId: PROJECT });
	});

	it('without an Endpoint is named when a request would go to the default IoTDA address', async () => {
		const creds = noRegion({ iamEndpoint: 'https://iam.myhuaweicloud.com' });
		Object.assign(creds, await credentialType.preAuthentication.call(recordingHelpers([]), creds));
		await expect(
			credentialType.authenticate(creds, { method: 'GET', url: '/v5/iot/{project_id}/apps' }),
		).rejects.toThrow(/"Region" \(or "Custom Region ID"\) is empty and no "Endpoint" is set/);
		const withEndpoint = await credentialType.authenticate(
			{ ...creds, endpoint: 'https://x.st1.iotda-app.cn-north-4.myhuaweicloud.com' },
			{ method: 'GET', url: '/v5/iot/{project_id}/apps' },
		);
		expect(withEndpoint.url).toBe(
			`https://x.st1.iotda-app.cn-north-4.myhuaweicloud.com/v5/iot/${PROJECT}/apps`,
		);
	});
});
