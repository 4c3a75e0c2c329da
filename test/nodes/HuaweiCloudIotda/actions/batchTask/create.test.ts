/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Batch Task → Create through n8n's engine: Dry Run outputs exactly the bodies that would be sent; against
 * the emulator (credential's real authenticate, n8n-core's HTTP) the stored body equals what the
 * CreateBatchTask page specifies and big inputs split into exactly the right tasks; a plain
 * `{{ $json.field }}` is read from the item without n8n evaluating it; Continue On Fail and "Continue (using
 * error output)" route bad items the way n8n does.
 */
import { Expression, type IDataObject, type IHttpRequestOptions } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, INSTANCE_ACCOUNT, TEMPORARY_ACCOUNT } from '../../../../emulator';
import { createCases } from '../../../../fixtures/createCases';
import { useEmulator } from '../../../../fixtures/emulator';
import { execute, itemsWith, runNode, NODE_NAME } from '../../../../helpers/engine';
import { errorItemsOf, errorMessage } from '../../../../helpers/errorItem';

const offline = {
	accessKeyId: 'AK',
	secretAccessKey: 'SK',
	projectId: 'p1',
	region: 'cn-north-4',
	endpoint: 'http://127.0.0.1:9',
};
const refs = {
	packageId: 'pkg-fw-1',
	softwarePackageId: 'pkg-sw-1',
	fileId: 'file-1',
	groupId: 'group-1',
	appId: 'app_1',
};
const create = { resource: 'batchTask', operation: 'create' };

describe('Create: Dry Run', () => {
	it.each(createCases(refs).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const sent: IHttpRequestOptions[] = [];
		const out = await runNode({
			parameters: { ...c.parameters, options: { dryRun: true } },
			credentials: offline,
			sent,
		});
		expect(sent).toHaveLength(0);
		expect(out).toHaveLength(1);
		expect(out[0].json.body).toEqual(c.expected);
		expect(out[0].json).toMatchObject({
			dry_run: true,
			method: 'POST',
			path: '/v5/iot/{project_id}/batchtasks',
		});
	});

	it('aggregates ids of every item: trimmed, duplicates dropped, order kept', async () => {
		const items = itemsWith([
			{ d: ' dev-b ' },
			{ d: 'dev-a;dev-b' },
			{ d: ['dev-c', 'dev-a'] },
			{ d: 'dev-d\ndev-e' },
		]);
		const out = await runNode({
			parameters: {
				...create,
				taskType: 'deleteDevices',
				taskName: 'agg',
				deviceIds: '={{ $json.d }}',
				options: { dryRun: true },
			},
			items,
			credentials: offline,
		});
		expect(out).toHaveLength(1);
		expect((out[0].json.body as { targets: string[] }).targets).toEqual([
			'dev-b',
			'dev-a',
			'dev-c',
			'dev-d',
			'dev-e',
		]);
		expect(out[0].pairedItem).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});

	it('splits 65,000 ids into consecutive tasks _1.._3 and pairs each with the items that fed it', async () => {
		const items = itemsWith(Array.from({ length: 65000 }, (_, i) => ({ id: `dev-${i}` })));
		const out = await runNode({
			parameters: {
				...create,
				taskType: 'freezeDevices',
				taskName: 'big',
				deviceIds: '={{ $json.id }}',
				options: { dryRun: true },
			},
			items,
			credentials: offline,
		});
		const bodies = out.map((o) => o.json.body as { task_name: string; targets: string[] });
		expect(bodies.map((b) => [b.task_name, b.targets.length])).toEqual([
			['big_1', 30000],
			['big_2', 30000],
			['big_3', 5000],
		]);
		expect(bodies[1].targets[0]).toBe('dev-30000');
		expect((out[2].pairedItem as Array<{ item: number }>).map((p) => p.item)).toEqual(
			Array.from({ length: 5000 }, (_, i) => 60000 + i),
		);
	});
});

describe('Create: a plain {{ $json.field }} is read from the item, not evaluated', () => {
	const items = itemsWith([
		{ device_id: 'dev-a', n: 1 },
		{ device_id: 'dev-b, dev-c', n: 2 },
		{ device_id: ['dev-d'], n: 3 },
		{ device_id: 'dev-a', n: 4 },
	]);
	const parameters = {
		...create,
		taskType: 'freezeDevices',
		taskName: '={{ "fast_" + $json.n }}',
		batchMode: 'perItem',
		options: { dryRun: true },
	};
	afterEach(() => jest.restoreAllMocks());

	it('gives exactly what n8n evaluating the expression gives, and n8n never evaluates it', async () => {
		// `($json.device_id)` is not the plain form, so n8n evaluates it: the reference result.
		const evaluated = await runNode({
			parameters: { ...parameters, deviceIds: '={{ ($json.device_id) }}' },
			items,
			credentials: offline,
		});
		const resolved = jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue');
		const direct = await runNode({
			parameters: { ...parameters, deviceIds: '={{ $json.device_id }}' },
			items,
			credentials: offline,
		});
		const asked = resolved.mock.calls.map((c) => c[0]);
		expect(asked).toContain('={{ "fast_" + $json.n }}'); // the spy sees what n8n evaluates…
		expect(asked).not.toContain('={{ $json.device_id }}'); // …and the plain field was never among it
		expect(direct).toEqual(evaluated);
		expect(direct.map((o) => (o.json.body as { targets: string[] }).targets)).toEqual([
			['dev-a'],
			['dev-b', 'dev-c'],
			['dev-d'],
			['dev-a'],
		]);
	});

	it('reports a bad value with the same field and item as n8n-evaluated input would', async () => {
		const bad = itemsWith([
			{ device_id: 'dev-a', n: 1 },
			{ device_id: 'dev#b', n: 2 },
		]);
		const error = await runNode({
			parameters: { ...parameters, deviceIds: '={{ $json.device_id }}' },
			items: bad,
			credentials: offline,
		}).catch((e: Error) => e);
		expect((error as Error).message).toBe(
			'Device IDs may contain only letters, digits, hyphens and underscores: "dev#b" [item 1]',
		);
	});
});

describe('Create: n8n routes the errors', () => {
	const base = {
		...create,
		taskType: 'freezeDevices',
		taskName: 'freeze_1',
		options: { dryRun: true },
	};

	it('Continue On Fail: an error item for each bad input, the task built from the others', async () => {
		const items = itemsWith([{ id: 'dev-1' }, { id: 'bad id!' }, { id: 'dev-3' }, { id: '' }]);
		const out = await runNode({
			parameters: { ...base, deviceIds: '={{ [$json.id] }}' },
			items,
			credentials: offline,
			continueOnFail: true,
		});
		const errors = errorItemsOf(out);
		expect(errors.map((e) => e.pairedItem)).toEqual([[{ item: 1 }], [{ item: 3 }]]);
		expect(errorMessage(errors[0])).toContain('[item 1]');
		const tasks = out.filter((o) => o.json.dry_run);
		expect(tasks).toHaveLength(1);
		expect((tasks[0].json.body as { targets: string[] }).targets).toEqual(['dev-1', 'dev-3']);
		expect(tasks[0].pairedItem).toEqual([{ item: 0 }, { item: 2 }]);
	});

	it('Continue On Fail, one task per item: a bad item yields an error item, the good ones their tasks', async () => {
		const items = itemsWith([{ name: 'ok_1' }, { name: 'not-ok' }, { name: 'ok_3' }]);
		const out = await runNode({
			parameters: {
				...base,
				batchMode: 'perItem',
				taskName: '={{ $json.name }}',
				deviceIds: 'dev-001',
			},
			items,
			credentials: offline,
			continueOnFail: true,
		});
		expect(
			out.map((o) => (o.json.dry_run ? (o.json.body as { task_name: string }).task_name : 'error')),
		).toEqual(['ok_1', 'error', 'ok_3']);
		expect(errorMessage(out[1])).toMatch(/^Task Name may contain only .*"not-ok" \[item 1\]$/);
		expect(out.map((o) => o.pairedItem)).toEqual([[{ item: 0 }], [{ item: 1 }], [{ item: 2 }]]);
	});

	it('"Continue (using error output)": the bad item lands on n8n\'s error output, merged with its input item', async () => {
		const items = itemsWith([{ name: 'ok_1' }, { name: 'not-ok' }, { name: 'ok_3' }]);
		const { outputs, error, run } = await execute({
			parameters: {
				...base,
				batchMode: 'perItem',
				taskName: '={{ $json.name }}',
				deviceIds: 'dev-001',
			},
			items,
			credentials: offline,
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		expect(run.data.resultData.runData[NODE_NAME][0].data!.main).toHaveLength(2);
		const [success, failed] = outputs;
		expect(success.map((o) => (o.json.body as IDataObject).task_name)).toEqual(['ok_1', 'ok_3']);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toEqual({
			name: 'not-ok',
			error: {
				message: expect.stringMatching(/^Task Name may contain only .*"not-ok" \[item 1\]$/),
				description:
					'Field "Task Name" of input item 1: may contain only Chinese characters, letters, digits and underscores. Nothing was sent to IoTDA for this item.',
			},
		});
		expect(failed[0].pairedItem).toEqual([{ item: 1 }]);
	});

	it('an expression error in a parameter fails the node the way n8n reports it, naming the parameter and item', async () => {
		const items = itemsWith([{ id: 'dev-1' }, { id: 'dev-2' }]);
		const { error, run, outputs } = await execute({
			parameters: { ...base, deviceIds: '={{ $("No Such Node").item.json.id }}' },
			items,
			credentials: offline,
		});
		// n8n's ExpressionError reaches the run data with its message and context (which the editor turns into
		// "Cannot find node …"); the node re-throws it as a NodeOperationError for the item, keeping both.
		expect(error).toMatchObject({
			message: "Referenced node doesn't exist",
			context: {
				itemIndex: 0,
				parameter: 'deviceIds',
				nodeCause: 'No Such Node',
				descriptionKey: 'nodeNotFound',
			},
		});
		expect(run.data.resultData.error).toMatchObject({ message: "Referenced node doesn't exist" });
		expect(run.data.resultData.lastNodeExecuted).toBe(NODE_NAME);
		expect(run.status).toBe('error');
		expect(outputs).toEqual([]);
	});
});

describe('Create against the emulator', () => {
	const fixture = useEmulator({ seed: 7 });
	const BODY_FIELDS = [
		'targets',
		'targets_filter',
		'document',
		'document_source',
		'task_policy',
		'task_mode',
		'task_ext_info',
		'need_confirm',
	];
	const uploadFile = () =>
		fixture.emu.state().files.push({
			file_id: 'file-0001',
			file_name: 'BatchCreateDevices.xlsx',
			upload_time: '20260101T000000Z',
			rows: ['dev-9001', 'dev-9002'],
		});

	it('stores exactly the body the seed page specifies, for every task type', async () => {
		const emulator = fixture.emu;
		const catalog = emulator.state().catalog;
		const fw = catalog.packages.find((p) => p.package_type === 'firmwarePackage')!;
		const sw = catalog.packages.find((p) => p.package_type === 'softwarePackage')!;
		const ids = {
			packageId: fw.package_id,
			softwarePackageId: sw.package_id,
			fileId: 'file-0001',
			groupId: catalog.groups[0].group_id,
			appId: catalog.defaultAppId,
		};
		for (const c of createCases(ids)) {
			emulator.reset();
			uploadFile();
			const out = await fixture.run({ parameters: c.parameters });
			expect(out).toHaveLength(1);
			const stored = emulator.state().tasks;
			expect(stored).toHaveLength(1);
			const view = stored[0].view as IDataObject;
			for (const [key, value] of Object.entries(c.expected))
				expect([c.name, key, view[key]]).toEqual([c.name, key, value]);
			for (const key of BODY_FIELDS)
				if (!(key in c.expected))
					expect([c.name, key, view[key]]).toEqual([c.name, key, undefined]);
			expect(out[0].json.task_id).toBe(stored[0].id);
		}
	});

	it('100,000 items with one id each become exactly 4 tasks of 30,000/30,000/30,000/10,000', async () => {
		const emulator = fixture.emu;
		const items = itemsWith(
			Array.from({ length: 100000 }, (_, i) => ({
				device_id: `dev-${String(i).padStart(6, '0')}`,
			})),
		);
		const out = await fixture.run({
			parameters: {
				...create,
				taskType: 'freezeDevices',
				taskName: 'freeze_all',
				deviceIds: '={{ $json.device_id }}',
			},
			items,
		});
		expect(fixture.calls('POST', /./)).toHaveLength(4);
		const stored = emulator.state().tasks;
		expect(stored.map((t) => [t.name, t.subTargets.length])).toEqual([
			['freeze_all_1', 30000],
			['freeze_all_2', 30000],
			['freeze_all_3', 30000],
			['freeze_all_4', 10000],
		]);
		const all = stored.flatMap((t) => t.subTargets);
		expect(new Set(all).size).toBe(100000);
		expect(all).toEqual(items.map((i) => i.json.device_id));
		const covered = out.flatMap((o) =>
			(o.pairedItem as Array<{ item: number }>).map((p) => p.item),
		);
		expect(covered).toEqual(items.map((_, i) => i));
		expect(out.map((o) => o.json.device_count)).toEqual([30000, 30000, 30000, 10000]);
	});

	it('Dry Run sends nothing: the emulator log stays empty', async () => {
		const out = await fixture.run({
			parameters: {
				...create,
				taskType: 'freezeDevices',
				taskName: 'dry',
				deviceIds: 'dev-0001',
				options: { dryRun: true },
			},
		});
		expect(out[0].json.dry_run).toBe(true);
		expect(fixture.emu.log).toHaveLength(0);
		expect(fixture.emu.tasks()).toHaveLength(0);
	});

	it.each([
		['basic signing with a security token', TEMPORARY_ACCOUNT, 'auto'],
		['derived signing with Instance-Id', INSTANCE_ACCOUNT, 'derived'],
		['basic signing with Instance-Id', INSTANCE_ACCOUNT, 'basic'],
	] as const)('is accepted with %s', async (_name, account, signingMode) => {
		const out = await fixture.run({
			parameters: {
				...create,
				taskType: 'freezeDevices',
				taskName: 'signed',
				deviceIds: 'dev-0001',
			},
			account,
			credentials: { signingMode },
		});
		expect(out[0].json.task_name).toBe('signed');
		expect(fixture.emu.tasks(account.ak)).toHaveLength(1);
	});

	it('a wrong secret key is rejected with a readable error that contains no secret', async () => {
		const error = await fixture
			.run({
				parameters: {
					...create,
					taskType: 'freezeDevices',
					taskName: 'bad_sk',
					deviceIds: 'dev-0001',
				},
				credentials: { secretAccessKey: 'WrongSecretKeyWrongSecretKey0000000000' },
			})
			.catch((e: Error & { description?: string }) => e);
		expect(error).toMatchObject({ name: 'NodeApiError' });
		const text = `${(error as Error).message} ${(error as { description?: string }).description ?? ''}`;
		expect(text).toMatch(/^Create batch task "bad_sk" failed: .*401|signature/i);
		expect(text).toMatch(/check the Access Key ID, Secret Access Key/);
		expect(text).not.toContain('WrongSecretKey');
		expect(text).not.toContain(DEFAULT_ACCOUNT.ak);
		expect(fixture.emu.tasks()).toHaveLength(0);
	});
});
