/** Batch Task → Confirm through n8n's engine against the emulator. */
import { TASK_TIMING } from '../../../../emulator';
import { createUpgrade, devices, locator, useEmulator } from '../../../../fixtures/emulator';
import { itemsWith } from '../../../../helpers/engine';

const fixture = useEmulator({ seed: 11 });
const confirm = { resource: 'batchTask', operation: 'confirm' };
const UNKNOWN = 'ffffffffffffffffffff0042';

describe('Batch Task → Confirm', () => {
	it('confirms listed devices of a task that waits for confirmation', async () => {
		const taskId = await createUpgrade(fixture.emu, 'confirm_me', devices(3), {
			need_confirm: true,
		});
		fixture.emu.clock.advance(TASK_TIMING.initMs + TASK_TIMING.waitMs + 10);
		const out = await fixture.run({
			parameters: {
				...confirm,
				taskId: locator(taskId),
				devices: 'listed',
				deviceIds: '={{ ["dev-0001", "dev-0003"] }}',
			},
		});
		expect(out.map((o) => [o.json.target, o.json.status])).toEqual([
			['dev-0001', 'success'],
			['dev-0003', 'success'],
		]);
		fixture.emu.clock.advance(TASK_TIMING.attemptMs + 10);
		expect(fixture.emu.tasks()[0].progress).toMatchObject({ success: 2, waitting: 1 });
	});

	it('says so when no device was eligible', async () => {
		const taskId = await createUpgrade(fixture.emu, 'nothing', devices(2));
		const out = await fixture.run({ parameters: { ...confirm, taskId: locator(taskId) } });
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({ task_id: taskId, status: 'none', target: null });
		expect(String(out[0].json.message)).toContain('nothing to confirm');
	});

	// Issue #14 item 2: Confirm's error items are { error: { message, …context } }, so n8n routes them to the error output (with the input's JSON).
	it('"Continue (using error output)": an unknown task lands on n8n\'s error output', async () => {
		const taskId = await createUpgrade(fixture.emu, 'confirm_me', devices(1), {
			need_confirm: true,
		});
		fixture.emu.clock.advance(TASK_TIMING.initMs + TASK_TIMING.waitMs + 10);
		const items = itemsWith([{ id: taskId }, { id: UNKNOWN }]);
		const { outputs } = await fixture.execute({
			items,
			onError: 'continueErrorOutput',
			parameters: { ...confirm, taskId: locator('={{ $json.id }}') },
		});
		const [success, failed] = outputs;
		expect(success.map((o) => [o.json.target, o.json.status])).toEqual([['dev-0001', 'success']]);
		expect(failed).toEqual([
			{
				json: {
					id: UNKNOWN,
					error: {
						message: `Confirm batch task ${UNKNOWN} failed: IOTDA.014301 – Batch task ${UNKNOWN} does not exist. [item 1]`,
						task_id: UNKNOWN,
						description: expect.stringMatching(
							/^Not found: check the ID, the endpoint and the project ID\. X-Request-Id: \w+$/,
						),
					},
				},
				pairedItem: { item: 1 },
			},
		]);
	});
});
