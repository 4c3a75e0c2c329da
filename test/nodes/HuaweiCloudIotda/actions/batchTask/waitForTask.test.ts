/**
 * Cancel means stop (issue #14): pressing Stop while Create waits for completion ends the wait at once,
 * instead of after the current poll interval (30 s here). Measured on the real clock.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type Emulator } from '../../../../emulator';
import { runCancellable, until } from '../../../../helpers/cancellable';
import { calls, devices } from '../../../../lifecycle.harness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ port: 0, seed: 11, speed: 1 });
	emu.setFailureRate(0);
});
afterAll(() => emu.close());

describe('Wait for Completion, cancelled', () => {
	it('returns within a second of the cancel, reporting the task as last seen', async () => {
		const { controller, done } = runCancellable(emu, {
			parameters: {
				resource: 'batchTask',
				operation: 'create',
				taskType: 'freezeDevices',
				taskName: 'wait_cancelled',
				deviceIds: devices(20),
				options: { waitForCompletion: true, pollInterval: 30, maxWait: 60 },
			},
		});
		await until(() => calls(emu, 'GET', /\/batchtasks\/[0-9a-f]+$/).length === 1);
		const cancelledAt = Date.now();
		controller.abort();
		const { output, endedAt } = await done;
		expect(endedAt - cancelledAt).toBeLessThan(1000);
		expect(output).toHaveLength(1);
		expect(output[0].json.wait as IDataObject).toMatchObject({ outcome: 'cancelled', status_requests: 1 });
		expect(output[0].json.task_name).toBe('wait_cancelled');
		expect(calls(emu, 'GET', /\/batchtasks\//)).toHaveLength(1); // nothing sent after the cancel
	});
});
