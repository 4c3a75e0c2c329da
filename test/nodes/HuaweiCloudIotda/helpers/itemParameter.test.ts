/** Which raw parameter values the node reads straight from the item (see actions/batchTask/create/create.test.ts). */
import { simpleJsonField } from '../../../../nodes/HuaweiCloudIotda/helpers/itemParameter';

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
