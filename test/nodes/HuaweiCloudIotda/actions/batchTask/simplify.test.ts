/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Simplify (issue #16, n8n UX guidelines): Create, Get and Get Many output the task fields people use; a task's
 * `targets` (IoTDA echoes up to 30,000 device IDs per task) reaches the output only with Simplify off.
 */
import { readFileSync } from 'fs';
import path from 'path';
import type { IDataObject } from 'n8n-workflow';

import { parseIotdaTime } from '../../../../../nodes/HuaweiCloudIotda/helpers/iotdaTime';

import type { Emulator } from '../../../../emulator';
import { nodeType } from '../../../../helpers/engine';
import { fwPackage, locator, runOn, startQuietEmulator } from '../../../../fixtures/emulatorRun';

let emu: Emulator;
beforeAll(async () => {
	emu = await startQuietEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const ids = Array.from({ length: 30_000 }, (_, i) => `dev-${String(i).padStart(5, '0')}`);
const SIMPLE_FIELDS = [
	'task_id',
	'task_name',
	'task_type',
	'status',
	'status_desc',
	'task_progress',
	'device_count',
	'create_time',
];

const create = (extra: Record<string, unknown> = {}) =>
	runOn(emu, {
		parameters: {
			resource: 'batchTask',
			operation: 'create',
			taskType: 'firmwareUpgrade',
			taskName: 'big_upgrade',
			packageId: fwPackage(emu),
			deviceIds: ids,
			...extra,
		},
	});

const size = (json: IDataObject) => Buffer.byteLength(JSON.stringify(json));

describe('Simplify', () => {
	it('is a toggle, on by default, on Create, Get and Get Many', () => {
		// One per operation (Create's form versions 1 and 2 each place it; same field).
		const toggles = [
			...new Map(
				nodeType.description.properties
					.filter((p) => p.name === 'simplify')
					.map((p) => [String(p.displayOptions?.show?.operation), p]),
			).values(),
		];
		expect(toggles.map((p) => [p.type, p.default, p.displayOptions?.show?.operation])).toEqual([
			['boolean', true, ['create']],
			['boolean', true, ['get']],
			['boolean', true, ['getAll']],
		]);
	});

	it('a 30,000-device Create outputs one small item by default, and the raw response when off', async () => {
		const [simple, ...rest] = await create();
		expect(rest).toHaveLength(0);
		expect(Object.keys(simple.json)).toEqual([
			...SIMPLE_FIELDS,
			'upgrade_document_form',
			'input_item_count',
		]);
		expect(simple.json).toMatchObject({
			task_name: 'big_upgrade',
			task_type: 'firmwareUpgrade',
			device_count: 30_000,
			input_item_count: 1,
		});
		expect(size(simple.json)).toBeLessThan(600);

		emu.reset();
		const [raw, ...more] = await create({ simplify: false });
		expect(more).toHaveLength(0);
		expect((raw.json.targets as string[]).length).toBe(30_000);
		expect(raw.json.document).toEqual({ package_ids: [fwPackage(emu)] });
		expect(raw.json.device_count).toBe(30_000);
		expect(size(raw.json)).toBeGreaterThan(30_000 * 'dev-00000'.length);
	});

	it('Get and Get Many leave the targets out by default and give the raw task when off', async () => {
		const [created] = await create();
		const taskId = String(created.json.task_id);
		const get = (simplify?: boolean) =>
			runOn(emu, {
				parameters: {
					resource: 'batchTask',
					operation: 'get',
					taskId: locator(taskId),
					limit: 2,
					...(simplify === undefined ? {} : { simplify }),
				},
			});
		const [task] = await get();
		expect(Object.keys(task.json)).toEqual([
			...SIMPLE_FIELDS,
			'task_details',
			'task_details_matching',
		]);
		expect(task.json).toMatchObject({
			task_id: taskId,
			device_count: 30_000,
			task_details_matching: 30_000,
		});
		expect(task.json.task_details).toHaveLength(2);
		const [rawTask] = await get(false);
		expect((rawTask.json.targets as string[]).length).toBe(30_000);

		const list = (simplify?: boolean) =>
			runOn(emu, {
				parameters: {
					resource: 'batchTask',
					operation: 'getAll',
					taskType: 'firmwareUpgrade',
					...(simplify === undefined ? {} : { simplify }),
				},
			});
		const tasks = await list();
		expect(tasks.map((t) => Object.keys(t.json))).toEqual([SIMPLE_FIELDS]);
		expect(size(tasks[0].json)).toBeLessThan(600);
		const rawTasks = await list(false);
		expect((rawTasks[0].json.targets as string[]).length).toBe(30_000);
	});

	it('node version 2 simplifies to ISO times and "Waiting", declared by its output schema; version 1 keeps IoTDA\'s form', async () => {
		const [created] = await create();
		const taskId = String(created.json.task_id);
		const get = (typeVersion: number, simplify = true) =>
			runOn(emu, {
				typeVersion,
				parameters: {
					resource: 'batchTask',
					operation: 'get',
					taskId: locator(taskId),
					limit: 1,
					simplify,
				},
			});
		const [v1] = await get(1);
		const [v2] = await get(2);
		expect(v1.json.create_time).toMatch(/^\d{8}T\d{6}Z$/);
		expect(v2.json.create_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
		expect(Date.parse(String(v2.json.create_time))).toBe(parseIotdaTime(v1.json.create_time));
		expect(Object.keys(v1.json.task_progress as IDataObject)).toContain('waitting');
		const progress = Object.keys(v2.json.task_progress as IDataObject);
		expect(progress).toContain('waiting');
		expect(progress).not.toContain('waitting');
		const schema = JSON.parse(
			readFileSync(
				path.join(
					__dirname,
					'../../../../../nodes/HuaweiCloudIotda/__schema__/v2.0.0/batchTask/get.json',
				),
				'utf8',
			),
		);
		expect(Object.keys(schema.properties.task_progress.properties).sort()).toEqual(
			[...progress].sort(),
		);
		// Simplify off: IoTDA's raw task in both versions.
		const [raw] = await get(2, false);
		expect(raw.json.create_time).toBe(v1.json.create_time);
		expect(Object.keys(raw.json.task_progress as IDataObject)).toContain('waitting');
	});
});
