/**
 * Device IDs given as a plain `{{ $json.field }}` are read from each item instead of being evaluated by n8n
 * (which costs ~180 µs per item in n8n 2.41): same result, and the expression is never evaluated.
 */
import { simpleJsonField } from '../nodes/HuaweiCloudIotda/helpers/itemParameter';
import { itemsWith, runNode } from './helpers/n8nHarness';

const credentials = { accessKeyId: 'AK', secretAccessKey: 'SK', projectId: 'p1', region: 'cn-north-4', endpoint: 'http://127.0.0.1:9' };

describe('simpleJsonField', () => {
	it.each([
		['={{ $json.device_id }}', 'device_id'],
		['={{$json.deviceId}}', 'deviceId'],
		['={{ $json["device id"] }}', 'device id'],
		["={{ $json['设备'] }}", '设备'],
	])('%s → %s', (raw, field) => expect(simpleJsonField(raw)).toBe(field));

	it.each([
		'={{ $json.device.id }}',
		'={{ $json.ids.join(",") }}',
		'={{ $json.device_id }} ',
		' ={{ $json.device_id }}',
		'{{ $json.device_id }}',
		'={{ $("Sheet").item.json.id }}',
		'=dev-{{ $json.id }}',
		'dev-0001',
		undefined,
		42,
	])('%s is left to n8n', (raw) => expect(simpleJsonField(raw)).toBeUndefined());
});

describe('Create reads a plain $json field directly', () => {
	const items = itemsWith([{ device_id: 'dev-a' }, { device_id: 'dev-b, dev-c' }, { device_id: ['dev-d'] }, { device_id: 'dev-a' }]);
	const parameters = { resource: 'batchTask', operation: 'create', taskType: 'freezeDevices', taskName: 'fast', options: { dryRun: true } };

	it('gives exactly what evaluating the expression gives, without evaluating it', async () => {
		const evaluated = await runNode({ parameters: { ...parameters, deviceIds: (i: number) => items[i].json.device_id }, items, credentials });
		const direct = await runNode({
			parameters: {
				...parameters,
				deviceIds: () => {
					throw new Error('the expression was evaluated');
				},
			},
			nodeParameters: { deviceIds: '={{ $json.device_id }}' },
			items,
			credentials,
		});
		expect(direct).toEqual(evaluated);
		expect((direct[0].json.body as { targets: string[] }).targets).toEqual(['dev-a', 'dev-b', 'dev-c', 'dev-d']);
	});

	it('reports a bad value with the same field and item as before', async () => {
		const bad = itemsWith([{ device_id: 'dev-a' }, { device_id: 'dev#b' }]);
		const error = await runNode({ parameters: { ...parameters, deviceIds: () => '' }, nodeParameters: { deviceIds: '={{ $json.device_id }}' }, items: bad, credentials }).catch((e: Error) => e);
		expect((error as Error).message).toBe('Device IDs may contain only letters, digits, hyphens and underscores: "dev#b" [item 1]');
	});
});
