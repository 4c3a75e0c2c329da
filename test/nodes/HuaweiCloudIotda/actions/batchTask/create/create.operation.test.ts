/**
 * Create with 200,000 device IDs and Wait for Completion → One Item per Device (issue #14, item 3): seven
 * tasks, 200,000 output items, through n8n's engine against an in-memory IoTDA. Before, `push(...items)`
 * threw "Maximum call stack size exceeded".
 */
import { useStubIotda } from '../../../../../helpers/stubIotda';

const iotda = useStubIotda();
const ids = Array.from({ length: 200_000 }, (_, i) => `dev-${i}`);

describe('Batch Task → Create with 200,000 devices and one output item per device', () => {
	it('creates 7 tasks and outputs 200,000 device items', async () => {
		const out = await iotda.run({
			resource: 'batchTask',
			operation: 'create',
			taskType: 'freezeDevices',
			taskName: 'big',
			deviceIds: ids,
			options: { waitForCompletion: true, deviceOutput: 'items', pollInterval: 1 },
		});
		expect(out).toHaveLength(200_000);
		expect(new Set(out.map((o) => o.json.task_id)).size).toBe(7);
		expect([out[0].json.device_id, out[199_999].json.device_id]).toEqual(['dev-0', 'dev-199999']);
		expect(out.every((o) => o.json.status === 'Success')).toBe(true);
	});
});
