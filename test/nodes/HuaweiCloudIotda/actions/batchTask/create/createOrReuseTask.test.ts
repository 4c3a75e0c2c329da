/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** Create → duplicate protection (lost responses, re-runs, If Task Exists) through n8n's engine. */
import type { INodeParameters } from 'n8n-workflow';

import { devicesBetween, upgrade, useRolloutEmulator } from '../../../../../fixtures/rollout';

// The node's clock runs 50 times faster, as for the other Create suites that wait (main's rollout.test.ts).
jest.mock('../../../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../../../helpers/fastClock').fastClock(50),
);

const fixture = useRolloutEmulator();
const run = (parameters: INodeParameters) => fixture.run({ parameters });

describe('Duplicate protection', () => {
	it('a create whose response was dropped, then a re-run, leaves exactly one task', async () => {
		fixture.emu.faults.add({
			kind: 'commitThenDrop',
			match: { method: 'POST', path: /\/batchtasks$/ },
		});
		const options = { idempotencyKey: 'execution-4711', ifTaskExists: 'returnExisting' };
		// The connection breaks after IoTDA created the task: the node finds it instead of creating another.
		const [first] = await run(upgrade(fixture, 'nightly', devicesBetween(1, 3), options));
		expect(first.json).toMatchObject({ existing: true, recovered_after: 'ECONNRESET' });
		expect(fixture.emu.log.filter((e) => e.method === 'POST')).toHaveLength(1);
		expect(fixture.emu.tasks()).toHaveLength(1);
		expect(first.json.task_id).toBe(fixture.emu.tasks()[0].task_id);

		const [second] = await run(upgrade(fixture, 'nightly', devicesBetween(1, 3), options));
		expect(second.json.existing).toBe(true);
		expect(fixture.emu.tasks()).toHaveLength(1);
		expect(second.json.task_id).toBe(fixture.emu.tasks()[0].task_id);
		expect(second.json.task_name).toMatch(/^nightly_[0-9a-f]{10}$/);

		const [other] = await run(
			upgrade(fixture, 'nightly', devicesBetween(1, 3), {
				...options,
				idempotencyKey: 'execution-4712',
			}),
		);
		expect(other.json.existing).toBeUndefined();
		expect(fixture.emu.tasks()).toHaveLength(2);
	});

	it('"Fail" names the existing task and creates nothing', async () => {
		await run(upgrade(fixture, 'once_only', devicesBetween(1, 2), {}));
		const error = await run(
			upgrade(fixture, 'once_only', devicesBetween(1, 2), { ifTaskExists: 'fail' }),
		).catch((e: Error) => e);
		expect((error as Error).message).toMatch(
			/^A batch task named "once_only" already exists \([0-9a-f]{24}, \w+\) \[item 0\]$/,
		);
		expect(fixture.emu.tasks()).toHaveLength(1);
	});
});
