/**
 * Stop, Retry and Confirm with 200,000 listed devices for one task (issue #14, item 3): every device gets
 * its result item, through n8n's engine against an in-memory IoTDA. Before, `push(...results)` threw
 * "Maximum call stack size exceeded" past ~120,000.
 *
 * The IDs come from the previous node (`{{ $json.ids }}`), as a list that long does in a workflow. Typed
 * into the field instead, they are part of the node's parameters, and n8n-core's getNode() deep-copies
 * those on every request the transport sends (credentialTypeOf reads getNode().parameters): 2,000 requests ×
 * 200,000 IDs, minutes per operation — reported as a node bug, not hidden by this test.
 */
import { TASK_ID, useStubIotda } from '../../../../helpers/stubIotda';

const iotda = useStubIotda();
const ids = Array.from({ length: 200_000 }, (_, i) => `dev-${i}`);

describe.each(['stop', 'retry', 'confirm'] as const)(
	'Batch Task → %s with 200,000 listed devices',
	(operation) => {
		it('sends 2,000 calls of 100 and outputs 200,000 items, one per device', async () => {
			const parameters = {
				resource: 'batchTask',
				operation,
				taskId: { __rl: true, mode: 'id', value: TASK_ID },
				devices: 'listed',
				deviceIds: '={{ $json.ids }}',
			};
			const out = await iotda.run(parameters, [{ json: { ids } }]);
			expect(out).toHaveLength(200_000);
			expect([out[0].json.target, out[199_999].json.target]).toEqual(['dev-0', 'dev-199999']);
			expect(out.every((o) => o.json.status === 'success')).toBe(true);
			expect(iotda.requests()).toBe(1 + 2_000);
		});
	},
);
