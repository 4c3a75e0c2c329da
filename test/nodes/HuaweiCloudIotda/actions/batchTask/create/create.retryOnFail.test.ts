/**
 * n8n's Settings → Retry On Fail on a Create runs the whole node again, every item, after a failure. In "One
 * Task per Item", the items before the failing one already created their tasks; on the retry they are sent
 * again. With Options → If a Task With This Name Exists → Return Existing Task the retry finds them (no
 * duplicate); with the default Create Anyway each is created a second time — the README says so, and this
 * measures both. Through n8n's engine (its own retry loop) against the emulator.
 */
import type { INodeParameters } from 'n8n-workflow';

import { devices, useEmulator } from '../../../../../fixtures/emulator';
import { itemsWith } from '../../../../../helpers/engine';
import { refuseNthCreate } from '../../../../../helpers/nthRequestFault';

const fixture = useEmulator({ seed: 11 });

const perItem = (options: INodeParameters): INodeParameters => ({
	resource: 'batchTask',
	operation: 'create',
	taskType: 'freezeDevices',
	batchMode: 'perItem',
	taskName: '={{ $json.name }}',
	deviceIds: '={{ $json.devices }}',
	options,
});
const items = itemsWith([
	{ name: 'rof_a', devices: devices(2) },
	{ name: 'rof_b', devices: devices(2, 5) },
]);
const retry = { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 };

describe('Create under n8n Retry On Fail, One Task per Item, the second item refused once', () => {
	afterEach(() => jest.restoreAllMocks());

	it('Return Existing Task: the retry finds the first item’s task; one task per name', async () => {
		refuseNthCreate(fixture.emu, 2, 'Invalid input data: unfinished task limit reached');
		const { outputs, error } = await fixture.execute({
			parameters: perItem({ ifTaskExists: 'returnExisting' }),
			items,
			retry,
		});
		expect(error).toBeUndefined();
		expect(fixture.emu.tasks().map((t) => t.task_name)).toEqual(['rof_a', 'rof_b']);
		expect(outputs[0].map((o) => [o.json.task_name, o.json.existing ?? false])).toEqual([
			['rof_a', true],
			['rof_b', false],
		]);
	});

	it('Create Anyway (the default): the first item’s task is created a second time, as the README warns', async () => {
		refuseNthCreate(fixture.emu, 2, 'Invalid input data: unfinished task limit reached');
		const { outputs, error } = await fixture.execute({ parameters: perItem({}), items, retry });
		expect(error).toBeUndefined();
		expect(fixture.emu.tasks().map((t) => t.task_name)).toEqual(['rof_a', 'rof_a', 'rof_b']);
		expect(outputs[0].map((o) => o.json.task_name)).toEqual(['rof_a', 'rof_b']);
	});
});
