/**
 * Review finding: some AI agents write a list the Python way, `['dev-0001', 'dev-0002']`. An ID never
 * contains a quote or a bracket, so every list field reads it as [dev-0001, dev-0002] instead of refusing
 * `'dev-0001'`. Fields: Create → Device IDs, Device Group IDs, Package ID (one ID); Stop / Retry / Confirm →
 * Device IDs.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { parseIdList, parseSingleId } from '../../../../nodes/HuaweiCloudIotda/helpers/idList';
import type { Emulator } from '../../../emulator';
import { runNode } from '../../../helpers/engine';
import {
	calls,
	createUpgrade,
	devices,
	locator,
	runOn,
	startQuietEmulator,
} from '../../../fixtures/emulatorRun';

const PYTHON = "['dev-0001', 'dev-0002']";
const TEXTS = [
	PYTHON,
	"['dev-0001','dev-0002']",
	"[ 'dev-0001',\n 'dev-0002' ]",
	`['dev-0001', "dev-0002"]`,
];

describe('parseIdList / parseSingleId', () => {
	it.each(TEXTS)('%j → [dev-0001, dev-0002]', (text) => {
		expect(parseIdList('Device IDs', text, 128)).toEqual(['dev-0001', 'dev-0002']);
	});

	it('Package ID takes one single-quoted ID; a quote inside an ID is still refused', () => {
		expect(parseSingleId('Package ID', "['pkg-1']", 36)).toBe('pkg-1');
		expect(() => parseIdList('Device IDs', "['dev'1']", 128)).toThrow(
			'Device IDs may contain only letters, digits, hyphens and underscores: "dev\'1"',
		);
		expect(() => parseIdList('Device IDs', "['dev-0001]", 128)).toThrow(
			'Device IDs may contain only letters',
		);
	});
});

describe('Create (Dry Run): the body carries the ids of Python-style lists', () => {
	const credentials = {
		accessKeyId: 'AK',
		secretAccessKey: 'SK',
		projectId: 'p1',
		region: 'cn-north-4',
		endpoint: 'http://127.0.0.1:9',
	};
	const dryRun = async (parameters: Record<string, unknown>) => {
		const sent: IHttpRequestOptions[] = [];
		const out = await runNode({
			parameters: {
				resource: 'batchTask',
				operation: 'create',
				...parameters,
				options: { dryRun: true },
			} as never,
			credentials,
			sent,
		});
		expect(sent).toHaveLength(0);
		return out[0].json.body as Record<string, unknown>;
	};

	it('Device IDs', async () => {
		const body = await dryRun({ taskType: 'freezeDevices', taskName: 'py_ids', deviceIds: PYTHON });
		expect(body.targets).toEqual(['dev-0001', 'dev-0002']);
	});

	it('Device Group IDs', async () => {
		const body = await dryRun({
			taskType: 'unfreezeDevices',
			taskName: 'py_groups',
			targetSource: 'groupIds',
			groupIds: "['group-1', 'group-2']",
		});
		expect(body.targets_filter).toEqual({ group_ids: ['group-1', 'group-2'] });
	});

	it('Package ID', async () => {
		const body = await dryRun({
			taskType: 'firmwareUpgrade',
			taskName: 'py_pkg',
			packageId: "['pkg-fw-1']",
			deviceIds: PYTHON,
		});
		expect([body.document, body.targets]).toEqual([
			{ package_ids: ['pkg-fw-1'] },
			['dev-0001', 'dev-0002'],
		]);
	});
});

describe('Stop: Device IDs as a Python-style list reach IoTDA as those devices', () => {
	let emu: Emulator;
	beforeAll(async () => {
		emu = await startQuietEmulator();
	});
	afterAll(() => emu.close());

	it('stop', async () => {
		const taskId = await createUpgrade(emu, 'py_stop', devices(3));
		const out = await runOn(emu, {
			parameters: {
				resource: 'batchTask',
				operation: 'stop',
				taskId: locator(taskId),
				devices: 'listed',
				deviceIds: PYTHON,
			},
		});
		expect(out.map((o) => [o.json.target, o.json.status])).toEqual(
			devices(2).map((d) => [d, 'success']),
		);
		expect(calls(emu, 'POST', /\/stop$/)).toHaveLength(1);
	});
});
