/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Batch Task → Create through n8n's engine. Bad input, field by field: each bad value at item 1 of three gets an error naming the field, the value and
 * the item, before any request is sent; with Continue On Fail items 0 and 2 still produce their tasks.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../../../../../fixtures/emulator';
import { fileItem } from '../../../../../fixtures/files';

const fixture = useEmulator({
	seed: 9,
	afterReset: (emu) => (emu.config.maxUnfinishedPerSpace = 10000),
});

const inDays = (days: number) => new Date(Date.now() + days * 86400000).toISOString();

interface FieldCase {
	field: string;
	taskType: string;
	/** Parameter path: a top-level name, or `collection.name`. */
	param: string;
	good: unknown;
	bad: Record<string, unknown>;
	extra?: Record<string, unknown>;
	/** Where the `$json.v` expression goes when it is not the whole parameter (inside a fixed collection). */
	place?: (expression: string) => INodeParameters;
	/** Form structure, not a value: n8n has no per-item expression for it, so every item gets the bad value. */
	sameForEveryItem?: boolean;
}

const TEXT_BAD = (max: number, charset?: string): Record<string, unknown> => ({
	'wrong type (object)': { a: 1 },
	'wrong type (array of objects)': [{ a: 1 }],
	empty: '',
	'too long': 'a'.repeat(max + 1),
	...(charset ? { 'wrong charset': charset } : {}),
});

const withoutEmpty = (cases: Record<string, unknown>) =>
	Object.fromEntries(Object.entries(cases).filter(([label]) => label !== 'empty'));

function fields(): FieldCase[] {
	const fw = fixture.emu
		.state()
		.catalog.packages.find((p) => p.package_type === 'firmwarePackage')!.package_id;
	const group = fixture.emu.state().catalog.groups[0].group_id;
	const command = {
		serviceId: 'Switch',
		commandName: 'ON_OFF',
		commandParameters: '{"value":"ON"}',
	};
	return [
		{
			field: 'Task Name',
			taskType: 'freezeDevices',
			param: 'taskName',
			good: (i: number) => `task_${i}`,
			bad: { ...TEXT_BAD(128, 'with-hyphen'), 'expression resolving to an array': ['a', 'b'] },
		},
		{
			field: 'Device IDs',
			taskType: 'freezeDevices',
			param: 'deviceIds',
			good: 'dev-0001',
			bad: {
				'wrong type (object)': { id: 1 },
				'array holding an object': [{ id: 1 }],
				'no targets': ' ,; ',
				'too long': 'd'.repeat(129),
				'wrong charset': 'dev#1',
				'element with a space': ['dev 1'],
				'30,001 targets in one item': Array.from({ length: 30001 }, (_, i) => `d${i}`),
			},
		},
		{
			field: 'App ID',
			taskType: 'freezeDevices',
			param: 'additionalFields.appId',
			good: '',
			bad: {
				'too long': 'a'.repeat(37),
				'wrong charset': 'app.1',
				'wrong type (object)': { a: 1 },
			},
		},
		{
			field: 'Task File ID',
			taskType: 'createDevices',
			param: 'fileId',
			good: 'file-ok',
			bad: TEXT_BAD(128, 'a/b'),
		},
		{
			field: 'Device Group IDs',
			taskType: 'freezeDevices',
			param: 'groupIds',
			good: group,
			bad: {
				empty: '',
				'wrong charset': 'g!1',
				'too long': 'g'.repeat(37),
				'wrong type (object)': { a: 1 },
			},
			extra: { targetSource: 'groupIds' },
		},
		{
			field: 'Package IDs',
			taskType: 'firmwareUpgrade',
			param: 'packageId',
			good: fw,
			bad: TEXT_BAD(36, 'pkg_1'),
		},
		// Optional since audit row 17 (only paras is required), so empty is not bad.
		{
			field: 'Service ID',
			taskType: 'createCommands',
			param: 'serviceId',
			good: 'Switch',
			bad: withoutEmpty(TEXT_BAD(64)),
			extra: command,
		},
		{
			field: 'Command Name',
			taskType: 'createCommands',
			param: 'commandName',
			good: 'ON_OFF',
			bad: withoutEmpty(TEXT_BAD(128)),
			extra: command,
		},
		{
			field: 'Command Parameters',
			taskType: 'createCommands',
			param: 'commandParameters',
			good: '{"value":"ON"}',
			bad: {
				'invalid JSON': '{value:',
				'JSON array': '[1]',
				'JSON string': '"ON"',
				'expression resolving to an array': [1],
			},
			extra: command,
		},
		{
			field: 'Expire Time',
			taskType: 'createAsyncCommands',
			param: 'expireTime',
			good: 600,
			bad: { 'over 2 days': 172801, negative: -1, 'not a number': 'soon' },
			extra: { ...command, sendStrategy: 'delay' },
		},
		{
			field: 'Message',
			taskType: 'createMessages',
			param: 'message',
			good: 'hello',
			bad: { empty: '', 'wrong type (boolean)': true },
		},
		{
			field: 'Message ID',
			taskType: 'createMessages',
			param: 'messageOptions.messageId',
			good: 'm1',
			bad: { 'too long': 'm'.repeat(101), 'wrong charset': 'm 1' },
			extra: { message: 'hello' },
		},
		{
			field: 'TTL (Minutes)',
			taskType: 'createMessages',
			param: 'messageOptions.ttl',
			good: 60,
			bad: { 'not a multiple of 5': 7, 'over a day': 1445, 'not a number': 'x' },
			extra: { message: 'hello' },
		},
		{
			field: 'Schedule Time',
			taskType: 'freezeDevices',
			param: 'additionalFields.scheduleTime',
			good: inDays(1),
			bad: {
				'in the past': inDays(-1),
				'beyond 7 days': inDays(8),
				'not a date': 'next friday',
				'wrong type (object)': { at: 1 },
			},
		},
		{
			field: 'Retry Count',
			taskType: 'freezeDevices',
			param: 'additionalFields.retryCount',
			good: 2,
			bad: { 'over 5': 6, 'not whole': 1.5 },
			extra: { 'additionalFields.retryInterval': 10 },
		},
		{
			field: 'Retry Interval (Minutes)',
			taskType: 'freezeDevices',
			param: 'additionalFields.retryInterval',
			good: 10,
			bad: { 'over a day': 1441, 'missing (with Retry Count)': '' },
			extra: { 'additionalFields.retryCount': 2 },
		},
		{
			field: 'Task Extra Info',
			taskType: 'firmwareUpgrade',
			param: 'additionalFields.taskExtInfo',
			good: '{"a":1}',
			bad: { 'over 512 characters': JSON.stringify({ x: 'y'.repeat(600) }), 'invalid JSON': '{' },
			extra: { packageId: fw },
		},
		{
			field: 'Document (JSON)',
			taskType: 'createCommands',
			param: 'additionalFields.documentJson',
			good: '{"service_id":"Switch","command_name":"ON_OFF","paras":{}}',
			bad: { 'invalid JSON': '{"a":', 'JSON array': '[]' },
		},
		// How many services a fixed collection holds is form structure: the same for every item.
		{
			field: 'Shadow Updates',
			taskType: 'updateDeviceShadows',
			param: 'shadows',
			good: undefined,
			sameForEveryItem: true,
			bad: {
				'no services': {},
				'six services': {
					shadow: 'abcdef'.split('').map((c) => ({ serviceId: c, desired: '{"a":1}' })),
				},
			},
		},
		{
			field: 'Shadow Updates',
			taskType: 'updateDeviceShadows',
			param: 'shadows',
			good: '{"a":1}',
			place: (v) => ({ shadows: { shadow: [{ serviceId: 's', desired: v }] } }),
			bad: { 'over 10K': JSON.stringify({ x: 'y'.repeat(10300) }) },
		},
	];
}

/**
 * The node's parameters for a case, and the three input items: the parameter under test reads `$json.v`,
 * which is the bad value in item 1 and the good one in items 0 and 2 (Task Name reads `$json.name`).
 */
function runFor(
	c: FieldCase,
	badValue: unknown,
): { parameters: INodeParameters; items: INodeExecutionData[] } {
	const parameters: INodeParameters = {
		resource: 'batchTask',
		operation: 'create',
		batchMode: 'perItem',
		taskType: c.taskType,
		deviceIds: 'dev-0001',
		taskName: '={{ $json.name }}',
	};
	const put = (path: string, value: unknown) => {
		const [head, tail] = path.split('.');
		if (tail)
			parameters[head] = {
				...(parameters[head] as INodeParameters | undefined),
				[tail]: value as string,
			};
		else parameters[head] = value as string;
	};
	if (c.taskType === 'createDevices') put('fileId', 'file-ok');
	for (const [path, value] of Object.entries(c.extra ?? {})) put(path, value);
	if (c.sameForEveryItem) put(c.param, badValue);
	else if (c.place) Object.assign(parameters, c.place('={{ $json.v }}'));
	else put(c.param, '={{ $json.v }}');
	const good = (i: number) =>
		typeof c.good === 'function' ? (c.good as (n: number) => unknown)(i) : c.good;
	const items = [0, 1, 2].map((i) => ({
		json: { name: `task_${i}`, v: (i === 1 ? badValue : good(i)) as IDataObject },
	}));
	return { parameters, items };
}

const counts = { tried: 0 };
afterAll(() => console.log(`bad inputs tried: ${counts.tried}, requests sent for them: 0`));

describe('bad input', () => {
	it('every bad value is refused before sending, naming field, value and item; Continue On Fail keeps the rest', async () => {
		for (const c of fields()) {
			for (const [variant, bad] of Object.entries(c.bad)) {
				fixture.emu.reset();
				fixture.emu.state().files.push({
					file_id: 'file-ok',
					file_name: 'f.xlsx',
					upload_time: '20260101T000000Z',
					rows: ['dev-0001'],
				});
				const label = `${c.field}: ${variant}`;
				counts.tried++;
				const { parameters, items } = runFor(c, bad);
				const error = await fixture.run({ parameters, items }).then(
					() => undefined,
					(e: Error) => e,
				);
				const failing = c.sameForEveryItem ? 0 : 1;
				expect([
					label,
					error?.message.startsWith(c.field) && error.message.endsWith(`[item ${failing}]`),
				]).toEqual([label, true]);
				// Per-item mode creates in order: exactly the tasks of the valid items before the failing one went out.
				expect([label, fixture.emu.tasks().map((t) => t.task_name)]).toEqual([
					label,
					failing === 1 ? ['task_0'] : [],
				]);

				fixture.emu.reset();
				fixture.emu.state().files.push({
					file_id: 'file-ok',
					file_name: 'f.xlsx',
					upload_time: '20260101T000000Z',
					rows: ['dev-0001'],
				});
				const out = await fixture.run({ parameters, items, continueOnFail: true });
				const expected = c.sameForEveryItem
					? ['error', 'error', 'error']
					: ['task_0', 'error', 'task_2'];
				expect([label, out.map((o) => (o.json.error ? 'error' : o.json.task_name))]).toEqual([
					label,
					expected,
				]);
				expect([label, fixture.emu.log.filter((e) => e.method === 'POST').length]).toEqual([
					label,
					expected.filter((e) => e !== 'error').length,
				]);
			}
		}
		expect(counts.tried).toBeGreaterThan(60);
	});

	it('a missing binary property and a .csv are refused before sending', async () => {
		const noBinary = await fixture
			.run({ parameters: { resource: 'batchTaskFile', operation: 'upload' } })
			.catch((e: Error) => e);
		expect((noBinary as Error).message).toMatch(/binary file 'data'.*\[item 0\]/);
		const csv = fileItem('devices.csv', Buffer.from('a,b'));
		const wrongType = await fixture
			.run({ parameters: { resource: 'batchTaskFile', operation: 'upload' }, items: [csv] })
			.catch((e: Error) => e);
		expect((wrongType as Error).message).toMatch(
			/^File must be an Excel file .*"devices\.csv" \[item 0\]$/,
		);
		counts.tried += 2;
		expect(fixture.emu.log).toHaveLength(0);
	});
});
