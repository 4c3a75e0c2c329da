/**
 * The router owns the item loop and the one error shape: for every operation, with Continue On Fail, a
 * failing input yields error items that n8n routes to the error output — `{ error, details? }` and nothing
 * else, the context (task id, device) under details, as n8n keeps it — while the other inputs' results stay
 * on the success output.
 */
import { NodeApiError, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { Emulator } from '../../../emulator';
import { itemsWith, nodeType } from '../../../helpers/n8nHarness';
import { splitLikeN8n } from '../../../helpers/n8nErrorOutput';
import { deviceSheet } from '../../../helpers/xlsx';
import { createUpgrade, devices, ghosts, locator, runOn, startQuietEmulator, type EmulatorRun } from '../../../lifecycle.harness';
import { batchTaskOperations } from '../../../../nodes/HuaweiCloudIotda/actions/batchTask/BatchTask.resource';
import { batchTaskFileOperations } from '../../../../nodes/HuaweiCloudIotda/actions/batchTaskFile/BatchTaskFile.resource';

let emu: Emulator;
beforeAll(async () => {
	emu = await startQuietEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const UNKNOWN_TASK = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const run = (r: EmulatorRun) => runOn(emu, { continueOnFail: true, ...r });

/** Every error item has the one shape: the message, and the context under details; nothing n8n would drop. */
function expectErrorShape(item: INodeExecutionData) {
	expect(item.error).toBeUndefined();
	expect(typeof item.json.error).toBe('string');
	expect(Object.keys(item.json).filter((key) => key !== 'error' && key !== 'details')).toEqual([]);
}

const details = (item: INodeExecutionData) => (item.json.details ?? {}) as Record<string, unknown>;

function routed(out: INodeExecutionData[]) {
	const split = splitLikeN8n(out);
	split.error.forEach(expectErrorShape);
	expect(split.success.every((o) => o.error === undefined && o.json.error === undefined)).toBe(true);
	return split;
}

const fileItem = (fileName: string): INodeExecutionData => ({
	json: {},
	binary: { data: { data: deviceSheet(1).toString('base64'), fileName, mimeType: 'application/octet-stream' } },
});

describe('every operation: a failure reaches the error output, a success the success output', () => {
	it('Batch Task → Get: an unknown task fails, a known one succeeds', async () => {
		const [done] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets: ghosts(2) });
		const ids = [done, UNKNOWN_TASK];
		const { success, error } = routed(await run({ items: itemsWith([{}, {}]), parameters: { resource: 'batchTask', operation: 'get', taskId: (i: number) => locator(ids[i]) } }));
		expect(success.map((o) => [o.json.task_id, o.pairedItem])).toEqual([[done, { item: 0 }]]);
		expect(error.map((o) => o.pairedItem)).toEqual([{ item: 1 }]);
		expect(error[0].json.error).toContain(UNKNOWN_TASK);
	});

	it('Batch Task → Get Many: a bad App ID filter fails before sending, the other item lists', async () => {
		emu.seedFinishedTasks(2, { taskType: 'firmwareUpgrade', targets: ghosts(1) });
		const filters = [{}, { appId: 'bad id!' }];
		const out = await run({ items: itemsWith([{}, {}]), parameters: { resource: 'batchTask', operation: 'getAll', taskType: 'firmwareUpgrade', filters: (i: number) => filters[i] } });
		const { success, error } = routed(out);
		expect(success.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(error.map((o) => [o.pairedItem, String(o.json.error).startsWith('App ID may contain only')])).toEqual([[{ item: 1 }, true]]);
	});

	it('Batch Task → Delete: a running task is refused, a finished one deleted', async () => {
		const running = await createUpgrade(emu, 'running', devices(1));
		const [finished] = emu.seedFinishedTasks(1, { taskType: 'freezeDevices', targets: ghosts(1) });
		const ids = [finished, running];
		const { success, error } = routed(await run({ items: itemsWith([{}, {}]), parameters: { resource: 'batchTask', operation: 'delete', taskId: (i: number) => locator(ids[i]) } }));
		expect(success.map((o) => [o.json.task_id, o.json.deleted])).toEqual([[finished, true]]);
		expect(error.map((o) => o.pairedItem)).toEqual([{ item: 1 }]);
		expect(error[0].json.error).toContain(`Cannot delete batch task ${running}`);
	});

	it('Batch Task → Create (one task for all items): a bad device ID fails its item, the others make the task', async () => {
		const items = itemsWith([{ id: 'dev-0001' }, { id: 'bad id!' }]);
		const { success, error } = routed(
			await run({ items, parameters: { resource: 'batchTask', operation: 'create', taskType: 'freezeDevices', taskName: 'agg', deviceIds: (i: number) => items[i].json.id } }),
		);
		expect(success.map((o) => [o.json.task_name, o.pairedItem])).toEqual([['agg', [{ item: 0 }]]]);
		expect(error.map((o) => o.pairedItem)).toEqual([[{ item: 1 }]]);
	});

	it('Batch Task → Create (one task per item): a bad task name fails its item only', async () => {
		const names = ['ok_0', 'not-ok'];
		const out = await run({
			items: itemsWith([{}, {}]),
			parameters: { resource: 'batchTask', operation: 'create', batchMode: 'perItem', taskType: 'freezeDevices', taskName: (i: number) => names[i], deviceIds: 'dev-0001' },
		});
		const { success, error } = routed(out);
		expect(success.map((o) => [o.json.task_name, o.pairedItem])).toEqual([['ok_0', [{ item: 0 }]]]);
		expect(error.map((o) => o.pairedItem)).toEqual([[{ item: 1 }]]);
	});

	it('Batch Task → Create: a failed create call (HTTP 500) is an error item', async () => {
		emu.faults.add({ kind: 'status', status: 500, match: { method: 'POST', path: /\/batchtasks$/ } });
		const out = await run({ parameters: { resource: 'batchTask', operation: 'create', taskType: 'freezeDevices', taskName: 'fails', deviceIds: 'dev-0001', options: { maxAttempts: 1 } } });
		const { success, error } = routed(out);
		expect(success).toEqual([]);
		expect(error.map((o) => o.pairedItem)).toEqual([[{ item: 0 }]]);
	});

	it.each(['stop', 'confirm'] as const)('Batch Task → %s on a finished task: the refusal keeps the task id', async (operation) => {
		const [finished] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets: ghosts(1) });
		const { success, error } = routed(await run({ parameters: { resource: 'batchTask', operation, taskId: locator(finished) } }));
		expect(success).toEqual([]);
		expect(error.map((o) => [details(o).task_id, o.pairedItem])).toEqual([[finished, { item: 0 }]]);
		expect(details(error[0]).description).toMatch(/Nothing was sent/);
		expect(error[0].json.error).toContain(`Cannot ${operation} batch task ${finished}`);
	});

	it('Batch Task → Retry: an unknown task fails its item, a known one retries its devices', async () => {
		const [done] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets: ghosts(2) });
		const ids = [done, UNKNOWN_TASK];
		const { success, error } = routed(await run({ items: itemsWith([{}, {}]), parameters: { resource: 'batchTask', operation: 'retry', taskId: (i: number) => locator(ids[i]) } }));
		expect(success.map((o) => [o.json.target, o.json.status])).toEqual([
			['ghost-00001', 'success'],
			['ghost-00002', 'success'],
		]);
		expect(error.map((o) => [details(o).task_id, o.pairedItem])).toEqual([[UNKNOWN_TASK, { item: 1 }]]);
	});

	it('Batch Task → Stop with listed devices when the call fails (HTTP 500, Max Attempts 1): one error item per device', async () => {
		const taskId = await createUpgrade(emu, 'stop_fails', devices(2));
		emu.faults.add({ kind: 'status', status: 500, match: { method: 'POST', path: /\/stop$/ } });
		const out = await run({
			parameters: { resource: 'batchTask', operation: 'stop', taskId: locator(taskId), devices: 'listed', deviceIds: devices(2), options: { maxAttempts: 1 } },
		});
		const { success, error } = routed(out);
		expect(success).toEqual([]);
		expect(error.map((o) => [details(o).task_id, details(o).target, details(o).status, o.pairedItem])).toEqual([
			[taskId, 'dev-0001', 'failure', [{ item: 0 }]],
			[taskId, 'dev-0002', 'failure', [{ item: 0 }]],
		]);
	});

	it('Batch Task File → Upload: a .txt is refused, an .xlsx uploaded', async () => {
		const { success, error } = routed(await run({ items: [fileItem('devices.xlsx'), fileItem('notes.txt')], parameters: { resource: 'batchTaskFile', operation: 'upload' } }));
		expect(success.map((o) => [o.json.file_name, o.pairedItem])).toEqual([['devices.xlsx', { item: 0 }]]);
		expect(error.map((o) => o.pairedItem)).toEqual([{ item: 1 }]);
	});

	it('Batch Task File → Get Many: a failed list call fails its item, the next item lists', async () => {
		emu.faults.add({ kind: 'status', status: 500, match: { method: 'GET', path: /\/batchtask-files$/ } });
		const { success, error } = routed(
			await run({ items: itemsWith([{}, {}]), parameters: { resource: 'batchTaskFile', operation: 'getAll', returnAll: true, options: { maxAttempts: 1 } } }),
		);
		expect(success).toEqual([]); // no file uploaded: the second item lists nothing
		expect(error.map((o) => o.pairedItem)).toEqual([{ item: 0 }]);
		expect(error[0].json.error).toMatch(/^List batch task files failed/);
	});

	it('Batch Task File → Delete: a malformed file ID is refused, a stored file deleted', async () => {
		const [uploaded] = await runOn(emu, { items: [fileItem('devices.xlsx')], parameters: { resource: 'batchTaskFile', operation: 'upload' } });
		const ids = [String(uploaded.json.file_id), 'bad id!'];
		const { success, error } = routed(
			await run({ items: itemsWith([{}, {}]), parameters: { resource: 'batchTaskFile', operation: 'delete', fileId: (i: number) => locator(ids[i]) } }),
		);
		expect(success.map((o) => o.json)).toEqual([{ file_id: ids[0], deleted: true }]);
		expect(error.map((o) => o.pairedItem)).toEqual([{ item: 1 }]);
	});
});

describe('without Continue On Fail', () => {
	it('the first failure is thrown, naming its item, and later items are not run', async () => {
		const [done] = emu.seedFinishedTasks(1, { taskType: 'freezeDevices', targets: ghosts(1) });
		const ids = [UNKNOWN_TASK, done];
		const error = await runOn(emu, { items: itemsWith([{}, {}]), parameters: { resource: 'batchTask', operation: 'delete', taskId: (i: number) => locator(ids[i]) } }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).context.itemIndex).toBe(0);
		expect(emu.tasks().map((t) => t.task_id)).toEqual([done]);
	});
});

describe('the typed operation map', () => {
	const selectorValues = (resource: string) => {
		const selector = nodeType.description.properties.find(
			(p: INodeProperties) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		);
		return (selector?.options as Array<{ value: string }>).map((o) => o.value).sort();
	};

	it('offers exactly the operations the router can run', () => {
		expect(selectorValues('batchTask')).toEqual(Object.keys(batchTaskOperations).sort());
		expect(selectorValues('batchTaskFile')).toEqual(Object.keys(batchTaskFileOperations).sort());
	});

	it('refuses an operation it does not know', async () => {
		const error = await runOn(emu, { parameters: { resource: 'batchTask', operation: 'explode' } }).catch((e: Error) => e);
		expect((error as Error).message).toBe('The operation "explode" of resource "batchTask" is not supported by this node');
	});
});
