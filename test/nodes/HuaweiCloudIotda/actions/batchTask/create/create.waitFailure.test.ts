/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * One Task for All Items, split in two tasks, with Wait for Completion: when the wait for the first task fails
 * for good (its status request answered HTTP 500, Max Attempts 1), the second task is still waited for and
 * reported; the failure names its task. Without Continue On Fail the error names every task created, since
 * their output is lost with it. Through n8n's engine on an accelerated clock.
 */
import { useEmulator } from '../../../../../fixtures/emulator';
import { errorContext, errorMessage } from '../../../../../helpers/errorItem';
import { failNthRequest } from '../../../../../helpers/nthRequestFault';

jest.mock('../../../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../../../helpers/fastClock').fastClock(50),
);

const fixture = useEmulator({ seed: 5, speed: 1000 });
const ids = Array.from({ length: 30_001 }, (_, i) => `w-${i}`);

/** The first status request (GET …/batchtasks/{id}) is answered HTTP 500. */
const failFirstStatusRequest = () =>
	failNthRequest(
		fixture.emu,
		{ method: 'GET', path: /\/batchtasks\/[0-9a-f]+$/, n: 1 },
		{ status: 500 },
	);

const parameters = {
	resource: 'batchTask',
	operation: 'create',
	taskType: 'freezeDevices',
	taskName: 'wait_fail',
	deviceIds: ids,
	options: { waitForCompletion: true, pollInterval: 1, maxWait: 600, maxAttempts: 1 },
};

describe('Wait for Completion fails for one of two split tasks', () => {
	afterEach(() => jest.restoreAllMocks());

	it('Continue On Fail: that task is an error item naming it; the other is still reported', async () => {
		failFirstStatusRequest();
		const out = await fixture.run({ parameters, continueOnFail: true });
		const [first, second] = fixture.emu.tasks().map((t) => t.task_id);
		expect(out).toHaveLength(2);
		expect(errorMessage(out[0])).toMatch(new RegExp(`^Get batch task ${first} failed`));
		expect(errorContext(out[0]).task_id).toBe(first);
		expect(out[1].json).toMatchObject({ task_id: second, wait: { outcome: 'finished' } });
	});

	it('without it, the error names both tasks created', async () => {
		failFirstStatusRequest();
		const error = await fixture.run({ parameters }).catch((e: Error) => e);
		const [first, second] = fixture.emu.tasks().map((t) => t.task_id);
		expect((error as Error).message).toMatch(new RegExp(`^Get batch task ${first} failed`));
		expect((error as { description?: string }).description).toContain(
			`Creating the tasks had already succeeded (${first}, ${second})`,
		);
	});
});
