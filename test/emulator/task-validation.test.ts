/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// CreateBatchTask validation (iotda-api.md §7): each rule gives 400 IOTDA.000006 naming the field.
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '.';
import { formatIotdaTime } from './time-format';
import { call } from './sdk-test-client';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 3 });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.reset();
	emu.config.maxUnfinishedPerSpace = 10;
});

const create = (json: unknown) =>
	call(emu.url, { account: DEFAULT_ACCOUNT, method: 'POST', path: '/batchtasks', json });
const catalog = () => emu.state().catalog;
const firmwareId = () =>
	catalog().packages.find((p) => p.package_type === 'firmwarePackage')!.package_id;
const softwareId = () =>
	catalog().packages.find((p) => p.package_type === 'softwarePackage')!.package_id;
const base = { task_name: 'valid_name', task_type: 'freezeDevices', targets: ['dev-0001'] };
const fw = () => ({
	task_name: 'fw',
	task_type: 'firmwareUpgrade',
	targets: ['dev-0001'],
	document: { package_ids: [firmwareId()] },
});
const inMinutes = (m: number) => formatIotdaTime(emu.clock.now() + m * 60_000);

type Case = [string, () => Record<string, unknown>, RegExp];
const omit = (o: Record<string, unknown>, k: string) => {
	const c = { ...o };
	delete c[k];
	return c;
};

const cases: Case[] = [
	['task_name missing', () => omit(base, 'task_name'), /task_name is required/],
	['task_name too long', () => ({ ...base, task_name: 'a'.repeat(129) }), /task_name must be/],
	['task_name with a space', () => ({ ...base, task_name: 'bad name' }), /task_name must be/],
	['task_name with a dash', () => ({ ...base, task_name: 'bad-name' }), /task_name must be/],
	['task_type missing', () => omit(base, 'task_type'), /task_type is required/],
	[
		'task_type unknown',
		() => ({ ...base, task_type: 'rebootDevices' }),
		/task_type must be one of/,
	],
	['app_id malformed', () => ({ ...base, app_id: 'bad app!' }), /app_id must match/],
	['app_id too long', () => ({ ...base, app_id: 'a'.repeat(37) }), /app_id must match/],
	[
		'app_id unknown',
		() => ({ ...base, app_id: 'no_such_app' }),
		/app_id no_such_app does not exist/,
	],
	['targets not an array', () => ({ ...base, targets: 'dev-0001' }), /targets must be an array/],
	[
		'targets over 30000',
		() => ({ ...base, targets: Array.from({ length: 30_001 }, (_, i) => `d${i}`) }),
		/targets must have at most 30000/,
	],
	[
		'target with a bad character',
		() => ({ ...base, targets: ['dev-0001', 'dev 2'] }),
		/targets\[1\] must match/,
	],
	['target too long', () => ({ ...base, targets: ['d'.repeat(129)] }), /targets\[0\] must match/],
	[
		'targets_filter with another key',
		() => ({ ...omit(base, 'targets'), targets_filter: { tags: ['x'] } }),
		/targets_filter only supports the key group_ids/,
	],
	[
		'targets_filter.group_ids not an array',
		() => ({ ...omit(base, 'targets'), targets_filter: { group_ids: 'g' } }),
		/targets_filter.group_ids must be/,
	],
	[
		'document_source not uploaded',
		() => ({ ...omit(base, 'targets'), document_source: 'no-such-file' }),
		/document_source no-such-file is not an uploaded/,
	],
	[
		'createDevices without document_source',
		() => ({ task_name: 'c', task_type: 'createDevices' }),
		/document_source is required for createDevices/,
	],
	[
		'updateDevices with targets',
		() => ({ task_name: 'c', task_type: 'updateDevices', targets: ['dev-0001'] }),
		/targets is not supported for updateDevices/,
	],
	[
		'no target source at all',
		() => omit(base, 'targets'),
		/one of targets, targets_filter or document_source is required/,
	],
	[
		'task_mode on a non-upgrade type',
		() => ({ ...base, task_mode: 'GATEWAY' }),
		/task_mode is only allowed/,
	],
	[
		'task_mode other than GATEWAY',
		() => ({ ...fw(), task_mode: 'DIRECT' }),
		/task_mode must be GATEWAY/,
	],
	[
		'task_ext_info on a non-upgrade type',
		() => ({ ...base, task_ext_info: { a: 1 } }),
		/task_ext_info is only allowed/,
	],
	[
		'task_ext_info over 512 characters',
		() => ({ ...fw(), task_ext_info: { note: 'x'.repeat(520) } }),
		/task_ext_info must be at most 512/,
	],
	[
		'task_ext_info not an object',
		() => ({ ...fw(), task_ext_info: 'text' }),
		/task_ext_info must be a JSON object/,
	],
	[
		'need_confirm on a non-upgrade type',
		() => ({ ...base, need_confirm: true }),
		/need_confirm is only allowed/,
	],
	[
		'schedule_time malformed',
		() => ({ ...base, task_policy: { schedule_time: '2030-01-01T00:00:00Z' } }),
		/task_policy.schedule_time must have the format/,
	],
	[
		'schedule_time in the past',
		() => ({ ...base, task_policy: { schedule_time: inMinutes(-5) } }),
		/task_policy.schedule_time must be in the future/,
	],
	[
		'schedule_time over 7 days ahead',
		() => ({ ...base, task_policy: { schedule_time: inMinutes(7 * 24 * 60 + 5) } }),
		/within 7 days/,
	],
	[
		'retry_count without retry_interval',
		() => ({ ...base, task_policy: { retry_count: 2 } }),
		/task_policy.retry_interval is required/,
	],
	[
		'retry_interval without retry_count',
		() => ({ ...base, task_policy: { retry_interval: 10 } }),
		/task_policy.retry_count is required/,
	],
	[
		'retry_count over 5',
		() => ({ ...base, task_policy: { retry_count: 6, retry_interval: 10 } }),
		/task_policy.retry_count must be/,
	],
	[
		'retry_interval over 1440',
		() => ({ ...base, task_policy: { retry_count: 1, retry_interval: 1441 } }),
		/task_policy.retry_interval must be/,
	],
	[
		'upgrade without document.package_ids',
		() => ({ ...fw(), document: {} }),
		/document.package_ids is required for firmwareUpgrade/,
	],
	[
		'upgrade with an empty package_ids',
		() => ({ ...fw(), document: { package_ids: [] } }),
		/document.package_ids is required/,
	],
	[
		'upgrade with the legacy package_id (current generation)',
		() => ({ ...fw(), document: { package_id: firmwareId() } }),
		/document.package_id is not supported: use document.package_ids/,
	],
	[
		'upgrade with package_ids and package_id',
		() => ({ ...fw(), document: { package_ids: [firmwareId()], package_id: firmwareId() } }),
		/document.package_id is not supported/,
	],
	[
		'upgrade with a package id that is not a string',
		() => ({ ...fw(), document: { package_ids: [42] } }),
		/document.package_ids is required/,
	],
	[
		'upgrade with an unknown package',
		() => ({ ...fw(), document: { package_ids: ['ffffffffffffffffffffffff'] } }),
		/package ffffffffffffffffffffffff does not exist/,
	],
	[
		'softwareUpgrade with a firmware package',
		() => ({ ...fw(), task_type: 'softwareUpgrade' }),
		/needs a softwarePackage/,
	],
	[
		'createCommands without paras',
		() => ({
			...base,
			task_type: 'createCommands',
			document: { service_id: 'Switch', command_name: 'ON_OFF' },
		}),
		/document.paras is required/,
	],
	[
		'createCommands service_id too long',
		() => ({
			...base,
			task_type: 'createCommands',
			document: { service_id: 's'.repeat(65), paras: {} },
		}),
		/document.service_id/,
	],
	[
		'createAsyncCommands without send_strategy',
		() => ({ ...base, task_type: 'createAsyncCommands', document: { paras: {} } }),
		/document.send_strategy is required/,
	],
	[
		'createAsyncCommands expire_time out of range',
		() => ({
			...base,
			task_type: 'createAsyncCommands',
			document: { paras: {}, send_strategy: 'delay', expire_time: 172_801 },
		}),
		/document.expire_time must be/,
	],
	[
		'createMessages negative ttl',
		() => ({ ...base, task_type: 'createMessages', document: { message: 'hi', ttl: -5 } }),
		/document.ttl/,
	],
	[
		'createMessages ttl over a day',
		() => ({ ...base, task_type: 'createMessages', document: { message: 'hi', ttl: 1445 } }),
		/document.ttl/,
	],
	[
		'updateDeviceShadows with a repeated service_id',
		() => ({
			...base,
			task_type: 'updateDeviceShadows',
			document: {
				shadow: [
					{ service_id: 'A', desired: { a: 1 } },
					{ service_id: 'A', desired: { b: 2 } },
				],
			},
		}),
		/document.shadow\[1\].service_id A is repeated/,
	],
	[
		'createAsyncCommands bad send_strategy',
		() => ({
			...base,
			task_type: 'createAsyncCommands',
			document: { paras: {}, send_strategy: 'later' },
		}),
		/document.send_strategy/,
	],
	[
		'createMessages without message',
		() => ({ ...base, task_type: 'createMessages', document: { name: 'm' } }),
		/document.message is required/,
	],
	[
		'createMessages with topic and topic_full_name',
		() => ({
			...base,
			task_type: 'createMessages',
			document: { message: 'hi', topic: 'a', topic_full_name: '/b' },
		}),
		/mutually exclusive/,
	],
	[
		'createMessages bad ttl',
		() => ({ ...base, task_type: 'createMessages', document: { message: 'hi', ttl: 7 } }),
		/document.ttl/,
	],
	[
		'updateDeviceShadows without shadow',
		() => ({ ...base, task_type: 'updateDeviceShadows', document: {} }),
		/document.shadow is required/,
	],
	[
		'updateDeviceShadows without service_id',
		() => ({
			...base,
			task_type: 'updateDeviceShadows',
			document: { shadow: [{ desired: { a: 1 } }] },
		}),
		/document.shadow\[0\].service_id is required/,
	],
	[
		'updateDeviceShadows without desired',
		() => ({
			...base,
			task_type: 'updateDeviceShadows',
			document: { shadow: [{ service_id: 'S' }] },
		}),
		/document.shadow\[0\].desired is required/,
	],
	[
		'updateDeviceShadows with 6 service_ids',
		() => ({
			...base,
			task_type: 'updateDeviceShadows',
			document: {
				shadow: Array.from({ length: 6 }, (_, i) => ({ service_id: `S${i}`, desired: { v: 1 } })),
			},
		}),
		/at most 5 service_id values/,
	],
	[
		'updateDeviceShadows over 10K',
		() => ({
			...base,
			task_type: 'updateDeviceShadows',
			document: { shadow: [{ service_id: 'S', desired: { v: 'x'.repeat(10_300) } }] },
		}),
		/at most 10K/,
	],
	[
		'body not an object',
		() => [1, 2] as unknown as Record<string, unknown>,
		/must be a JSON object/,
	],
];

describe('CreateBatchTask validation', () => {
	it.each(cases)('%s → 400 IOTDA.000006', async (_label, body, message) => {
		const r = await create(body());
		expect(r.status).toBe(400);
		expect(r.body.error_code).toBe('IOTDA.000006');
		expect(r.body.error_msg).toMatch(message);
		expect(emu.tasks()).toHaveLength(0);
	});

	it('accepts the valid variants the rules allow', async () => {
		const ok: Array<Record<string, unknown>> = [
			base,
			{
				...fw(),
				task_mode: 'GATEWAY',
				task_ext_info: { note: 'x' },
				need_confirm: true,
				task_policy: { schedule_time: inMinutes(60), retry_count: 5, retry_interval: 1440 },
			},
			{ ...fw(), task_type: 'softwareUpgrade', document: { package_ids: [softwareId()] } },
			{
				...fw(),
				task_type: 'softwareUpgrade',
				document: { package_ids: [softwareId(), softwareId()] },
			},
			// expire_time with immediately is ignored, not refused (GO model_async_device_command_request.go).
			{
				...base,
				task_type: 'createAsyncCommands',
				document: { paras: {}, expire_time: 0, send_strategy: 'immediately' },
			},
			{
				...base,
				task_type: 'createAsyncCommands',
				document: { paras: {}, expire_time: 600, send_strategy: 'delay' },
			},
			// TTL 0 = do not cache (GO model_device_message_request.go).
			{ ...base, task_type: 'createMessages', document: { message: 'hi', ttl: 0 } },
			// Version 0 is a real shadow version (GO model_update_desired.go).
			{
				...base,
				task_type: 'updateDeviceShadows',
				document: {
					shadow: [
						{ service_id: 'A', desired: { a: 1 }, version: 0 },
						{ service_id: 'B', desired: { b: 1 } },
					],
				},
			},
			// Commands need only paras (GO model_device_command_request.go).
			{ ...base, task_type: 'createCommands', document: { paras: { raw: true } } },
			{
				...base,
				task_name: '中文任务_1',
				task_type: 'createCommands',
				document: { service_id: 'Switch', command_name: 'ON_OFF', paras: { value: 'ON' } },
			},
			{
				...base,
				task_name: 'shadow',
				task_type: 'updateDeviceShadows',
				document: { shadow: [{ service_id: 'WaterMeter', desired: { temperature: '60' } }] },
			},
			{ ...base, task_name: 'x'.repeat(128) },
		];
		emu.config.maxUnfinishedPerSpace = ok.length;
		for (const body of ok) {
			const r = await create(body);
			expect([JSON.stringify(body.document), r.status, r.body.error_msg]).toEqual([
				JSON.stringify(body.document),
				201,
				undefined,
			]);
			expect(r.body.task_id).toMatch(/^[0-9a-f]{24}$/);
		}
		expect(emu.tasks()).toHaveLength(ok.length);
	});

	it('uses targets over targets_filter over document_source', async () => {
		const group = catalog().groups.find((g) => g.name === 'BuildingSouth')!;
		const up = await call(emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'POST',
			path: '/batchtask-files',
			file: { name: 'f.xlsx', content: 'device_id\ndev-0100\ndev-0101\ndev-0102\n' },
		});
		const fileId = up.body.file_id;
		const all = await create({
			...base,
			task_name: 'all3',
			targets: ['dev-0001'],
			targets_filter: { group_ids: [group.group_id] },
			document_source: fileId,
		});
		const two = await create({
			...omit(base, 'targets'),
			task_name: 'two',
			targets_filter: { group_ids: [group.group_id] },
			document_source: fileId,
		});
		const one = await create({
			...omit(base, 'targets'),
			task_name: 'one',
			document_source: fileId,
		});
		expect(all.body.task_progress.total).toBe(1);
		expect(two.body.task_progress.total).toBe(group.device_ids.length);
		expect(one.body.task_progress.total).toBe(3);
	});

	it('file tasks get one sub-task per row and need an uploaded file', async () => {
		const up = await call(emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'POST',
			path: '/batchtask-files',
			file: { name: 'new.xls', content: 'node_id,name\nnodeA,a\nnodeB,b\n' },
		});
		expect(up.status).toBe(201);
		const r = await create({
			task_name: 'create_from_file',
			task_type: 'createDevices',
			document_source: up.body.file_id,
		});
		expect(r.status).toBe(201);
		expect(r.body.task_progress.total).toBe(2);
	});

	it('limits unfinished tasks to 10 per resource space, counted per space', async () => {
		for (let i = 0; i < 10; i++)
			expect((await create({ ...base, task_name: `open_${i}` })).status).toBe(201);
		const eleventh = await create({ ...base, task_name: 'open_10' });
		expect(eleventh.status).toBe(400);
		expect(eleventh.body.error_code).toBe('IOTDA.000006');
		expect(eleventh.body.error_msg).toMatch(/unfinished task limit .* 10/);
		const other = catalog().apps.find((a) => !a.default_app)!;
		expect(
			(
				await create({
					...base,
					task_name: 'other_space',
					app_id: other.app_id,
					targets: ['dev-0151'],
				})
			).status,
		).toBe(201);
		emu.clock.advance(60_000); // all finish
		expect((await create({ ...base, task_name: 'after_finish' })).status).toBe(201);
	});
});
