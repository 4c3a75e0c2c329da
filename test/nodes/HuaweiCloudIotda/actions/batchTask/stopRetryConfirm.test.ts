/**
 * Stop, Retry and Confirm with 200,000 listed devices for one task (issue #14, item 3): every device gets
 * its result item. Before, `push(...results)` threw "Maximum call stack size exceeded" past ~120,000.
 */
import { HuaweiCloudIotda } from '../../../../../nodes/HuaweiCloudIotda/HuaweiCloudIotda.node';
import { stubContext, TASK_ID } from '../../../../helpers/stubIotda';

const ids = Array.from({ length: 200_000 }, (_, i) => `dev-${i}`);

describe.each(['stop', 'retry', 'confirm'] as const)('Batch Task → %s with 200,000 listed devices', (operation) => {
	it('sends 2,000 calls of 100 and outputs 200,000 items, one per device', async () => {
		const { context, requests } = stubContext({
			parameters: { resource: 'batchTask', operation, taskId: { __rl: true, mode: 'id', value: TASK_ID }, devices: 'listed', deviceIds: ids },
		});
		const [out] = await new HuaweiCloudIotda().execute.call(context);
		expect(out).toHaveLength(200_000);
		expect([out[0].json.target, out[199_999].json.target]).toEqual(['dev-0', 'dev-199999']);
		expect(out.every((o) => o.json.status === 'success')).toBe(true);
		expect(requests()).toBe(1 + 2_000);
	});
});
