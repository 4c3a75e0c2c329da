/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** Resource locators ("From list") in n8n-core's LoadOptionsContext: list what the account holds, page, readable errors. */
import type { INodeParameters } from 'n8n-workflow';

import { contextFor, listSearch } from '../../../fixtures/dropdowns';
import { ghosts, useEmulator } from '../../../fixtures/emulator';

const fixture = useEmulator({ seed: 11 });
const ctx = (parameters: INodeParameters = {}, credentials?: Record<string, unknown>) =>
	contextFor(fixture, parameters, credentials);
const catalog = () => fixture.emu.state().catalog;

/** Follows the pagination token to the end, like the editor does when scrolling. */
async function everything(method: string, parameters: INodeParameters = {}, filter?: string) {
	const values: string[] = [];
	let token: string | undefined;
	let pages = 0;
	do {
		const page = await listSearch[method].call(ctx(parameters), filter, token);
		values.push(...page.results.map((r) => String(r.value)));
		token = page.paginationToken as string | undefined;
		if (++pages > 100) throw new Error('pagination does not end');
	} while (token);
	return values;
}

describe('resource locators ("From list")', () => {
	it('resource spaces', async () => {
		const { results } = await listSearch.searchResourceSpaces.call(ctx());
		expect(results).toEqual(
			catalog().apps.map((a) => ({
				name: a.default_app ? `${a.app_name} (default)` : a.app_name,
				value: a.app_id,
			})),
		);
		const filtered = await listSearch.searchResourceSpaces.call(ctx(), 'factory');
		expect(filtered.results.map((r) => r.name)).toEqual(['FactoryLine2']);
	});

	it('batch tasks of every type for Get and Delete, across pages, each once', async () => {
		const emu = fixture.emu;
		const freeze = emu.seedFinishedTasks(60, { taskType: 'freezeDevices', targets: ghosts(1) });
		const fw = emu.seedFinishedTasks(2, { taskType: 'firmwareUpgrade', targets: ghosts(1) });
		const cmd = emu.seedFinishedTasks(1, {
			taskType: 'createCommands',
			targets: ghosts(1),
			namePrefix: 'switch_off',
		});
		for (const operation of ['get', 'delete']) {
			const all = await everything('searchBatchTasks', { operation });
			expect(all.sort()).toEqual([...freeze, ...fw, ...cmd].sort());
		}
		const first = await listSearch.searchBatchTasks.call(ctx({ operation: 'get' }));
		expect(first.results.length).toBeGreaterThanOrEqual(50);
		expect(first.results.length).toBeLessThan(63);
		expect(first.paginationToken).toBeDefined();
		expect(first.results[0].name).toBe('switch_off_0 · Sync Commands · Fail');
	});

	it('only upgrade tasks for Stop, Retry and Confirm; search text filters by name or id', async () => {
		const emu = fixture.emu;
		emu.seedFinishedTasks(3, { taskType: 'freezeDevices', targets: ghosts(1) });
		const fw = emu.seedFinishedTasks(2, {
			taskType: 'firmwareUpgrade',
			targets: ghosts(1),
			namePrefix: 'fw',
		});
		const sw = emu.seedFinishedTasks(1, {
			taskType: 'softwareUpgrade',
			targets: ghosts(1),
			namePrefix: 'sw',
		});
		for (const operation of ['stop', 'retry', 'confirm']) {
			expect((await everything('searchBatchTasks', { operation })).sort()).toEqual(
				[...fw, ...sw].sort(),
			);
		}
		expect(await everything('searchBatchTasks', { operation: 'get' }, 'SW_')).toEqual(sw);
		expect(await everything('searchBatchTasks', { operation: 'get' }, fw[0])).toEqual([fw[0]]);
	});

	it('module upgrades: offered for Confirm, Get and Delete, not for Stop and Retry (which IoTDA refuses for them)', async () => {
		const emu = fixture.emu;
		const fw = emu.seedFinishedTasks(1, {
			taskType: 'firmwareUpgrade',
			targets: ghosts(1),
			namePrefix: 'fw',
		});
		const mod = emu.seedFinishedTasks(2, {
			taskType: 'moduleUpgrade',
			targets: ghosts(1),
			namePrefix: 'mod',
		});
		for (const operation of ['confirm', 'get', 'delete'])
			expect([operation, (await everything('searchBatchTasks', { operation })).sort()]).toEqual([
				operation,
				[...fw, ...mod].sort(),
			]);
		for (const operation of ['stop', 'retry'])
			expect([operation, await everything('searchBatchTasks', { operation })]).toEqual([
				operation,
				fw,
			]);
		const { results } = await listSearch.searchBatchTasks.call(
			ctx({ operation: 'confirm' }),
			'mod_0',
		);
		expect(results.map((r) => r.name)).toEqual([
			expect.stringMatching(/^mod_0 · Module Upgrade · /),
		]);
	});

	it('batch task files', async () => {
		fixture.emu.state().files.push({
			file_id: 'f-1',
			file_name: 'devices.xlsx',
			upload_time: '20260101T000000Z',
			rows: [],
		});
		const { results } = await listSearch.searchBatchTaskFiles.call(ctx());
		expect(results).toEqual([{ name: 'devices.xlsx · 20260101T000000Z', value: 'f-1' }]);
	});
});

describe('a wrong credential', () => {
	const wrongSecret = 'NotTheRightSecretKey00000000000000000000';
	it.each([
		['searchResourceSpaces', 'List resource spaces'],
		['searchBatchTasks', 'List batch tasks'],
		['searchBatchTaskFiles', 'List batch task files'],
	])('%s shows a readable error without the secret', async (method, action) => {
		const error = (await listSearch[method]
			.call(ctx({ operation: 'get' }, { secretAccessKey: wrongSecret }))
			.catch((e: Error) => e)) as Error & { description?: string };
		expect(error.message).toBe(
			`${action} failed: IOTDA.000002 – Authentication failed: signature does not match`,
		);
		expect(error.description).toContain(
			'check the Access Key ID, Secret Access Key and Project ID',
		);
		expect(JSON.stringify([error.message, error.description])).not.toContain(wrongSecret);
	});

	it('an unknown access key is readable too', async () => {
		const error = (await listSearch.searchResourceSpaces
			.call(ctx({}, { accessKeyId: 'UNKNOWNAK00000000000' }))
			.catch((e: Error) => e)) as Error;
		expect(error.message).toBe(
			'List resource spaces failed: IOTDA.000002 – Authentication failed: unknown access key UNKNOWNAK00000000000',
		);
	});
});
