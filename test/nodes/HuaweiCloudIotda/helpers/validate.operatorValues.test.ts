/**
 * Values a real operator sends that the issues did not list (review of #13/#14/#19): blanks in optional
 * fields, numbers typed or mapped as text or as something that is no number, a hand-written upgrade
 * Document (JSON), an input item without `json`. Each is either taken as the user meant it or refused before
 * any request, naming the field and the item — never sent as NaN, never silently replaced by a default.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Emulator } from '../../../emulator';
import {
	createUpgrade,
	devices,
	fwPackage,
	locator,
	runOn,
	startQuietEmulator,
} from '../../../fixtures/emulatorRun';
import { errorMessage, isErrorItem } from '../../../helpers/errorItem';

let emu: Emulator;
beforeAll(async () => {
	emu = await startQuietEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.reset();
	emu.faults.clear();
});

const create = (parameters: IDataObject, items?: INodeExecutionData[]) =>
	runOn(emu, {
		parameters: {
			resource: 'batchTask',
			operation: 'create',
			taskType: 'firmwareUpgrade',
			taskName: 'op_values',
			packageId: fwPackage(emu),
			deviceIds: 'dev-0001',
			...parameters,
		},
		items,
		continueOnFail: true,
	});
const dryRunBody = async (parameters: IDataObject) => {
	const [out] = await create({
		...parameters,
		options: { dryRun: true, ...(parameters.options as IDataObject) },
	});
	if (isErrorItem(out)) throw new Error(errorMessage(out));
	return out.json.body as IDataObject;
};

describe('an optional field holding only blanks is treated as empty, not as "required"', () => {
	it('Service ID and Command Name of a command', async () => {
		const body = await dryRunBody({
			taskType: 'createCommands',
			serviceId: '  ',
			commandName: ' ',
			commandParameters: '{"value":"ON"}',
		});
		expect(body.document).toEqual({ paras: { value: 'ON' } });
	});

	it('App ID, Message ID, Topic and Idempotency Key', async () => {
		const body = await dryRunBody({
			taskType: 'createMessages',
			message: 'hi',
			messageOptions: { messageId: ' ', topic: '  ' },
			additionalFields: { appId: locator('   ') },
			options: { idempotencyKey: ' ' },
		});
		expect(body).toEqual({
			task_name: 'op_values',
			task_type: 'createMessages',
			document: { message: 'hi' },
			targets: ['dev-0001'],
		});
	});

	it('Staged Rollout Waves with a blank creates one plain task', async () => {
		const out = await create({ options: { rolloutWaves: ' ' } });
		expect(out.map((o) => [o.json.error, o.json.task_name])).toEqual([[undefined, 'op_values']]);
	});

	it('Get → Filters → Device ID', async () => {
		const taskId = await createUpgrade(emu, 'blank_filter', devices(2));
		const [out] = await runOn(emu, {
			parameters: {
				resource: 'batchTask',
				operation: 'get',
				taskId: locator(taskId),
				filters: { deviceId: '  ' },
			},
			continueOnFail: true,
		});
		expect([out.json.error, (out.json.task_details as unknown[]).length]).toEqual([undefined, 2]);
	});
});

describe('numbers: text that is a number is taken, anything else is refused before any request', () => {
	const run = (operation: string, parameters: IDataObject, resource = 'batchTask') =>
		runOn(emu, { parameters: { resource, operation, ...parameters }, continueOnFail: true });

	it.each([
		['get', 'Limit', { limit: 'abc' }],
		['get', 'Limit', { limit: 0 }],
		['getAll', 'Limit', { taskType: 'firmwareUpgrade', limit: -5 }],
		['getAll', 'Max Attempts', { taskType: 'firmwareUpgrade', options: { maxAttempts: 'many' } }],
		['getAll', 'Max Attempts', { taskType: 'firmwareUpgrade', options: { maxAttempts: 0 } }],
		[
			'getAll',
			'Max Retry Time (Seconds)',
			{ taskType: 'firmwareUpgrade', options: { maxRetrySeconds: 'soon' } },
		],
		['getAll', 'Timeout (Ms)', { taskType: 'firmwareUpgrade', options: { timeout: 'fast' } }],
		['getAll', 'Timeout (Ms)', { taskType: 'firmwareUpgrade', options: { timeout: 0 } }],
	])('%s with a bad %s', async (operation, field, parameters) => {
		const taskId = await createUpgrade(emu, 'numbers', devices(1));
		const before = emu.log.length;
		const [out] = await run(operation, { taskId: locator(taskId), ...parameters });
		expect(errorMessage(out)).toMatch(
			new RegExp(`^${field.replace(/[()]/g, '\\$&')} .*\\[item 0\\]$`),
		);
		expect(emu.log.length).toBe(before);
	});

	it('a Limit below 1 names the bound that matters, not "between 1 and 9007199254740991"', async () => {
		const taskId = await createUpgrade(emu, 'limit_zero', devices(1));
		const [out] = await run('get', { taskId: locator(taskId), returnAll: false, limit: 0 });
		expect(errorMessage(out)).toBe('Limit must be at least 1: "0" [item 0]');
	});

	it('Batch Task File → Get Many with Limit "abc" is refused, not an empty list', async () => {
		const [out] = await run('getAll', { limit: 'abc' }, 'batchTaskFile');
		expect(errorMessage(out)).toMatch(/^Limit .*\[item 0\]$/);
	});

	it('Limit "2", Timeout "30000" and Max Attempts "1" as text are used', async () => {
		const taskId = await createUpgrade(emu, 'numbers_text', devices(3));
		emu.faults.add({ kind: 'status', status: 500, match: { method: 'GET', path: '/batchtasks/' } });
		const [failed] = await run('get', {
			taskId: locator(taskId),
			limit: '2',
			options: { maxAttempts: '1', timeout: '30000' },
		});
		expect(errorMessage(failed)).toContain('HTTP 500');
		const [out] = await run('get', {
			taskId: locator(taskId),
			limit: '2',
			options: { maxAttempts: '1', timeout: '30000' },
		});
		expect((out.json.task_details as unknown[]).length).toBe(2);
	});

	it('Pause Between Waves that is no number is refused before the first wave', async () => {
		const out = await create({
			deviceIds: devices(2),
			options: { rolloutWaves: '50%, 100%', pauseBetweenWaves: 'later' },
		});
		expect(errorMessage(out[0])).toBe(
			'Pause Between Waves (Minutes) must be a number of at least 0: "later" [item 0]',
		);
		expect(emu.tasks()).toHaveLength(0);
	});
});

describe('Schedule Time as a spreadsheet or database writes it', () => {
	it('"yyyy-MM-dd HH:mm:ss" (a space, not T) is read in the workflow time zone', async () => {
		const { DateTime } = await import('luxon');
		const at = DateTime.utc().plus({ days: 1 }).startOf('second');
		const body = await dryRunBody({
			additionalFields: { scheduleTime: at.toFormat('yyyy-MM-dd HH:mm:ss') },
		});
		expect(body.task_policy).toEqual({ schedule_time: at.toFormat("yyyyMMdd'T'HHmmss'Z'") });
	});
});

describe('Document (JSON) for an upgrade is held to the package rules of the form', () => {
	it.each([
		['{"package_ids":"pkg-1"}', 'Document (JSON) package_ids must be a list of package IDs'],
		['{"package_ids":[]}', 'Document (JSON) package_ids must be a list of package IDs'],
		[
			'{"package_ids":["pkg_1"]}',
			'Document (JSON) package_ids may contain only letters, digits and hyphens',
		],
		[
			'{"package_id":"pkg_1"}',
			'Document (JSON) package_id may contain only letters, digits and hyphens',
		],
	])('%s is refused before any request', async (documentJson, message) => {
		const [out] = await create({ packageId: [], additionalFields: { documentJson } });
		expect(errorMessage(out)).toMatch(
			new RegExp(`^${message.replace(/[()]/g, '\\$&')}: .*\\[item 0\\]$`),
		);
		expect(emu.log).toHaveLength(0);
	});

	it('a valid hand-written package_ids document is sent as written', async () => {
		const body = await dryRunBody({
			packageId: [],
			additionalFields: { documentJson: `{"package_ids":["${fwPackage(emu)}"],"custom":1}` },
		});
		expect(body.document).toEqual({ package_ids: [fwPackage(emu)], custom: 1 });
	});
});

describe('an input item without json', () => {
	it('fails on its own naming Device IDs when read by {{ $json.device_id }}; the other items still make the task', async () => {
		const items = [
			{ json: { device_id: 'dev-0001' } },
			{} as INodeExecutionData,
			{ json: { device_id: 'dev-0002' } },
		];
		const out = await runOn(emu, {
			parameters: {
				resource: 'batchTask',
				operation: 'create',
				taskType: 'firmwareUpgrade',
				taskName: 'no_json',
				packageId: fwPackage(emu),
				deviceIds: '={{ $json.device_id }}',
				options: { dryRun: true },
			},
			items,
			continueOnFail: true,
		});
		expect(
			out.map((o) => (isErrorItem(o) ? errorMessage(o) : (o.json.body as IDataObject).targets)),
		).toEqual([
			'Device IDs must contain at least one device ID: "undefined" [item 1]',
			['dev-0001', 'dev-0002'],
		]);
	});
});
