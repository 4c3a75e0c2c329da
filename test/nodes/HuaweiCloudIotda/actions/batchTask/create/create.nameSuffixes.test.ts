/**
 * Task Name takes up to 128 characters (IoTDA's limit), and the node appends to it: `_2` for a split task,
 * `_w3` for a rollout wave, `_<10 hex>` for an Idempotency Key. Each name actually sent must fit, and one that
 * would not is refused before anything is sent, naming Task Name, the suffix and the item — as the split
 * always was — never sent for IoTDA to refuse (after earlier waves were created). Through n8n's engine.
 */
import type { IHttpRequestOptions, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../../../../helpers/engine';
import { errorMessage } from '../../../../../helpers/errorItem';

const offline = {
	accessKeyId: 'AK',
	secretAccessKey: 'SK',
	projectId: 'p1',
	region: 'cn-north-4',
	endpoint: 'http://127.0.0.1:9',
};
const command = {
	resource: 'batchTask',
	operation: 'create',
	taskType: 'createCommands',
	commandParameters: '{}',
	deviceIds: Array.from({ length: 10 }, (_, i) => `dev-${i}`),
};
const keyed = { idempotencyKey: 'run-2026-11-30', ifTaskExists: 'returnExisting' };
const waves = (spec: string) => ({ waitForCompletion: true, rolloutWaves: spec });

async function outcome(parameters: INodeParameters, dryRun: boolean) {
	const sent: IHttpRequestOptions[] = [];
	const out = await runNode({
		parameters: {
			...parameters,
			options: { ...(parameters.options as object), ...(dryRun ? { dryRun: true } : {}) },
		},
		credentials: offline,
		continueOnFail: true,
		sent,
	});
	return { out, sent };
}

describe('Task Name and the suffixes the node appends', () => {
	it.each([
		['an Idempotency Key (_ and 10 hex)', 'a'.repeat(117), keyed],
		['rollout waves (_w1, _w2)', 'a'.repeat(125), waves('1, 100%')],
		['ten rollout waves (_w10)', 'a'.repeat(124), waves('1, 2, 3, 4, 5, 6, 7, 8, 9, 100%')],
		['waves and a key', 'a'.repeat(114), { ...waves('1, 100%'), ...keyed }],
	])('%s: a name that fits exactly is sent as is', async (_label, taskName, options) => {
		const { out } = await outcome({ ...command, taskName, options }, true);
		const names = out.map((o) => (o.json.body as { task_name: string }).task_name);
		expect(names.length).toBeGreaterThan(0);
		for (const name of names) expect(name.length).toBeLessThanOrEqual(128);
		expect(Math.max(...names.map((n) => n.length))).toBe(128);
	});

	it.each([
		['an Idempotency Key', 'a'.repeat(118), keyed, /_[0-9a-f]{10}/],
		['rollout waves', 'a'.repeat(126), waves('1, 100%'), /_w2/],
		['ten rollout waves', 'a'.repeat(125), waves('1, 2, 3, 4, 5, 6, 7, 8, 9, 100%'), /_w10/],
		['waves and a key', 'a'.repeat(115), { ...waves('1, 100%'), ...keyed }, /_w2/],
	])(
		'%s: one character more is refused before anything is sent, in Dry Run and for real',
		async (_label, taskName, options, suffix) => {
			for (const dryRun of [true, false]) {
				const { out, sent } = await outcome({ ...command, taskName, options }, dryRun);
				expect(sent).toHaveLength(0);
				expect(out).toHaveLength(1);
				const message = errorMessage(out[0]);
				expect(message).toMatch(/^Task Name is too long to add the suffix /);
				expect(message).toMatch(suffix);
				expect(message).toMatch(/at most 128 characters.*\[item 0\]$/);
			}
		},
	);
});
