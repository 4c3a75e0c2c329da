/** Batch Task → Retry through n8n's engine against the emulator: chunking, one item per device, pairing, errors. */
import { Expression } from 'n8n-workflow';

import { ghosts, locator, useEmulator } from '../../../../fixtures/emulator';
import { itemsWith } from '../../../../helpers/engine';
import {
	errorContext,
	errorItemsOf,
	errorMessage,
	isErrorItem,
} from '../../../../helpers/errorItem';

const fixture = useEmulator({ seed: 11 });
const UNKNOWN = 'ffffffffffffffffffff0042';
const retry = { resource: 'batchTask', operation: 'retry' };

describe('Batch Task → Retry', () => {
	afterEach(() => jest.restoreAllMocks());

	it('250 listed device IDs in one item: 3 calls of ≤100, 250 result items', async () => {
		const targets = ghosts(250);
		const [taskId] = fixture.emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		const out = await fixture.run({
			parameters: {
				...retry,
				taskId: locator(taskId),
				devices: 'listed',
				deviceIds: targets.join(','),
			},
		});
		expect(fixture.calls('POST', /\/retry$/)).toHaveLength(3);
		expect(out.map((o) => o.json.target)).toEqual(targets);
		expect(
			out.every(
				(o) =>
					o.json.status === 'success' && o.json.task_id === taskId && o.json.operation === 'retry',
			),
		).toBe(true);
		expect(out.every((o) => JSON.stringify(o.pairedItem) === JSON.stringify([{ item: 0 }]))).toBe(
			true,
		);
	});

	it('250 input items with one device each: combined into 3 calls, each result paired with its item', async () => {
		const targets = ghosts(250);
		const [taskId] = fixture.emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		const items = itemsWith(targets.map((target) => ({ target, task: taskId })));
		const out = await fixture.run({
			items,
			parameters: {
				...retry,
				taskId: locator('={{ $json.task }}'),
				devices: 'listed',
				deviceIds: '={{ $json.target }}',
			},
		});
		expect(fixture.calls('POST', /\/retry$/)).toHaveLength(3);
		expect(fixture.calls('GET', /\/batchtasks\//)).toHaveLength(1); // the type/status check, once per task
		expect(out).toHaveLength(250);
		out.forEach((o, i) => {
			expect(o.json.target).toBe(targets[i]);
			expect(o.pairedItem).toEqual([{ item: i }]);
		});
		expect(fixture.emu.tasks()[0].status).toBe('Processing'); // the retried sub-tasks run again
	});

	it('reads a plain {{ $json.target }} from each item without n8n evaluating it', async () => {
		const targets = ghosts(3);
		const [taskId] = fixture.emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		const items = itemsWith(targets.map((target) => ({ target, task: taskId })));
		const resolved = jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue');
		const out = await fixture.run({
			items,
			parameters: {
				...retry,
				taskId: locator('={{ $json.task }}'),
				devices: 'listed',
				deviceIds: '={{ $json.target }}',
			},
		});
		const asked = resolved.mock.calls.map((c) => c[0]);
		expect(asked).toContain('={{ $json.task }}'); // the Task ID is evaluated by n8n…
		expect(asked).not.toContain('={{ $json.target }}'); // …the plain Device IDs field is not
		expect(out.map((o) => [o.json.target, o.json.status])).toEqual(
			targets.map((t) => [t, 'success']),
		);
		expect(out.map((o) => o.pairedItem)).toEqual([[{ item: 0 }], [{ item: 1 }], [{ item: 2 }]]);
	});

	it('All Eligible Devices sends {} and reports every retried device', async () => {
		const [taskId] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'softwareUpgrade',
			targets: ghosts(3),
		});
		const out = await fixture.run({
			parameters: { ...retry, taskId: locator(taskId), devices: 'all' },
		});
		expect(fixture.calls('POST', /\/retry$/).map((c) => c.bodySize)).toEqual([2]); // "{}"
		expect(out.map((o) => [o.json.target, o.json.status])).toEqual(
			ghosts(3).map((t) => [t, 'success']),
		);
	});

	it('a listed device that is not in the task is reported per device', async () => {
		const [taskId] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'firmwareUpgrade',
			targets: ghosts(2),
		});
		const out = await fixture.run({
			parameters: {
				...retry,
				taskId: locator(taskId),
				devices: 'listed',
				deviceIds: 'ghost-00001 not-in-task',
			},
		});
		expect(out.map((o) => [o.json.target, o.json.status, o.json.error_code])).toEqual([
			['ghost-00001', 'success', undefined],
			['not-in-task', 'failure', 'IOTDA.014302'],
		]);
	});
});

describe('Retry: refusals and errors', () => {
	it('retrying a command task is refused with its type', async () => {
		const [taskId] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'createCommands',
			targets: ghosts(1),
			namePrefix: 'cmd',
		});
		const error = await fixture
			.run({ parameters: { ...retry, taskId: locator(taskId) } })
			.catch((e: Error & { description?: string }) => e);
		expect((error as Error).message).toBe(
			`Cannot retry batch task ${taskId} ("cmd_0", Sync Commands): only Firmware Upgrade or Software Upgrade tasks can be retried [item 0]`,
		);
		expect((error as { description?: string }).description).toContain('createCommands');
		expect(fixture.calls('POST', /\/retry$/)).toHaveLength(0);
	});

	it('Listed Devices without any ID is an input error', async () => {
		const [taskId] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'firmwareUpgrade',
			targets: ghosts(1),
		});
		const error = await fixture
			.run({
				parameters: { ...retry, taskId: locator(taskId), devices: 'listed', deviceIds: ' , ' },
			})
			.catch((e: Error) => e);
		expect((error as Error).message).toMatch(/^Device IDs must contain at least one device ID/);
		expect(fixture.emu.log).toHaveLength(0);
	});

	it('Continue On Fail keeps going per item: an unknown task gives an error item, the others their results', async () => {
		const [done] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'firmwareUpgrade',
			targets: ghosts(2),
		});
		const items = itemsWith([{ id: UNKNOWN }, { id: done }, { id: 'bad id' }]);
		const out = await fixture.run({
			items,
			continueOnFail: true,
			parameters: { ...retry, taskId: locator('={{ $json.id }}') },
		});
		const errors = errorItemsOf(out);
		expect(errors.map((o) => o.pairedItem)).toEqual([{ item: 2 }, { item: 0 }]);
		expect(errorMessage(errors[1])).toContain(`Batch task ${UNKNOWN} does not exist`);
		expect(
			out.filter((o) => o.json.status === 'success').map((o) => [o.json.target, o.pairedItem]),
		).toEqual([
			['ghost-00001', [{ item: 1 }]],
			['ghost-00002', [{ item: 1 }]],
		]);
	});
});

describe('Retry: a failure in the middle of chunked calls', () => {
	/** Makes the n-th POST .../retry fail with a 400 (not retried), whatever came before. */
	function failNthRetry(n: number) {
		const emu = fixture.emu;
		const take = emu.faults.take.bind(emu.faults);
		let seen = 0;
		emu.faults.take = (method: string, path: string) =>
			method === 'POST' && path.endsWith('/retry') && ++seen === n
				? {
						kind: 'status',
						status: 400,
						errorCode: 'IOTDA.000006',
						errorMsg: 'Injected failure',
						id: 0,
						remaining: 0,
						hits: 1,
					}
				: take(method, path);
		return () => {
			emu.faults.take = take;
		};
	}

	it('reports how far it got, and with Continue On Fail gives each unsent device an error item', async () => {
		const targets = ghosts(250);
		const [taskId] = fixture.emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		const parameters = {
			...retry,
			taskId: locator(taskId),
			devices: 'listed',
			deviceIds: targets.join(','),
		};
		let restore = failNthRetry(2);
		try {
			const error = await fixture.run({ parameters }).catch((e: Error) => e);
			expect((error as Error).message).toBe(
				`Retry batch task ${taskId} (call 2 of 3) failed: IOTDA.000006 – Injected failure (after 1 of 3 calls succeeded) [item 0]`,
			);
		} finally {
			restore();
		}
		fixture.emu.reset();
		const [again] = fixture.emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		restore = failNthRetry(2);
		try {
			const out = await fixture.run({
				continueOnFail: true,
				parameters: { ...parameters, taskId: locator(again) },
			});
			expect(out).toHaveLength(250);
			expect(out.slice(0, 100).every((o) => o.json.status === 'success')).toBe(true);
			// Failure items keep the device inside `error`, where n8n's error output keeps it (issue #14, item 2).
			const device = (o: (typeof out)[number]) => (isErrorItem(o) ? errorContext(o) : o.json);
			expect(
				out
					.slice(100)
					.every(
						(o) => device(o).status === 'failure' && errorMessage(o).includes('Injected failure'),
					),
			).toBe(true);
			expect(out.map((o) => device(o).target)).toEqual(targets);
			expect(fixture.calls('POST', /\/retry$/)).toHaveLength(2);
		} finally {
			restore();
		}
	});

	// Issue #14 item 2: the error items are { error: { message, …context } } only, so n8n routes them to the error output.
	it('"Continue (using error output)": the unsent devices land on n8n\'s error output', async () => {
		const targets = ghosts(250);
		const [taskId] = fixture.emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		const restore = failNthRetry(2);
		try {
			const { outputs } = await fixture.execute({
				onError: 'continueErrorOutput',
				parameters: {
					...retry,
					taskId: locator(taskId),
					devices: 'listed',
					deviceIds: targets.join(','),
				},
			});
			const [success, failed] = outputs;
			expect(success.map((o) => o.json.target)).toEqual(targets.slice(0, 100));
			expect(failed).toHaveLength(150);
			const message = `Retry batch task ${taskId} (call 2 of 3) failed: IOTDA.000006 – Injected failure (after 1 of 3 calls succeeded) [item 0]`;
			expect(failed[0]).toEqual({
				json: {
					error: {
						message,
						task_id: taskId,
						task_name: 'seeded_0',
						operation: 'retry',
						target: 'ghost-00101',
						status: 'failure',
						description: expect.stringMatching(/^X-Request-Id: \w+$/),
					},
				},
				pairedItem: [{ item: 0 }],
			});
			expect(failed.map((o) => [errorMessage(o), errorContext(o).target])).toEqual(
				targets.slice(100).map((target) => [message, target]),
			);
		} finally {
			restore();
		}
	});
});

// Issue #14 item 2 (see above): n8n's error output keeps the input item's JSON (id) next to error.
it('Retry under "Continue (using error output)": an unknown task lands on n8n\'s error output', async () => {
	const [done] = fixture.emu.seedFinishedTasks(1, {
		taskType: 'firmwareUpgrade',
		targets: ghosts(2),
	});
	const items = itemsWith([{ id: UNKNOWN }, { id: done }]);
	const { outputs } = await fixture.execute({
		items,
		onError: 'continueErrorOutput',
		parameters: { ...retry, taskId: locator('={{ $json.id }}') },
	});
	const [success, failed] = outputs;
	expect(success.map((o) => o.json.target)).toEqual(ghosts(2));
	expect(failed).toEqual([
		{
			json: {
				id: UNKNOWN,
				error: {
					message: `Retry batch task ${UNKNOWN} failed: IOTDA.014301 – Batch task ${UNKNOWN} does not exist. [item 0]`,
					task_id: UNKNOWN,
					description: expect.stringMatching(
						/^Not found: check the ID, the endpoint and the project ID\. X-Request-Id: \w+$/,
					),
				},
			},
			pairedItem: { item: 0 },
		},
	]);
});
