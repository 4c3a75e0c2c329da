/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * A wrong IAM password is tried once per credential and execution (issue #29 item 8). IAM locks a user after
 * repeated failed logins, so with the IAM Token credential, One Task per Item and Continue On Fail, the six items
 * of one execution must not log in six times: the first item's refusal is remembered in the execution's own
 * context (n8n's `getContext('flow')`, which lives in the execution's run data) and the other items get the same
 * error without asking IAM. The next execution asks IAM again (the user may have fixed the password). Runs
 * through n8n's engine (test/helpers/engine.ts) against the emulator's IAM (test/emulator/iam.ts).
 *
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
import { errorContext, isErrorItem } from '../../../helpers/errorItem';
import { execute, itemsWith, runNode } from '../../../helpers/engine';
import { tokenCredentialsFor } from '../../../helpers/emulatorCredentials';

const fixture = useEmulator({ seed: 29 });

const logins = () =>
	fixture.emu.log.filter((e) => e.method === 'POST' && e.path === '/v3/auth/tokens');
const iotdaCalls = () => fixture.emu.log.filter((e) => e.path.startsWith('/v5/'));

const perItemCreate: INodeParameters = {
	authentication: 'iamToken',
	resource: 'batchTask',
	operation: 'create',
	taskType: 'freezeDevices',
	batchMode: 'perItem',
	taskName: '={{ "freeze_" + $json.device_id }}',
	deviceIds: '={{ $json.device_id }}',
};
const sixItems = () =>
	itemsWith(Array.from({ length: 6 }, (_, i) => ({ device_id: `dev_${i + 1}` })));

describe('IAM Token: one refused login per credential and execution', () => {
	it('6 items, One Task per Item, Continue On Fail, a wrong password: IAM is asked once, every item gets its error', async () => {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url, {
			password: 'CanaryWrong-0000029',
		});
		const { outputs } = await execute({
			parameters: perItemCreate,
			items: sixItems(),
			credentials,
			continueOnFail: true,
		});
		expect(logins()).toHaveLength(1);
		expect(iotdaCalls()).toHaveLength(0);
		const out = outputs[0] ?? [];
		expect(out.map((item) => [isErrorItem(item), item.pairedItem])).toEqual(
			Array.from({ length: 6 }, (_, i) => [true, [{ item: i }]]),
		);
		for (const item of out) {
			expect(errorContext(item).message).toMatch(
				/IAM refused the token request \(HTTP 401\): The username or password is wrong/,
			);
		}
		expect(errorContext(out[5]).description).toMatch(/not asked again in this execution/);
		expect(JSON.stringify(out)).not.toContain('CanaryWrong-0000029');
	});

	it('the next execution asks IAM again, and with the password fixed it runs', async () => {
		const credentials = tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url, {
			password: 'CanaryWrong-0000029',
		});
		const run = () =>
			execute({ parameters: perItemCreate, items: sixItems(), credentials, continueOnFail: true });
		await run();
		await run();
		expect(logins()).toHaveLength(2);
		credentials.password = tokenCredentialsFor(DEFAULT_ACCOUNT, fixture.emu.url).password;
		const { outputs } = await run();
		expect((outputs[0] ?? []).filter(isErrorItem)).toEqual([]);
		expect(fixture.emu.state().tasks).toHaveLength(6);
		expect(logins()).toHaveLength(3);
	});
});

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
