/**
 * Issue #13 against the emulator: what the audit (rows 1, 2, 7, 8, 13, 15–17, 30) says the node must send or
 * refuse. Refusals happen before any request (the emulator log stays empty) and name field and item; the
 * values the API allows (TTL 0, shadow version 0, commands without service, MQTT 5 properties) reach it.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../../../../emulator';
import { credentialsFor } from '../../../../../helpers/emulatorCredentials';
import { errorItemsOf, errorMessage } from '../../../../../helpers/errorItem';
import { nodeType, runNode } from '../../../../../helpers/engine';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ port: 0, seed: 9, speed: 1 });
});
afterAll(async () => emu?.close());
beforeEach(() => {
	emu.reset();
	emu.config.maxUnfinishedPerSpace = 10;
});

const run = (parameters: INodeParameters, continueOnFail = true) =>
	runNode({
		parameters: {
			resource: 'batchTask',
			operation: 'create',
			deviceIds: 'dev-0001',
			...parameters,
		},
		credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
		continueOnFail,
	});
const storedDocument = () => (emu.state().tasks[0].view as IDataObject).document as IDataObject;
const fw = () =>
	emu.state().catalog.packages.find((p) => p.package_type === 'firmwarePackage')!.package_id;

describe('refused before any request, naming field and item', () => {
	it('a shadow service listed twice (row 1)', async () => {
		const shadows = {
			shadow: [
				{ serviceId: 'WaterMeter', desired: '{"a":1}' },
				{ serviceId: 'WaterMeter', desired: '{"b":2}' },
			],
		};
		const [out] = await run({ taskType: 'updateDeviceShadows', taskName: 'shadow_dup', shadows });
		expect(errorMessage(out)).toBe(
			'Shadow Service ID appears more than once; IoTDA takes each service once per shadow update: "WaterMeter" [item 0]',
		);
		expect(emu.log).toHaveLength(0);
	});

	it('an untouched {} Document (JSON) does not replace the form: without a package the error names Package IDs (rows 2, 13)', async () => {
		const [out] = await run({
			taskType: 'firmwareUpgrade',
			taskName: 'doc_empty',
			packageId: [],
			additionalFields: { documentJson: '{}' },
		});
		expect(errorMessage(out)).toBe('Package IDs is required: "[]" [item 0]');
		expect(emu.log).toHaveLength(0);
	});

	it('Document (JSON) for a task type without a document', async () => {
		const [out] = await run({
			taskType: 'freezeDevices',
			taskName: 'doc_none',
			additionalFields: { documentJson: '{"x":1}' },
		});
		expect(errorMessage(out)).toBe(
			'Document (JSON) is not taken by freezeDevices (it has no document): "{\\"x\\":1}" [item 0]',
		);
		expect(emu.log).toHaveLength(0);
	});

	it('a Document (JSON) without the keys the request model requires (async command without send_strategy)', async () => {
		const [out] = await run({
			taskType: 'createAsyncCommands',
			taskName: 'doc_async',
			additionalFields: { documentJson: '{"paras":{}}' },
		});
		expect(errorMessage(out)).toBe(
			'Document (JSON) must contain send_strategy for createAsyncCommands: "{\\"paras\\":{}}" [item 0]',
		);
		expect(emu.log).toHaveLength(0);
	});

	it('a message name with a character outside the documented set (row 30)', async () => {
		const [out] = await run({
			taskType: 'createMessages',
			taskName: 'msg_name',
			message: 'hi',
			messageOptions: { name: 'a<b' },
		});
		expect(errorMessage(out)).toBe(
			'Message Name may contain only Chinese characters, letters, digits and _?\'#().,&%@!-: "a<b" [item 0]',
		);
		expect(emu.log).toHaveLength(0);
	});

	it('more than 20 MQTT 5 user properties', async () => {
		const property = Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
		const [out] = await run({
			taskType: 'createMessages',
			taskName: 'msg_props',
			message: 'hi',
			messageOptions: { userProperties: { property } },
		});
		expect(errorMessage(out)).toBe('User Properties may hold at most 20 properties: "21" [item 0]');
		expect(emu.log).toHaveLength(0);
	});
});

describe('what the API allows reaches the emulator', () => {
	it('an untouched {} Document (JSON) leaves the form’s upgrade document in place', async () => {
		await run(
			{
				taskType: 'firmwareUpgrade',
				taskName: 'doc_kept',
				packageId: fw(),
				additionalFields: { documentJson: '{}' },
			},
			false,
		);
		expect(storedDocument()).toEqual({ package_ids: [fw()] });
	});

	it('message TTL 0 (not cached, row 15) and MQTT 5 properties', async () => {
		const messageOptions = {
			ttl: 0,
			name: "Alarm(#1),50%&more!_?'@-",
			correlationData: 'req-0001',
			responseTopic: 'resp/topic-1',
			userProperties: { property: [{ key: 'trace_id', value: 'abc 123' }] },
		};
		await run(
			{ taskType: 'createMessages', taskName: 'msg_ttl0', message: 'hi', messageOptions },
			false,
		);
		expect(storedDocument()).toEqual({
			message: 'hi',
			name: messageOptions.name,
			ttl: 0,
			properties: {
				correlation_data: 'req-0001',
				response_topic: 'resp/topic-1',
				user_properties: [{ prop_key: 'trace_id', prop_value: 'abc 123' }],
			},
		});
	});

	it('shadow version 0 (row 16); an empty version is not sent', async () => {
		const shadows = {
			shadow: [
				{ serviceId: 'WaterMeter', desired: '{"a":1}', version: 0 },
				{ serviceId: 'Switch', desired: '{"b":2}', version: '' },
			],
		};
		await run({ taskType: 'updateDeviceShadows', taskName: 'shadow_v0', shadows }, false);
		expect(storedDocument()).toEqual({
			shadow: [
				{ service_id: 'WaterMeter', desired: { a: 1 }, version: 0 },
				{ service_id: 'Switch', desired: { b: 2 } },
			],
		});
	});

	it('commands need only paras (row 17); async commands always carry send_strategy', async () => {
		await run(
			{ taskType: 'createCommands', taskName: 'raw_cmd', commandParameters: '{"raw":"01"}' },
			false,
		);
		expect(storedDocument()).toEqual({ paras: { raw: '01' } });
		emu.reset();
		await run(
			{ taskType: 'createAsyncCommands', taskName: 'raw_async', commandParameters: '{"raw":"01"}' },
			false,
		);
		expect(storedDocument()).toEqual({ paras: { raw: '01' }, send_strategy: 'immediately' });
	});
});

describe('the form', () => {
	const documentJson = () => {
		const additional = nodeType.description.properties.find(
			(p) => p.name === 'additionalFields' && p.displayOptions?.show?.operation?.includes('create'),
		)!;
		return (
			additional.options as Array<{
				name: string;
				displayOptions?: { show?: Record<string, unknown[]> };
			}>
		).find((o) => o.name === 'documentJson')!;
	};

	it('offers Document (JSON) only for task types that take a document (row 13)', () => {
		expect([...(documentJson().displayOptions?.show?.['/taskType'] ?? [])].sort()).toEqual(
			[
				'createAsyncCommands',
				'createCommands',
				'createMessages',
				'firmwareUpgrade',
				'moduleUpgrade',
				'softwareUpgrade',
				'updateDeviceShadows',
			].sort(),
		);
	});
});

describe('throttling with 403 IOTDA.0211xx (row 8)', () => {
	it('is retried like a 429: one task, two requests', async () => {
		emu.faults.add({ kind: 'throttle', match: { method: 'POST', path: '/batchtasks' } });
		const out = await run({ taskType: 'freezeDevices', taskName: 'throttled' }, false);
		expect(emu.log.filter((e) => e.method === 'POST').map((e) => e.status)).toEqual([403, 201]);
		expect(emu.tasks()).toHaveLength(1);
		expect(out[0].json.task_id).toBe(emu.tasks()[0].task_id);
	});

	it('another 403 is final (not retried)', async () => {
		emu.faults.add({
			kind: 'status',
			status: 403,
			errorCode: 'IOTDA.000004',
			match: { method: 'POST', path: '/batchtasks' },
		});
		const [out] = await run({ taskType: 'freezeDevices', taskName: 'denied' });
		expect(emu.log.filter((e) => e.method === 'POST').map((e) => e.status)).toEqual([403]);
		expect(errorMessage(out)).toContain('IOTDA.000004');
	});
});

describe('the undocumented "10 unfinished tasks" limit (row 7)', () => {
	// 11 × 30,000 + 1: the split needs 12 tasks (330,000 devices exactly would fit in 11).
	const ids = Array.from({ length: 330001 }, (_, i) => `d-${i}`);
	const posts = () => emu.log.filter((e) => e.method === 'POST' && e.path.endsWith('/batchtasks'));

	it('a run that needs 12 tasks is not refused by the node when no maximum is set', async () => {
		emu.config.maxUnfinishedPerSpace = 100;
		const out = await run({ taskType: 'freezeDevices', taskName: 'big', deviceIds: ids }, false);
		expect(out.map((o) => o.json.device_count)).toEqual([...Array(11).fill(30000), 1]);
		expect(posts().map((e) => e.status)).toEqual(Array(12).fill(201));
		expect(emu.tasks()).toHaveLength(12);
	});

	it('IoTDA’s own refusal of the 11th: the 10 created are output, the rest fail naming them, nothing is sent twice', async () => {
		const out = await run({ taskType: 'freezeDevices', taskName: 'big', deviceIds: ids });
		expect(posts().map((e) => e.status)).toEqual([...Array(10).fill(201), 400]);
		expect(emu.tasks()).toHaveLength(10);
		const created = out.filter((o) => o.json.task_id);
		const failed = errorItemsOf(out);
		expect(created.map((o) => o.json.task_name)).toEqual(
			Array.from({ length: 10 }, (_, i) => `big_${i + 1}`),
		);
		expect(failed).toHaveLength(2);
		expect(errorMessage(failed[0])).toMatch(
			/after creating 10 of 12 tasks: big_1 \([0-9a-f]+\), .*big_10/,
		);
	});

	it('with Max Tasks per Run set, the node refuses before sending anything', async () => {
		const [out] = await run({
			taskType: 'freezeDevices',
			taskName: 'big',
			deviceIds: ids,
			options: { maxTasks: 10 },
		});
		expect(errorMessage(out)).toBe(
			'12 tasks are needed for these devices, but Max Tasks per Run is 10 [item 0]',
		);
		expect(emu.log).toHaveLength(0);
	});
});
