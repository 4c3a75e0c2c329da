/**
 * When an item fails without Continue On Fail, n8n stops the node and drops the output of the items before it
 * — tasks they created, files they uploaded. The error's description names those items and ids, so what was
 * done is not lost from sight. Through n8n's engine against the emulator.
 */
import { createUpgrade, devices, ghosts, useEmulator } from '../../../fixtures/emulator';
import { itemsWith } from '../../../helpers/engine';

const fixture = useEmulator({ seed: 11 });

const perItem = {
	resource: 'batchTask',
	operation: 'create',
	taskType: 'freezeDevices',
	batchMode: 'perItem',
	taskName: '={{ $json.name }}',
	deviceIds: '={{ $json.devices }}',
};

describe('an item that stops the node names the items already carried out', () => {
	it('One Task per Item: the third item is refused; the error names the two tasks created before it', async () => {
		const { outputs, error } = await fixture.execute({
			parameters: perItem,
			items: itemsWith([
				{ name: 'stop_a', devices: devices(2) },
				{ name: 'stop_b', devices: devices(2, 5) },
				{ name: 'stop_c', devices: 'dev#bad' },
			]),
		});
		const created = fixture.emu.tasks().map((t) => t.task_id);
		expect(created).toHaveLength(2);
		expect(outputs).toEqual([]);
		expect(error?.message).toMatch(/^Device IDs may contain only .*\[item 2\]$/);
		expect(error?.description).toContain(
			`Items 0 to 1 had already succeeded (${created.join(', ')})`,
		);
		expect(error?.description).toContain('their output is not passed on because the node stopped');
	});

	it('the first item failing adds nothing (nothing was done)', async () => {
		const { error } = await fixture.execute({
			parameters: perItem,
			items: itemsWith([{ name: 'stop_first', devices: 'dev#bad' }]),
		});
		expect(fixture.emu.tasks()).toHaveLength(0);
		expect(error?.description ?? '').not.toContain('had already succeeded');
	});

	it('Delete: past ten ids the list is cut with a count', async () => {
		const finished = fixture.emu.seedFinishedTasks(12, {
			taskType: 'deleteDevices',
			targets: ghosts(1),
		});
		const { error } = await fixture.execute({
			parameters: { resource: 'batchTask', operation: 'delete', taskId: '={{ $json.id }}' },
			items: itemsWith([...finished, 'aaaaaaaaaaaaaaaaaaaaaaaa'].map((id) => ({ id }))),
		});
		expect(fixture.emu.tasks()).toHaveLength(0);
		expect(error?.message).toMatch(/aaaaaaaaaaaaaaaaaaaaaaaa/);
		expect(error?.description).toContain(
			`Items 0 to 11 had already succeeded (${finished.slice(0, 10).join(', ')} and 2 more)`,
		);
	});

	it('Stop across items: a refused second task names the task stopped before it', async () => {
		const running = await createUpgrade(fixture.emu, 'stop_running', devices(3));
		const [finished] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'firmwareUpgrade',
			targets: ghosts(1),
		});
		const { error } = await fixture.execute({
			parameters: { resource: 'batchTask', operation: 'stop', taskId: '={{ $json.id }}' },
			items: itemsWith([{ id: running }, { id: finished }]),
		});
		expect(fixture.calls('POST', /\/stop$/)).toHaveLength(1);
		expect(error?.message).toMatch(
			new RegExp(`^Cannot stop batch task ${finished} .*\\[item 1\\]$`),
		);
		expect(error?.description).toContain(
			`Stop of the tasks before it had already succeeded (${running}); their output is not passed on`,
		);
	});
});
