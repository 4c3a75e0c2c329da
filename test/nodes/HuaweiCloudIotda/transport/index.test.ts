/** Cancel means stop (issue #14) for the transport too: a retry back-off ends at once when the execution is cancelled. */
import type { Emulator } from '../../../emulator';
import { runCancellable, until } from '../../../helpers/cancellable';
import { locator, startQuietEmulator } from '../../../lifecycle.harness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startQuietEmulator();
});
afterAll(() => emu.close());

it('a throttled request waiting 30 s to retry gives up within a second of the cancel', async () => {
	emu.faults.add({ kind: 'status', status: 429, retryAfter: 30, times: -1 });
	const { controller, done } = runCancellable(emu, {
		parameters: { resource: 'batchTask', operation: 'get', taskId: locator('aaaaaaaaaaaaaaaaaaaaaaaa'), options: { maxRetrySeconds: 120 } },
	});
	await until(() => emu.log.length === 1);
	const cancelledAt = Date.now();
	controller.abort();
	const error = await done.then(
		() => undefined,
		(e: Error) => e,
	);
	expect(Date.now() - cancelledAt).toBeLessThan(1000);
	expect(error?.message).toBe('Get batch task aaaaaaaaaaaaaaaaaaaaaaaa cancelled: the execution was stopped while waiting to retry');
	expect(emu.log).toHaveLength(1);
});
