/**
 * Review finding: Stop / Retry / Confirm combine every item that names the same task into one job, and a
 * refusal of that job is one error whose message was built for the job's first item. Each error item must
 * name its own item (a device listed by several items: "[items 0 and 2]"), not "[item 0]" for all. The same
 * holds for a failed task lookup and a failed call of such a job.
 */
import type { Emulator } from '../../../emulator';
import {
	createUpgrade,
	devices,
	locator,
	runOn,
	startQuietEmulator,
} from '../../../fixtures/emulatorRun';
import { errorContext, errorItemsOf, errorMessage } from '../../../helpers/errorItem';

let emu: Emulator;
beforeAll(async () => {
	emu = await startQuietEmulator();
});
afterAll(() => emu.close());

test('an error item of a combined Retry names its own input item', async () => {
	const taskId = await createUpgrade(emu, 'label', devices(3));
	const out = await runOn(emu, {
		items: [1, 2, 3].map((n) => ({
			json: { task: n === 2 ? 'zzz' : taskId, device: `dev-000${n}` },
		})),
		parameters: {
			resource: 'batchTask',
			operation: 'retry',
			taskId: locator('={{ $json.task }}'),
			devices: 'listed',
			deviceIds: '={{ $json.device }}',
		},
		continueOnFail: true,
	});
	const refusals = errorItemsOf(out).filter((o) => errorMessage(o).startsWith('Cannot retry'));
	expect(refusals.map((o) => (o.pairedItem as { item: number }).item)).toEqual([0, 2]);
	expect(refusals.map((o) => /\[items? ([\d, and]+)\]$/.exec(errorMessage(o))?.[1])).toEqual([
		'0',
		'2',
	]);
});

test('a failed task lookup shared by items 0 and 2 names each item in its own error item', async () => {
	const taskId = await createUpgrade(emu, 'label_lookup', devices(2));
	const out = await runOn(emu, {
		items: [0, 1, 2].map((i) => ({
			json: { task: i === 1 ? taskId : '0123456789abcdef01234567' },
		})),
		parameters: {
			resource: 'batchTask',
			operation: 'stop',
			taskId: locator('={{ $json.task }}'),
			devices: 'all',
		},
		continueOnFail: true,
	});
	const failed = errorItemsOf(out);
	expect(failed.map((o) => (o.pairedItem as { item: number }).item)).toEqual([0, 2]);
	expect(failed.map((o) => /\[item (\d+)\]$/.exec(errorMessage(o))?.[1])).toEqual(['0', '2']);
});

test('a failed call names the items that listed each device', async () => {
	const taskId = await createUpgrade(emu, 'label_call', devices(2));
	emu.faults.add({
		kind: 'status',
		status: 400,
		errorCode: 'IOTDA.000006',
		errorMsg: 'Invalid input',
		match: { method: 'POST', path: /\/stop$/ },
	});
	const out = await runOn(emu, {
		items: [0, 1, 2].map((i) => ({ json: { device: i === 1 ? 'dev-0001' : 'dev-0002' } })),
		parameters: {
			resource: 'batchTask',
			operation: 'stop',
			taskId: locator(taskId),
			devices: 'listed',
			deviceIds: '={{ $json.device }}',
		},
		continueOnFail: true,
	});
	const failed = errorItemsOf(out);
	expect(
		failed.map((o) => [
			errorContext(o).target,
			/\[(items? [\d, and]+)\]$/.exec(errorMessage(o))?.[1],
		]),
	).toEqual([
		['dev-0002', 'items 0 and 2'],
		['dev-0001', 'item 1'],
	]);
});

test('Create (one task for all items): a refusal of the combined task names all its items, not item 0', async () => {
	const create = {
		resource: 'batchTask',
		operation: 'create',
		taskType: 'freezeDevices',
		taskName: 'label_exists',
	};
	await runOn(emu, { parameters: { ...create, deviceIds: 'dev-0001' } });
	const out = await runOn(emu, {
		items: [1, 2, 3].map((n) => ({ json: { device: `dev-000${n}` } })),
		parameters: { ...create, deviceIds: '={{ $json.device }}', options: { ifTaskExists: 'fail' } },
		continueOnFail: true,
	});
	expect(
		out.map((o) => [o.pairedItem, /\[(items? [\d, and]+)\]$/.exec(errorMessage(o))?.[1]]),
	).toEqual([[[{ item: 0 }, { item: 1 }, { item: 2 }], 'items 0, 1 and 2']]);
});
