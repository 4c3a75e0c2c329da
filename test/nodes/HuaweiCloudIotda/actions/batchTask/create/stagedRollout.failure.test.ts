/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * A staged rollout whose later wave fails for good (IoTDA refuses wave 2's task) ends with an error; the
 * rollout report is lost with it, so the error names the wave tasks already created — they keep running in
 * IoTDA. Through n8n's engine on an accelerated clock, with and without Continue On Fail.
 */
import { devicesBetween, upgrade, useRolloutEmulator } from '../../../../../fixtures/rollout';
import { errorContext } from '../../../../../helpers/errorItem';
import { refuseNthCreate } from '../../../../../helpers/nthRequestFault';

jest.mock('../../../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../../../helpers/fastClock').fastClock(50),
);

const fixture = useRolloutEmulator();

const rollout = (name: string) =>
	upgrade(fixture, name, devicesBetween(1, 20), {
		waitForCompletion: true,
		rolloutWaves: '5, 100%',
		pollInterval: 1,
	});

describe('a staged rollout whose second wave is refused', () => {
	afterEach(() => jest.restoreAllMocks());

	it('the error names wave 1’s task, which keeps running', async () => {
		refuseNthCreate(fixture.emu, 2);
		const error = await fixture.run({ parameters: rollout('rf_stop') }).catch((e: Error) => e);
		const [wave1] = fixture.emu.tasks();
		expect(fixture.emu.tasks()).toHaveLength(1);
		// A refusal not about the package is reported as it is, never retried in the older document form (#29 item 5).
		expect((error as Error).message).toMatch(
			/^Create batch task "rf_stop_w2" failed: IOTDA.000006 – Invalid input data \[item 0\]$/,
		);
		expect((error as { description?: string }).description).toContain(
			`Wave tasks this rollout had already created: ${wave1.task_id}. They keep running in IoTDA`,
		);
	});

	it('with Continue On Fail the error item carries the same', async () => {
		refuseNthCreate(fixture.emu, 2);
		const out = await fixture.run({ parameters: rollout('rf_cof'), continueOnFail: true });
		const [wave1] = fixture.emu.tasks();
		expect(out).toHaveLength(1);
		expect(errorContext(out[0]).description).toContain(
			`Wave tasks this rollout had already created: ${wave1.task_id}.`,
		);
	});

	it('a refused first wave names no wave task', async () => {
		refuseNthCreate(fixture.emu, 1);
		const error = await fixture.run({ parameters: rollout('rf_first') }).catch((e: Error) => e);
		expect(fixture.emu.tasks()).toHaveLength(0);
		expect(String((error as { description?: string }).description)).not.toContain('Wave tasks');
	});
});
