/** Batch Task → Delete through n8n's engine against the emulator. */
import {
	createUpgrade,
	devices,
	ghosts,
	locator,
	useEmulator,
} from '../../../../fixtures/emulator';
import { itemsWith } from '../../../../helpers/engine';
import { errorMessage } from '../../../../helpers/errorItem';

const fixture = useEmulator({ seed: 11 });
const del = { resource: 'batchTask', operation: 'delete' };

describe('Batch Task → Delete', () => {
	it('deletes a finished task', async () => {
		const [taskId] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'deleteDevices',
			targets: ghosts(1),
		});
		const out = await fixture.run({ parameters: { ...del, taskId: locator(taskId) } });
		expect(out).toEqual([
			{
				json: { task_id: taskId, task_name: 'seeded_0', task_type: 'deleteDevices', deleted: true },
				pairedItem: { item: 0 },
			},
		]);
		expect(fixture.emu.tasks()).toHaveLength(0);
		expect(fixture.calls('DELETE', /\/batchtasks\//)).toHaveLength(1);
	});

	it('deleting a running task is refused', async () => {
		const taskId = await createUpgrade(fixture.emu, 'still_running', devices(2));
		const error = await fixture
			.run({ parameters: { ...del, taskId: locator(taskId) } })
			.catch((e: Error) => e);
		expect((error as Error).message).toBe(
			`Cannot delete batch task ${taskId} ("still_running", Firmware Upgrade): the task is Initializing; only finished tasks (Success, Fail, PartialSuccess or Stopped) can be deleted [item 0]`,
		);
		expect(fixture.calls('DELETE', /./)).toHaveLength(0);
		expect(fixture.emu.tasks()).toHaveLength(1);
	});

	it('with Continue On Fail a refusal becomes an error item for that item only', async () => {
		const running = await createUpgrade(fixture.emu, 'running', devices(1));
		const [finished] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'freezeDevices',
			targets: ghosts(1),
		});
		const items = itemsWith([{ id: running }, { id: finished }]);
		const out = await fixture.run({
			items,
			continueOnFail: true,
			parameters: { ...del, taskId: locator('={{ $json.id }}') },
		});
		expect(out[0]).toMatchObject({ pairedItem: { item: 0 } });
		expect(errorMessage(out[0])).toContain(`Cannot delete batch task ${running}`);
		expect(out[1].json).toMatchObject({ task_id: finished, deleted: true });
	});

	it('"Continue (using error output)": the refused item lands on n8n\'s error output, merged with its input', async () => {
		const running = await createUpgrade(fixture.emu, 'running', devices(1));
		const [finished] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'freezeDevices',
			targets: ghosts(1),
		});
		const items = itemsWith([{ id: running }, { id: finished }]);
		const { outputs } = await fixture.execute({
			items,
			onError: 'continueErrorOutput',
			parameters: { ...del, taskId: locator('={{ $json.id }}') },
		});
		const [success, failed] = outputs;
		expect(success.map((o) => o.json)).toEqual([
			{ task_id: finished, task_name: 'seeded_0', task_type: 'freezeDevices', deleted: true },
		]);
		expect(failed).toEqual([
			{
				json: {
					id: running,
					error: {
						message: expect.stringContaining(`Cannot delete batch task ${running}`),
						description:
							'Wait until the task has finished, or stop it first (upgrade tasks only). Nothing was deleted.',
					},
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
