/**
 * Issue #14 item 5: every list field takes a list written as JSON text (an AI agent's tool call, a webhook,
 * a form): `["dev-0001","dev-0002"]` and `[ "dev-0001", "dev-0002" ]` mean [dev-0001, dev-0002].
 * Through n8n's engine. Fields: Create → Device IDs, Device Group IDs, Package ID (one ID); Stop / Retry / Confirm → Device IDs.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { parseIdList, parseSingleId } from '../../../../nodes/HuaweiCloudIotda/helpers/idList';
import { TASK_TIMING } from '../../../emulator';
import { createUpgrade, devices, ghosts, locator, useEmulator } from '../../../fixtures/emulator';
import { runNode } from '../../../helpers/engine';

const COMPACT = '["dev-0001","dev-0002"]';
const SPACED = '[ "dev-0001", "dev-0002" ]';
const TEXTS = [COMPACT, SPACED, '[dev-0001, dev-0002]', '["dev-0001",\n "dev-0002"]\n'];

describe('parseIdList / parseSingleId', () => {
	it.each(TEXTS)('%j → [dev-0001, dev-0002]', (text) => {
		expect(parseIdList('Device IDs', text, 128)).toEqual(['dev-0001', 'dev-0002']);
	});

	it('numbers, an empty list, and JSON text inside a spreadsheet-like cell', () => {
		expect(parseIdList('Device Group IDs', '[1, 2]', 36)).toEqual(['1', '2']);
		expect(parseIdList('Device IDs', '[]', 128)).toEqual([]);
		expect(parseIdList('Device IDs', ' ["a_1"] ', 128)).toEqual(['a_1']);
	});

	it('a broken or nested list is refused naming the field and the bad part', () => {
		expect(() => parseIdList('Device IDs', '["dev-0001","dev-0002"', 128)).toThrow(
			'Device IDs may contain only letters, digits, hyphens and underscores: "[\\"dev-0001\\""',
		);
		expect(() => parseIdList('Device IDs', '["dev 1"]', 128)).toThrow(
			'Device IDs may contain only letters, digits, hyphens and underscores: "dev 1"',
		);
		expect(() => parseIdList('Device IDs', '[["dev-0001"]]', 128)).toThrow(
			'Device IDs must contain only text IDs: "["dev-0001"]"',
		);
	});

	it('Package ID takes one ID, also as a one-element list', () => {
		expect(parseSingleId('Package ID', '["pkg-1"]', 36)).toBe('pkg-1');
		expect(parseSingleId('Package ID', 'pkg-1', 36)).toBe('pkg-1');
		expect(() => parseSingleId('Package ID', '["pkg-1","pkg-2"]', 36)).toThrow(
			'Package ID takes one ID, not 2: "[\\"pkg-1\\",\\"pkg-2\\"]"',
		);
		expect(() => parseSingleId('Package ID', '[]', 36)).toThrow('Package ID is required: "[]"');
		expect(() => parseSingleId('Package ID', '', 36)).toThrow('Package ID is required: ""');
	});
});

describe('Create (Dry Run): the body carries the ids of JSON-text lists', () => {
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

	it.each([COMPACT, SPACED])('Device IDs %s', async (text) => {
		const body = await dryRun({ taskType: 'freezeDevices', taskName: 'json_ids', deviceIds: text });
		expect(body.targets).toEqual(['dev-0001', 'dev-0002']);
	});

	it.each(['["group-1","group-2"]', '[ "group-1", "group-2" ]'])(
		'Device Group IDs %s',
		async (text) => {
			const body = await dryRun({
				taskType: 'unfreezeDevices',
				taskName: 'json_groups',
				targetSource: 'groupIds',
				groupIds: text,
			});
			expect(body.targets_filter).toEqual({ group_ids: ['group-1', 'group-2'] });
		},
	);

	it('Package ID ["pkg-fw-1"]', async () => {
		const body = await dryRun({
			taskType: 'firmwareUpgrade',
			taskName: 'json_pkg',
			packageId: '["pkg-fw-1"]',
			deviceIds: COMPACT,
		});
		expect([body.document, body.targets]).toEqual([
			{ package_ids: ['pkg-fw-1'] },
			['dev-0001', 'dev-0002'],
		]);
	});
});

describe('Stop / Retry / Confirm: Device IDs as JSON text reach IoTDA as those devices', () => {
	const fixture = useEmulator({ seed: 11 });
	const callCount = (operation: string) =>
		fixture.calls('POST', new RegExp(`/${operation}$`)).length;

	// Retry needs a failed task: the emulator fails sub-tasks of devices it does not know (ghost-…).
	it.each([
		['stop', COMPACT, devices(2)],
		['retry', '[ "ghost-00001", "ghost-00002" ]', ghosts(2)],
		['confirm', COMPACT, devices(2)],
	])('%s with %s', async (operation, text, expected) => {
		const emu = fixture.emu;
		const taskId =
			operation === 'retry'
				? emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets: ghosts(3) })[0]
				: await createUpgrade(emu, `json_${operation}`, devices(3), {
						need_confirm: operation === 'confirm',
					});
		if (operation === 'confirm') emu.clock.advance(TASK_TIMING.initMs + TASK_TIMING.waitMs + 10);
		const before = callCount(operation);
		const out = await fixture.run({
			parameters: {
				resource: 'batchTask',
				operation,
				taskId: locator(taskId),
				devices: 'listed',
				deviceIds: text,
			},
		});
		expect(out.map((o) => [o.json.target, o.json.operation, o.json.status])).toEqual(
			expected.map((d) => [d, operation, 'success']),
		);
		expect(callCount(operation) - before).toBe(1);
	});
});
