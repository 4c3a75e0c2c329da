/**
 * IAM token scope (issue #29 item 9): what IAM answered is named, not replaced by a generic error.
 * - Region cn-north-4 with a project of another region: IAM issues the token and its answer names the project
 *   (`token.project.name`, whose region is the name up to `_`), while IoTDA of cn-north-4 refuses that token
 *   (the emulator models it as 401 APIG.0301, docs/emulator.md). The node names the mismatch before IoTDA is
 *   asked; before, n8n refreshed the token once and the run ended in a generic "IoTDA refused the IAM token".
 * - IAM answering 201 without the `X-Subject-Token` header: the missing header is named; before, "IAM refused
 *   the token request (HTTP 201): no message".
 */
import type { IHttpRequestHelper, INodeParameters } from 'n8n-workflow';

import { HuaweiCloudIotdaIamTokenApi } from '../../../../credentials/HuaweiCloudIotdaIamTokenApi.credentials';
import { DEFAULT_ACCOUNT } from '../../../emulator';
import { otherRegionProjectOf } from '../../../emulator/iam';
import { useEmulator } from '../../../fixtures/emulator';
import { runNode } from '../../../helpers/engine';
import { tokenCredentialsFor } from '../../../helpers/emulatorCredentials';

const fixture = useEmulator({ seed: 9 });

const logins = () =>
	fixture.emu.log.filter((e) => e.method === 'POST' && e.path === '/v3/auth/tokens');
const iotdaCalls = () => fixture.emu.log.filter((e) => e.path.startsWith('/v5/'));

const getMany: INodeParameters = {
	authentication: 'iamToken',
	resource: 'batchTask',
	operation: 'getAll',
	taskType: 'freezeDevices',
	returnAll: true,
};

type Failure = Error & { description?: string };
const failureOf = (promise: Promise<unknown>) =>
	promise.then(
		() => undefined,
		(e: Failure) => e,
	);

describe('IAM token scope: the project’s region and IAM’s answer are named', () => {
	it.each([
		['by name', otherRegionProjectOf(DEFAULT_ACCOUNT).name],
		['by id', otherRegionProjectOf(DEFAULT_ACCOUNT).id],
	])(
		'Region cn-north-4 with a project of another region (%s): the mismatch, before IoTDA is asked',
		async (_, project) => {
			const other = otherRegionProjectOf(DEFAULT_ACCOUNT);
			expect([DEFAULT_ACCOUNT.region, other.name]).toEqual(['cn-north-4', 'ap-southeast-1']);
			const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url, { project });
			const error = await failureOf(runNode({ parameters: getMany, credentials }));
			expect(error?.message).toMatch(
				/the project "ap-southeast-1" is in region ap-southeast-1, but IoTDA is called in region cn-north-4/,
			);
			expect(error?.description).toMatch(
				/Set "Region" to ap-southeast-1 .*or "Project" to a project of cn-north-4/,
			);
			expect([logins().length, iotdaCalls().length]).toEqual([1, 0]);
		},
	);

	it('the project’s region is read from an instance Endpoint’s host too', async () => {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url, {
			project: otherRegionProjectOf(DEFAULT_ACCOUNT).name,
			region: 'ap-southeast-1',
			endpoint: 'https://abc.st1.iotda-app.cn-north-4.myhuaweicloud.com',
		});
		const error = await failureOf(runNode({ parameters: getMany, credentials }));
		expect(error?.message).toMatch(
			/is in region ap-southeast-1, but IoTDA is called in region cn-north-4/,
		);
	});

	it('IAM answering 201 without X-Subject-Token: the missing header is named, not a refusal', async () => {
		const helpers = {
			helpers: {
				httpRequest: async () => ({
					statusCode: 201,
					headers: { 'content-type': 'application/json' },
					body: { token: { project: { id: DEFAULT_ACCOUNT.projectId, name: 'cn-north-4' } } },
				}),
			},
		} as unknown as IHttpRequestHelper;
		const error = await failureOf(
			new HuaweiCloudIotdaIamTokenApi().preAuthentication.call(
				helpers,
				tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url),
			),
		);
		expect(error?.message).toBe(
			'Huawei Cloud IAM token: IAM answered HTTP 201 without the X-Subject-Token header, which carries the token',
		);
		expect(error?.description ?? (error as { hint?: string })?.hint).toMatch(/IAM Endpoint/);
	});
});
