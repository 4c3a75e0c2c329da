/** Batch Task → Stop through n8n's engine against the emulator. */
import {
	createUpgrade,
	devices,
	ghosts,
	locator,
	useEmulator,
} from '../../../../fixtures/emulator';
import { itemsWith } from '../../../../helpers/engine';

const fixture = useEmulator({ seed: 11 });
const stop = { resource: 'batchTask', operation: 'stop' };

describe('Batch Task → Stop', () => {
	it('stops every waiting device of a running upgrade, one item per device', async () => {
		const taskId = await createUpgrade(fixture.emu, 'stop_me', devices(4));
		const out = await fixture.run({ parameters: { ...stop, taskId: locator(taskId) } });
		expect(out.map((o) => [o.json.target, o.json.status])).toEqual(
			devices(4).map((d) => [d, 'success']),
		);
		expect(out[0].json).toMatchObject({ task_id: taskId, task_name: 'stop_me', operation: 'stop' });
		expect(fixture.emu.tasks()[0].status).toBe('Stopping');
	});

	it('stopping a finished task is refused before calling Stop', async () => {
		const [taskId] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'firmwareUpgrade',
			targets: ghosts(2),
			namePrefix: 'fw_done',
		});
		const error = await fixture
			.run({ parameters: { ...stop, taskId: locator(taskId) } })
			.catch((e: Error) => e);
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect((error as Error).message).toBe(
			`Cannot stop batch task ${taskId} ("fw_done_0", Firmware Upgrade): the task is Fail; a task can be stopped only while Initializing, Waitting or Processing [item 0]`,
		);
		expect(fixture.calls('POST', /\/stop$/)).toHaveLength(0);
	});

	// Issue #14 item 2: Stop's error items are { error: { message, …context } }, so n8n routes them to the error output (with the input's JSON).
	it('"Continue (using error output)": a refused item lands on n8n\'s error output, the other is stopped', async () => {
		const running = await createUpgrade(fixture.emu, 'stop_me', devices(2));
		const [finished] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'firmwareUpgrade',
			targets: ghosts(1),
			namePrefix: 'fw_done',
		});
		const items = itemsWith([{ id: finished }, { id: running }]);
		const { outputs } = await fixture.execute({
			items,
			onError: 'continueErrorOutput',
			parameters: { ...stop, taskId: locator('={{ $json.id }}') },
		});
		const [success, failed] = outputs;
		expect(success.map((o) => [o.json.target, o.json.status])).toEqual(
			devices(2).map((d) => [d, 'success']),
		);
		expect(failed).toEqual([
			{
				json: {
					id: finished,
					error: {
						message: `Cannot stop batch task ${finished} ("fw_done_0", Firmware Upgrade): the task is Fail; a task can be stopped only while Initializing, Waitting or Processing [item 0]`,
						task_id: finished,
						description:
							'IoTDA refuses Stop for tasks that are Success, Fail, PartialSuccess, Stopped or Stopping. Nothing was sent.',
					},
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
