/** Refusals are explained before anything is sent, name the task, and honour continueOnFail per item. */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, type Emulator } from './emulator';
import { calls, createUpgrade, devices, ghosts, locator, runOn, startQuietEmulator } from './lifecycle.harness';
import { itemsWith } from './helpers/n8nHarness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startQuietEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const UNKNOWN = 'ffffffffffffffffffff0042';

async function failure(run: Parameters<typeof runOn>[1]): Promise<Error> {
	const error = await runOn(emu, run).then(
		() => undefined,
		(e: Error) => e,
	);
	if (!error) throw new Error('expected the node to fail');
	return error;
}

describe('clear errors naming the task', () => {
	it('stopping a finished task is refused before calling Stop', async () => {
		const [taskId] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets: ghosts(2), namePrefix: 'fw_done' });
		const error = await failure({ parameters: { resource: 'batchTask', operation: 'stop', taskId: locator(taskId) } });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			`Cannot stop batch task ${taskId} ("fw_done_0", Firmware Upgrade): the task is Fail; a task can be stopped only while Initializing, Waitting or Processing [item 0]`,
		);
		expect(calls(emu, 'POST', /\/stop$/)).toHaveLength(0);
	});

	it('deleting a running task is refused', async () => {
		const taskId = await createUpgrade(emu, 'still_running', devices(2));
		const error = await failure({ parameters: { resource: 'batchTask', operation: 'delete', taskId: locator(taskId) } });
		expect(error.message).toBe(
			`Cannot delete batch task ${taskId} ("still_running", Firmware Upgrade): the task is Initializing; only finished tasks (Success, Fail, PartialSuccess or Stopped) can be deleted [item 0]`,
		);
		expect(calls(emu, 'DELETE', /./)).toHaveLength(0);
		expect(emu.tasks()).toHaveLength(1);
	});

	it('retrying a command task is refused with its type', async () => {
		const [taskId] = emu.seedFinishedTasks(1, { taskType: 'createCommands', targets: ghosts(1), namePrefix: 'cmd' });
		const error = await failure({ parameters: { resource: 'batchTask', operation: 'retry', taskId: locator(taskId) } });
		expect(error.message).toBe(
			`Cannot retry batch task ${taskId} ("cmd_0", Sync Commands): only Firmware Upgrade or Software Upgrade tasks can be retried [item 0]`,
		);
		expect((error as NodeOperationError).description).toContain('createCommands');
		expect(calls(emu, 'POST', /\/retry$/)).toHaveLength(0);
	});

	it.each(['get', 'stop', 'retry', 'confirm', 'delete'])('%s of an unknown task id names the id', async (operation) => {
		const error = await failure({ parameters: { resource: 'batchTask', operation, taskId: locator(UNKNOWN) } });
		expect(error).toBeInstanceOf(NodeApiError);
		const verb = operation[0].toUpperCase() + operation.slice(1);
		expect(error.message).toBe(`${verb} batch task ${UNKNOWN} failed: IOTDA.014301 – Batch task ${UNKNOWN} does not exist.`);
		expect((error as NodeApiError).context.itemIndex).toBe(0);
	});

	it('a malformed task id is refused before sending', async () => {
		const error = await failure({ parameters: { resource: 'batchTask', operation: 'get', taskId: locator('NOT-A-TASK') } });
		expect(error.message).toBe('Batch Task must be up to 24 lower-case hex characters: "NOT-A-TASK" [item 0]');
		expect(emu.log).toHaveLength(0);
	});

	it('Listed Devices without any ID is an input error', async () => {
		const [taskId] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets: ghosts(1) });
		const error = await failure({ parameters: { resource: 'batchTask', operation: 'retry', taskId: locator(taskId), devices: 'listed', deviceIds: ' , ' } });
		expect(error.message).toMatch(/^Device IDs must contain at least one device ID/);
		expect(emu.log).toHaveLength(0);
	});

	it('errors never contain the secret key', async () => {
		const error = await failure({
			parameters: { resource: 'batchTask', operation: 'get', taskId: locator(UNKNOWN) },
			credentials: { accessKeyId: DEFAULT_ACCOUNT.ak, secretAccessKey: 'WrongSecretKey000000000000000000000000000', projectId: DEFAULT_ACCOUNT.projectId, region: 'cn-north-4', endpoint: emu.url },
		});
		expect(error.message).toMatch(/^Get batch task .* failed: IOTDA.000002/);
		expect(JSON.stringify({ m: error.message, d: (error as NodeApiError).description })).not.toContain('WrongSecretKey');
	});
});

describe('continueOnFail', () => {
	it('keeps going per item: an unknown task gives an error item, the others their results', async () => {
		const [done] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets: ghosts(2) });
		const items = itemsWith([{ id: UNKNOWN }, { id: done }, { id: 'bad id' }]);
		const out = await runOn(emu, {
			items,
			continueOnFail: true,
			parameters: { resource: 'batchTask', operation: 'retry', taskId: (i: number) => locator(items[i].json.id as string) },
		});
		const errors = out.filter((o) => o.json.error);
		expect(errors.map((o) => o.pairedItem)).toEqual([{ item: 2 }, { item: 0 }]);
		expect(String(errors[1].json.error)).toContain(`Batch task ${UNKNOWN} does not exist`);
		expect(out.filter((o) => o.json.status === 'success').map((o) => [o.json.target, o.pairedItem])).toEqual([
			['ghost-00001', [{ item: 1 }]],
			['ghost-00002', [{ item: 1 }]],
		]);
	});

	it('a Delete refusal becomes an error item for that item only', async () => {
		const running = await createUpgrade(emu, 'running', devices(1));
		const [finished] = emu.seedFinishedTasks(1, { taskType: 'freezeDevices', targets: ghosts(1) });
		const items = itemsWith([{ id: running }, { id: finished }]);
		const out = await runOn(emu, {
			items,
			continueOnFail: true,
			parameters: { resource: 'batchTask', operation: 'delete', taskId: (i: number) => locator(items[i].json.id as string) },
		});
		expect(out[0]).toMatchObject({ pairedItem: { item: 0 } });
		expect(String(out[0].json.error)).toContain(`Cannot delete batch task ${running}`);
		expect(out[1].json).toMatchObject({ task_id: finished, deleted: true });
	});
});

describe('a failure in the middle of chunked calls', () => {
	/** Makes the n-th POST .../retry fail with a 400 (not retried), whatever came before. */
	function failNthRetry(n: number) {
		const take = emu.faults.take.bind(emu.faults);
		let seen = 0;
		emu.faults.take = (method: string, path: string) =>
			method === 'POST' && path.endsWith('/retry') && ++seen === n
				? { kind: 'status', status: 400, errorCode: 'IOTDA.000006', errorMsg: 'Injected failure', id: 0, remaining: 0, hits: 1 }
				: take(method, path);
		return () => {
			emu.faults.take = take;
		};
	}

	it('reports how far it got, and with continueOnFail gives each unsent device an error item', async () => {
		const targets = ghosts(250);
		const [taskId] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		const parameters = { resource: 'batchTask', operation: 'retry', taskId: locator(taskId), devices: 'listed', deviceIds: targets };
		let restore = failNthRetry(2);
		try {
			const error = await failure({ parameters });
			expect(error.message).toBe(`Retry batch task ${taskId} (call 2 of 3) failed: IOTDA.000006 – Injected failure (after 1 of 3 calls succeeded)`);
		} finally {
			restore();
		}
		emu.reset();
		const [again] = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		restore = failNthRetry(2);
		try {
			const out = await runOn(emu, { continueOnFail: true, parameters: { ...parameters, taskId: locator(again) } });
			expect(out).toHaveLength(250);
			expect(out.slice(0, 100).every((o) => o.json.status === 'success')).toBe(true);
			// Failure items keep the device under `details`, where n8n's error output keeps it (issue #14, item 2).
			const device = (o: (typeof out)[number]) => (o.json.details ?? o.json) as Record<string, unknown>;
			expect(out.slice(100).every((o) => device(o).status === 'failure' && String(o.json.error).includes('Injected failure'))).toBe(true);
			expect(out.map((o) => device(o).target)).toEqual(targets);
			expect(calls(emu, 'POST', /\/retry$/)).toHaveLength(2);
		} finally {
			restore();
		}
	});
});
