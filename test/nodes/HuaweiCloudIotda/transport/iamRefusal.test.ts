/**
 * A wrong IAM password is tried once per credential and execution (issue #29 item 8). IAM locks a user after
 * repeated failed logins, so with the IAM Token credential, One Task per Item and Continue On Fail, the six items
 * of one execution must not log in six times: the first item's refusal is remembered in the execution's own
 * context (n8n's `getContext('flow')`, which lives in the execution's run data) and the other items get the same
 * error without asking IAM. The next execution asks IAM again (the user may have fixed the password). Runs
 * through n8n's engine (test/helpers/engine.ts) against the emulator's IAM (test/emulator/iam.ts).
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNT } from '../../../emulator';
import { useEmulator } from '../../../fixtures/emulator';
import { errorContext, isErrorItem } from '../../../helpers/errorItem';
import { execute, itemsWith } from '../../../helpers/engine';
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
