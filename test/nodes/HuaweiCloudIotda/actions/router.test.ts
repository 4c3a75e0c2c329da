/**
 * The router owns the item loop and the one error shape: for every operation, under "Continue (using error
 * output)", a failing input yields error items that n8n's engine routes to the error output — `{ error:
 * { message, description?, ...context } }` from the node (n8n adds the input item's JSON), the context (task
 * id, device) inside `error` — while the other inputs' results stay on the success output. The routing is n8n's own (WorkflowExecute's
 * handleNodeErrorOutput), not a restatement of it.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import {
	createUpgrade,
	devices,
	ghosts,
	locator,
	useEmulator,
	type EmulatorRun,
} from '../../../fixtures/emulator';
import { fileItem } from '../../../fixtures/files';
import { itemsWith, nodeType } from '../../../helpers/engine';
import { errorContext, errorMessage, isPlainObject } from '../../../helpers/errorItem';
import { deviceSheet } from '../../../helpers/xlsx';
import { batchTaskOperations } from '../../../../nodes/HuaweiCloudIotda/actions/batchTask/BatchTask.resource';
import { batchTaskFileOperations } from '../../../../nodes/HuaweiCloudIotda/actions/batchTaskFile/BatchTaskFile.resource';

const fixture = useEmulator({ seed: 11 });
const UNKNOWN_TASK = 'aaaaaaaaaaaaaaaaaaaaaaaa';
/** A resource locator whose ID comes from the item: `{{ $json.id }}`. */
const idFromItem = locator('={{ $json.id }}');

/**
 * Runs under "Continue (using error output)" and returns n8n's two outputs. Every error item has the one
 * shape — `error`, a plain object with the message and the context, and (added by n8n) the JSON of the input
 * item it pairs with; no other key (n8n 1.x routes an item to the error output only when the node's JSON is
 * exactly `{ error }` or `{ error, message }`). Success items carry no error.
 */
async function routed(run: EmulatorRun) {
	const items = run.items ?? [{ json: {} }];
	const { outputs, error: failure } = await fixture.execute({
		...run,
		onError: 'continueErrorOutput',
	});
	expect(failure).toBeUndefined();
	const [success = [], error = []] = outputs;
	for (const item of error) {
		const paired = [item.pairedItem].flat()[0] as { item: number };
		expect(item.error).toBeUndefined();
		expect(isPlainObject(item.json.error)).toBe(true);
		expect(errorMessage(item)).toEqual(expect.stringMatching(/\S/));
		expect(
			Object.keys(item.json).filter(
				(key) => !['error', ...Object.keys(items[paired.item].json)].includes(key),
			),
		).toEqual([]);
	}
	expect(success.every((o) => o.error === undefined && o.json.error === undefined)).toBe(true);
	return { success, error };
}

const sheet = (fileName: string) => fileItem(fileName, deviceSheet(1));

describe("every operation: a failure reaches n8n's error output, a success the success output", () => {
	it('Batch Task → Get: an unknown task fails, a known one succeeds', async () => {
		const [done] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'firmwareUpgrade',
			targets: ghosts(2),
		});
		const { success, error } = await routed({
			items: itemsWith([{ id: done }, { id: UNKNOWN_TASK }]),
			parameters: { resource: 'batchTask', operation: 'get', taskId: idFromItem },
		});
		expect(success.map((o) => [o.json.task_id, o.pairedItem])).toEqual([[done, { item: 0 }]]);
		expect(error.map((o) => o.pairedItem)).toEqual([{ item: 1 }]);
		expect(errorMessage(error[0])).toContain(UNKNOWN_TASK);
		expect(errorMessage(error[0])).toMatch(/ failed: IOTDA\.014301 .* \[item 1\]$/);
	});

	it('Batch Task → Get Many: a bad App ID filter fails before sending, the other item lists', async () => {
		fixture.emu.seedFinishedTasks(2, { taskType: 'firmwareUpgrade', targets: ghosts(1) });
		const items = itemsWith([{ appId: '' }, { appId: 'bad id!' }]);
		const { success, error } = await routed({
			items,
			parameters: {
				resource: 'batchTask',
				operation: 'getAll',
				taskType: 'firmwareUpgrade',
				filters: { appId: '={{ $json.appId }}' },
			},
		});
		expect(success.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(
			error.map((o) => [o.pairedItem, errorMessage(o).startsWith('App ID may contain only')]),
		).toEqual([[{ item: 1 }, true]]);
		expect(errorMessage(error[0])).toMatch(/ \[item 1\]$/);
		expect(fixture.calls('GET', /\/batchtasks$/)).toHaveLength(1);
	});

	it('Batch Task → Delete: a running task is refused, a finished one deleted', async () => {
		const running = await createUpgrade(fixture.emu, 'running', devices(1));
		const [finished] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'freezeDevices',
			targets: ghosts(1),
		});
		const { success, error } = await routed({
			items: itemsWith([{ id: finished }, { id: running }]),
			parameters: { resource: 'batchTask', operation: 'delete', taskId: idFromItem },
		});
		expect(success.map((o) => [o.json.task_id, o.json.deleted])).toEqual([[finished, true]]);
		expect(error.map((o) => o.pairedItem)).toEqual([{ item: 1 }]);
		expect(errorMessage(error[0])).toContain(`Cannot delete batch task ${running}`);
		expect(errorMessage(error[0])).toMatch(/ \[item 1\]$/);
	});

	it('Batch Task → Create (one task for all items): a bad device ID fails its item, the others make the task', async () => {
		const items = itemsWith([{ id: 'dev-0001' }, { id: 'bad id!' }]);
		const { success, error } = await routed({
			items,
			parameters: {
				resource: 'batchTask',
				operation: 'create',
				taskType: 'freezeDevices',
				taskName: 'agg',
				deviceIds: '={{ $json.id }}',
			},
		});
		expect(success.map((o) => [o.json.task_name, o.pairedItem])).toEqual([['agg', [{ item: 0 }]]]);
		expect(error.map((o) => o.pairedItem)).toEqual([[{ item: 1 }]]);
		expect(errorMessage(error[0])).toMatch(/^Device IDs .* \[item 1\]$/);
	});

	it('Batch Task → Create (one task per item): a bad task name fails its item only', async () => {
		const { success, error } = await routed({
			items: itemsWith([{ name: 'ok_0' }, { name: 'not-ok' }]),
			parameters: {
				resource: 'batchTask',
				operation: 'create',
				batchMode: 'perItem',
				taskType: 'freezeDevices',
				taskName: '={{ $json.name }}',
				deviceIds: 'dev-0001',
			},
		});
		expect(success.map((o) => [o.json.task_name, o.pairedItem])).toEqual([['ok_0', [{ item: 0 }]]]);
		expect(error.map((o) => o.pairedItem)).toEqual([[{ item: 1 }]]);
		expect(errorMessage(error[0])).toMatch(/^Task Name .* \[item 1\]$/);
	});

	it('Batch Task → Create: a failed create call (HTTP 500) is an error item', async () => {
		fixture.emu.faults.add({
			kind: 'status',
			status: 500,
			match: { method: 'POST', path: /\/batchtasks$/ },
		});
		const { success, error } = await routed({
			parameters: {
				resource: 'batchTask',
				operation: 'create',
				taskType: 'freezeDevices',
				taskName: 'fails',
				deviceIds: 'dev-0001',
				options: { maxAttempts: 1 },
			},
		});
		expect(success).toEqual([]);
		expect(error.map((o) => o.pairedItem)).toEqual([[{ item: 0 }]]);
		expect(errorMessage(error[0])).toMatch(/^Create batch task "fails" failed: .* \[item 0\]$/);
	});

	it.each(['stop', 'confirm'] as const)(
		'Batch Task → %s on a finished task: the refusal keeps the task id',
		async (operation) => {
			const [finished] = fixture.emu.seedFinishedTasks(1, {
				taskType: 'firmwareUpgrade',
				targets: ghosts(1),
			});
			const { success, error } = await routed({
				parameters: { resource: 'batchTask', operation, taskId: locator(finished) },
			});
			expect(success).toEqual([]);
			expect(error.map((o) => [errorContext(o).task_id, o.pairedItem])).toEqual([
				[finished, { item: 0 }],
			]);
			expect(errorContext(error[0]).description).toMatch(/Nothing was sent/);
			expect(errorMessage(error[0])).toContain(`Cannot ${operation} batch task ${finished}`);
			expect(errorMessage(error[0])).toMatch(/ \[item 0\]$/);
		},
	);

	it('Batch Task → Retry: an unknown task fails its item, a known one retries its devices', async () => {
		const [done] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'firmwareUpgrade',
			targets: ghosts(2),
		});
		const { success, error } = await routed({
			items: itemsWith([{ id: done }, { id: UNKNOWN_TASK }]),
			parameters: { resource: 'batchTask', operation: 'retry', taskId: idFromItem },
		});
		expect(success.map((o) => [o.json.target, o.json.status])).toEqual([
			['ghost-00001', 'success'],
			['ghost-00002', 'success'],
		]);
		expect(error.map((o) => [errorContext(o).task_id, o.pairedItem])).toEqual([
			[UNKNOWN_TASK, { item: 1 }],
		]);
		expect(errorMessage(error[0])).toMatch(
			/^Retry batch task \w+ failed: IOTDA\.014301 .* \[item 1\]$/,
		);
	});

	it('Batch Task → Stop with listed devices when the call fails (HTTP 500, Max Attempts 1): one error item per device', async () => {
		const taskId = await createUpgrade(fixture.emu, 'stop_fails', devices(2));
		fixture.emu.faults.add({
			kind: 'status',
			status: 500,
			match: { method: 'POST', path: /\/stop$/ },
		});
		const { success, error } = await routed({
			parameters: {
				resource: 'batchTask',
				operation: 'stop',
				taskId: locator(taskId),
				devices: 'listed',
				deviceIds: devices(2),
				options: { maxAttempts: 1 },
			},
		});
		expect(success).toEqual([]);
		expect(
			error.map((o) => {
				const { task_id, target, status } = errorContext(o);
				return [task_id, target, status, o.pairedItem];
			}),
		).toEqual([
			[taskId, 'dev-0001', 'failure', [{ item: 0 }]],
			[taskId, 'dev-0002', 'failure', [{ item: 0 }]],
		]);
		expect(error.map((o) => / failed: .* \[item 0\]$/.test(errorMessage(o)))).toEqual([true, true]);
	});

	it('Batch Task File → Upload: a .txt is refused, an .xlsx uploaded', async () => {
		const { success, error } = await routed({
			items: [sheet('devices.xlsx'), sheet('notes.txt')],
			parameters: { resource: 'batchTaskFile', operation: 'upload' },
		});
		expect(success.map((o) => [o.json.file_name, o.pairedItem])).toEqual([
			['devices.xlsx', { item: 0 }],
		]);
		expect(error.map((o) => o.pairedItem)).toEqual([{ item: 1 }]);
		expect(errorMessage(error[0])).toMatch(/^File must be an Excel file .* \[item 1\]$/);
	});

	it('Batch Task File → Get Many: a failed list call fails its item, the next item lists', async () => {
		fixture.emu.faults.add({
			kind: 'status',
			status: 500,
			match: { method: 'GET', path: /\/batchtask-files$/ },
		});
		const { success, error } = await routed({
			items: itemsWith([{}, {}]),
			parameters: {
				resource: 'batchTaskFile',
				operation: 'getAll',
				returnAll: true,
				options: { maxAttempts: 1 },
			},
		});
		expect(success).toEqual([]); // no file uploaded: the second item lists nothing
		expect(error.map((o) => o.pairedItem)).toEqual([{ item: 0 }]);
		expect(errorMessage(error[0])).toMatch(/^List batch task files failed: .* \[item 0\]$/);
	});

	it('Batch Task File → Delete: a malformed file ID is refused, a stored file deleted', async () => {
		const [uploaded] = await fixture.run({
			items: [sheet('devices.xlsx')],
			parameters: { resource: 'batchTaskFile', operation: 'upload' },
		});
		const ids = [String(uploaded.json.file_id), 'bad id!'];
		const { success, error } = await routed({
			items: itemsWith(ids.map((id) => ({ id }))),
			parameters: { resource: 'batchTaskFile', operation: 'delete', fileId: idFromItem },
		});
		expect(success.map((o) => o.json)).toEqual([{ file_id: ids[0], deleted: true }]);
		expect(error.map((o) => o.pairedItem)).toEqual([{ item: 1 }]);
		expect(errorMessage(error[0])).toMatch(/^Batch Task File .* \[item 1\]$/);
	});
});

/**
 * Every message names its item or items, IoTDA's answers included (itemErrors.ts composes the label once). Item 0
 * succeeds and item 1 gets an error answer from IoTDA: an unknown ID, or HTTP 500 on item 1's first request.
 */
describe("every operation: an IoTDA error's message names the failing item", () => {
	const UNKNOWN_FILE = 'no_such_file';
	const once = { maxAttempts: 1 };

	/** The first request matching passes (a delay of 0 ms), the next one is answered HTTP 500. */
	const failSecond = (method: string, path: RegExp) => {
		fixture.emu.faults.add({ kind: 'delay', delayMs: 0, match: { method, path } });
		fixture.emu.faults.add({ kind: 'status', status: 500, match: { method, path } });
	};
	const finishedTasks = (count: number) =>
		fixture.emu.seedFinishedTasks(count, { taskType: 'firmwareUpgrade', targets: ghosts(1) });
	const byId = (resource: string, operation: string, ids: string[]): EmulatorRun => ({
		items: itemsWith(ids.map((id) => ({ id }))),
		parameters: {
			resource,
			operation,
			[resource === 'batchTask' ? 'taskId' : 'fileId']: idFromItem,
			options: once,
		},
	});
	const freeze = { resource: 'batchTask', operation: 'create', taskType: 'freezeDevices' };

	const cases: Array<[string, () => Promise<EmulatorRun>, string]> = [
		[
			'Batch Task → Get',
			async () => byId('batchTask', 'get', [...finishedTasks(1), UNKNOWN_TASK]),
			'[item 1]',
		],
		[
			'Batch Task → Get Many',
			async () => {
				failSecond('GET', /\/batchtasks$/);
				return {
					items: itemsWith([{}, {}]),
					parameters: {
						resource: 'batchTask',
						operation: 'getAll',
						taskType: 'firmwareUpgrade',
						options: once,
					},
				};
			},
			'[item 1]',
		],
		[
			'Batch Task → Delete',
			async () => byId('batchTask', 'delete', [...finishedTasks(1), UNKNOWN_TASK]),
			'[item 1]',
		],
		[
			'Batch Task → Stop',
			async () =>
				byId('batchTask', 'stop', [
					await createUpgrade(fixture.emu, 'stop_ok', devices(1)),
					UNKNOWN_TASK,
				]),
			'[item 1]',
		],
		[
			'Batch Task → Retry',
			async () => byId('batchTask', 'retry', [...finishedTasks(1), UNKNOWN_TASK]),
			'[item 1]',
		],
		[
			'Batch Task → Confirm',
			async () =>
				byId('batchTask', 'confirm', [
					await createUpgrade(fixture.emu, 'confirm_ok', devices(1)),
					UNKNOWN_TASK,
				]),
			'[item 1]',
		],
		[
			'Batch Task → Create (one task per item)',
			async () => {
				failSecond('POST', /\/batchtasks$/);
				return {
					items: itemsWith([{ name: 'ok_0' }, { name: 'fails_1' }]),
					parameters: {
						...freeze,
						batchMode: 'perItem',
						taskName: '={{ $json.name }}',
						deviceIds: 'dev-0001',
						options: once,
					},
				};
			},
			'[item 1]',
		],
		[
			'Batch Task → Create (one task for all items)',
			async () => {
				fixture.emu.faults.add({
					kind: 'status',
					status: 500,
					match: { method: 'POST', path: /\/batchtasks$/ },
				});
				return {
					items: itemsWith([{ id: 'dev-0001' }, { id: 'dev-0002' }]),
					parameters: { ...freeze, taskName: 'agg', deviceIds: '={{ $json.id }}', options: once },
				};
			},
			'[items 0 and 1]',
		],
		[
			'Batch Task File → Upload',
			async () => ({
				// IoTDA refuses a file name it holds already (400 IOTDA.014602).
				items: [sheet('devices.xlsx'), sheet('devices.xlsx')],
				parameters: { resource: 'batchTaskFile', operation: 'upload' },
			}),
			'[item 1]',
		],
		[
			'Batch Task File → Get Many',
			async () => {
				failSecond('GET', /\/batchtask-files$/);
				return {
					items: itemsWith([{}, {}]),
					parameters: {
						resource: 'batchTaskFile',
						operation: 'getAll',
						returnAll: true,
						options: once,
					},
				};
			},
			'[item 1]',
		],
		[
			'Batch Task File → Delete',
			async () => {
				const [uploaded] = await fixture.run({
					items: [sheet('devices.xlsx')],
					parameters: { resource: 'batchTaskFile', operation: 'upload' },
				});
				return byId('batchTaskFile', 'delete', [String(uploaded.json.file_id), UNKNOWN_FILE]);
			},
			'[item 1]',
		],
	];

	it('covers every operation of every resource', () => {
		const covered = cases.map(([name]) => name.replace(/ \(.*\)$/, ''));
		const all = Object.entries({
			'Batch Task': batchTaskOperations,
			'Batch Task File': batchTaskFileOperations,
		}).flatMap(([resource, operations]) =>
			Object.keys(operations).map((op) => `${resource} → ${op}`),
		);
		const names: Record<string, string> = {
			get: 'Get',
			getAll: 'Get Many',
			delete: 'Delete',
			stop: 'Stop',
			retry: 'Retry',
			confirm: 'Confirm',
			create: 'Create',
			upload: 'Upload',
		};
		expect([...new Set(covered)].sort()).toEqual(
			all.map((name) => name.replace(/→ (\w+)$/, (_, op: string) => `→ ${names[op]}`)).sort(),
		);
	});

	it.each(cases)('%s', async (_name, arrange, label) => {
		const { error } = await routed(await arrange());
		expect(error).toHaveLength(1);
		// IoTDA's answer (its error code, or HTTP 500's), then the label of the item(s) the error item pairs with.
		expect(errorMessage(error[0])).toMatch(/ failed: \S+/);
		expect(errorMessage(error[0]).endsWith(` ${label}`)).toBe(true);
		const paired = [error[0].pairedItem].flat().map((p) => (p as { item: number }).item);
		expect(label).toBe(
			paired.length === 1 ? `[item ${paired[0]}]` : `[items ${paired.join(' and ')}]`,
		);
	});
});

describe('without Continue On Fail', () => {
	it('the first failure is thrown, naming its item, and later items are not run', async () => {
		const [done] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'freezeDevices',
			targets: ghosts(1),
		});
		const parameters: INodeParameters = {
			resource: 'batchTask',
			operation: 'delete',
			taskId: idFromItem,
		};
		const error = await fixture
			.run({ items: itemsWith([{ id: UNKNOWN_TASK }, { id: done }]), parameters })
			.catch((e: unknown) => e);
		// n8n records the error in the run data as a plain object: its name and context are kept.
		expect(error).toMatchObject({ name: 'NodeApiError', context: { itemIndex: 0 } });
		expect((error as Error).message).toMatch(
			/^Delete batch task \w+ failed: IOTDA\.014301 .* \[item 0\]$/,
		);
		expect(fixture.emu.tasks().map((t) => t.task_id)).toEqual([done]);
	});
});

describe('the typed operation map', () => {
	const selectorValues = (resource: string) => {
		const selector = nodeType.description.properties.find(
			(p: INodeProperties) =>
				p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		);
		return (selector?.options as Array<{ value: string }>).map((o) => o.value).sort();
	};

	it('offers exactly the operations the router can run', () => {
		expect(selectorValues('batchTask')).toEqual(Object.keys(batchTaskOperations).sort());
		expect(selectorValues('batchTaskFile')).toEqual(Object.keys(batchTaskFileOperations).sort());
	});

	it('refuses an operation it does not know', async () => {
		const error = await fixture
			.run({ parameters: { resource: 'batchTask', operation: 'explode' } })
			.catch((e: Error) => e);
		expect((error as Error).message).toBe(
			'The operation "explode" of resource "batchTask" is not supported by this node',
		);
	});
});
