/** Dry Run outputs exactly the bodies that would be sent, and sends nothing. */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { createCases } from './fixtures/createCases';
import { itemsWith, runNode } from './helpers/n8nHarness';

const credentials = { accessKeyId: 'AK', secretAccessKey: 'SK', projectId: 'p1', region: 'cn-north-4', endpoint: 'http://127.0.0.1:9' };
const refs = { packageId: 'pkg-fw-1', softwarePackageId: 'pkg-sw-1', fileId: 'file-1', groupId: 'group-1', appId: 'app_1' };

describe('Create Batch Task: Dry Run', () => {
	it.each(createCases(refs).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const sent: IHttpRequestOptions[] = [];
		const out = await runNode({ parameters: { ...c.parameters, options: { dryRun: true } }, credentials, sent });
		expect(sent).toHaveLength(0);
		expect(out).toHaveLength(1);
		expect(out[0].json.body).toEqual(c.expected);
		expect(out[0].json).toMatchObject({ dry_run: true, method: 'POST', path: '/v5/iot/{project_id}/batchtasks' });
	});

	it('aggregates ids of every item: trimmed, duplicates dropped, order kept', async () => {
		const items = itemsWith([{ d: ' dev-b ' }, { d: 'dev-a;dev-b' }, { d: ['dev-c', 'dev-a'] }, { d: 'dev-d\ndev-e' }]);
		const out = await runNode({
			parameters: { resource: 'batchTask', operation: 'create', taskType: 'deleteDevices', taskName: 'agg', deviceIds: (i: number) => items[i].json.d, options: { dryRun: true } },
			items,
			credentials,
		});
		expect(out).toHaveLength(1);
		expect((out[0].json.body as { targets: string[] }).targets).toEqual(['dev-b', 'dev-a', 'dev-c', 'dev-d', 'dev-e']);
		expect(out[0].pairedItem).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	});

	it('splits 65,000 ids into consecutive tasks _1.._3 and pairs each with the items that fed it', async () => {
		const items = itemsWith(Array.from({ length: 65000 }, (_, i) => ({ id: `dev-${i}` })));
		const out = await runNode({
			parameters: { resource: 'batchTask', operation: 'create', taskType: 'freezeDevices', taskName: 'big', deviceIds: (i: number) => items[i].json.id, options: { dryRun: true } },
			items,
			credentials,
		});
		const bodies = out.map((o) => o.json.body as { task_name: string; targets: string[] });
		expect(bodies.map((b) => [b.task_name, b.targets.length])).toEqual([['big_1', 30000], ['big_2', 30000], ['big_3', 5000]]);
		expect(bodies[1].targets[0]).toBe('dev-30000');
		expect((out[2].pairedItem as Array<{ item: number }>).map((p) => p.item)).toEqual(Array.from({ length: 5000 }, (_, i) => 60000 + i));
	});
});
