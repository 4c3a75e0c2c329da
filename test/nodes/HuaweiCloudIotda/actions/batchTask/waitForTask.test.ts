/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** Create → Wait for Completion through n8n's engine, against the emulator on an accelerated clock. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { deviceId } from '../../../../emulator';
import { devicesBetween, upgrade, useRolloutEmulator } from '../../../../fixtures/rollout';

// The node's clock runs 50 times faster: a 1 s poll (the documented minimum) takes 20 ms.
jest.mock('../../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../../helpers/fastClock').fastClock(50),
);

const fixture = useRolloutEmulator();
const run = (parameters: INodeParameters) => fixture.run({ parameters });
const statusPolls = (taskId: string) =>
	fixture.emu.log.filter(
		(e) =>
			e.method === 'GET' &&
			e.path.endsWith(`/batchtasks/${taskId}`) &&
			!e.query.includes('task_detail_status'),
	);

describe('Wait for Completion', () => {
	it('polls until the task finishes and splits devices into succeeded and failed, with error codes', async () => {
		fixture.emu.failTargets([deviceId(3), deviceId(7)]);
		const [out] = await run(
			upgrade(fixture, 'wait_1', devicesBetween(1, 20), {
				waitForCompletion: true,
				pollInterval: 1,
				maxWait: 60,
			}),
		);
		const result = out.json as IDataObject & {
			devices: { succeeded: string[]; failed: IDataObject[] };
			wait: IDataObject;
		};
		expect(result.status).toBe('PartialSuccess');
		expect(result.devices.succeeded).toEqual(
			devicesBetween(1, 20).filter((d) => d !== deviceId(3) && d !== deviceId(7)),
		);
		expect(result.devices.failed.map((f) => f.device_id)).toEqual([deviceId(3), deviceId(7)]);
		expect(result.devices.failed[0]).toMatchObject({
			status: 'Fail',
			error_code: expect.stringMatching(/^IOTDA\./),
			error_msg: expect.any(String),
		});
		expect(result.wait).toMatchObject({ outcome: 'finished' });
	});

	it('sends at most (wait time / poll interval + 2) status requests', async () => {
		fixture.emu.clock.setSpeed(10);
		try {
			const poll = 1;
			const [out] = await run(
				upgrade(fixture, 'wait_bound', devicesBetween(1, 5), {
					waitForCompletion: true,
					pollInterval: poll,
					maxWait: 60,
				}),
			);
			const wait = out.json.wait as { waited_seconds: number; status_requests: number };
			const polls = statusPolls(String(out.json.task_id)).length;
			expect(polls).toBe(wait.status_requests);
			expect(polls).toBeGreaterThan(1);
			expect(polls).toBeLessThanOrEqual(Math.floor(wait.waited_seconds / poll) + 2);
		} finally {
			fixture.emu.clock.setSpeed(100);
		}
	});

	it('outputs one item per device when asked', async () => {
		fixture.emu.failTargets([deviceId(2)]);
		const out = await run(
			upgrade(fixture, 'wait_items', devicesBetween(1, 4), {
				waitForCompletion: true,
				pollInterval: 1,
				deviceOutput: 'items',
			}),
		);
		expect(out.map((o) => [o.json.device_id, o.json.status])).toEqual([
			[deviceId(1), 'Success'],
			[deviceId(3), 'Success'],
			[deviceId(4), 'Success'],
			[deviceId(2), 'Fail'],
		]);
		expect(out[3].json.error_code).toMatch(/^IOTDA\./);
	});
});
