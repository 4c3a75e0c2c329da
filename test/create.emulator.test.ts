/**
 * Create Batch Task against the emulator, through the credential's real authenticate() and real HTTP:
 * the body the emulator stored equals what the seed page specifies, big inputs split into exactly the
 * right tasks, and Dry Run sends nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, INSTANCE_ACCOUNT, startEmulator, TEMPORARY_ACCOUNT, type Emulator } from './emulator';
import { createCases } from './fixtures/createCases';
import { credentialsFor } from './helpers/emulatorCredentials';
import { itemsWith, runNode } from './helpers/n8nHarness';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, seed: 7 });
});
afterAll(async () => emulator?.close());
beforeEach(() => emulator.reset());

const BODY_FIELDS = ['targets', 'targets_filter', 'document', 'document_source', 'task_policy', 'task_mode', 'task_ext_info', 'need_confirm'];

async function uploadFile(): Promise<string> {
	const state = emulator.state();
	state.files.push({ file_id: 'file-0001', file_name: 'BatchCreateDevices.xlsx', upload_time: '20260101T000000Z', rows: ['dev-9001', 'dev-9002'] });
	return 'file-0001';
}

describe('Create Batch Task against the emulator', () => {
	it('stores exactly the body the seed page specifies, for every task type', async () => {
		const catalog = emulator.state().catalog;
		const fw = catalog.packages.find((p) => p.package_type === 'firmwarePackage')!;
		const sw = catalog.packages.find((p) => p.package_type === 'softwarePackage')!;
		const refs = { packageId: fw.package_id, softwarePackageId: sw.package_id, fileId: 'file-0001', groupId: catalog.groups[0].group_id, appId: catalog.defaultAppId };
		for (const c of createCases(refs)) {
			emulator.reset();
			await uploadFile();
			const out = await runNode({ parameters: c.parameters, credentials: credentialsFor(DEFAULT_ACCOUNT, emulator.url) });
			expect(out).toHaveLength(1);
			const stored = emulator.state().tasks;
			expect(stored).toHaveLength(1);
			const view = stored[0].view as IDataObject;
			for (const [key, value] of Object.entries(c.expected)) expect([c.name, key, view[key]]).toEqual([c.name, key, value]);
			for (const key of BODY_FIELDS) if (!(key in c.expected)) expect([c.name, key, view[key]]).toEqual([c.name, key, undefined]);
			expect(out[0].json.task_id).toBe(stored[0].id);
		}
	});

	it('100,000 items with one id each become exactly 4 tasks of 30,000/30,000/30,000/10,000', async () => {
		const items = itemsWith(Array.from({ length: 100000 }, (_, i) => ({ device_id: `dev-${String(i).padStart(6, '0')}` })));
		const out = await runNode({
			parameters: { resource: 'batchTask', operation: 'create', taskType: 'freezeDevices', taskName: 'freeze_all', deviceIds: (i: number) => items[i].json.device_id },
			items,
			credentials: credentialsFor(DEFAULT_ACCOUNT, emulator.url),
		});
		const posts = emulator.log.filter((e) => e.method === 'POST');
		expect(posts).toHaveLength(4);
		const stored = emulator.state().tasks;
		expect(stored.map((t) => [t.name, t.subTargets.length])).toEqual([
			['freeze_all_1', 30000],
			['freeze_all_2', 30000],
			['freeze_all_3', 30000],
			['freeze_all_4', 10000],
		]);
		const all = stored.flatMap((t) => t.subTargets);
		expect(new Set(all).size).toBe(100000);
		expect(all).toEqual(items.map((i) => i.json.device_id));
		const covered = out.flatMap((o) => (o.pairedItem as Array<{ item: number }>).map((p) => p.item));
		expect(covered).toEqual(items.map((_, i) => i));
		expect(out.map((o) => o.json.device_count)).toEqual([30000, 30000, 30000, 10000]);
	});

	it('Dry Run sends nothing: the emulator log stays empty', async () => {
		const out = await runNode({
			parameters: { resource: 'batchTask', operation: 'create', taskType: 'freezeDevices', taskName: 'dry', deviceIds: 'dev-0001', options: { dryRun: true } },
			credentials: credentialsFor(DEFAULT_ACCOUNT, emulator.url),
		});
		expect(out[0].json.dry_run).toBe(true);
		expect(emulator.log).toHaveLength(0);
		expect(emulator.tasks()).toHaveLength(0);
	});

	it.each([
		['basic signing with a security token', TEMPORARY_ACCOUNT, 'auto'],
		['derived signing with Instance-Id', INSTANCE_ACCOUNT, 'derived'],
		['basic signing with Instance-Id', INSTANCE_ACCOUNT, 'basic'],
	] as const)('is accepted with %s', async (_name, account, signingMode) => {
		const out = await runNode({
			parameters: { resource: 'batchTask', operation: 'create', taskType: 'freezeDevices', taskName: 'signed', deviceIds: 'dev-0001' },
			credentials: credentialsFor(account, emulator.url, { signingMode }),
		});
		expect(out[0].json.task_name).toBe('signed');
		expect(emulator.tasks(account.ak)).toHaveLength(1);
	});

	it('a wrong secret key is rejected with a readable error that contains no secret', async () => {
		const error = await runNode({
			parameters: { resource: 'batchTask', operation: 'create', taskType: 'freezeDevices', taskName: 'bad_sk', deviceIds: 'dev-0001' },
			credentials: credentialsFor(DEFAULT_ACCOUNT, emulator.url, { secretAccessKey: 'WrongSecretKeyWrongSecretKey0000000000' }),
		}).catch((e: Error & { description?: string }) => e);
		expect(error).toBeInstanceOf(Error);
		const text = `${(error as Error).message} ${(error as { description?: string }).description ?? ''}`;
		expect(text).toMatch(/^Create batch task "bad_sk" failed: .*401|signature/i);
		expect(text).toMatch(/check the Access Key ID, Secret Access Key/);
		expect(text).not.toContain('WrongSecretKey');
		expect(text).not.toContain(DEFAULT_ACCOUNT.ak);
		expect(emulator.tasks()).toHaveLength(0);
	});
});
