/** Dropdowns list what the account holds, page where IoTDA pages, and show readable errors. */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { Emulator } from './emulator';
import { contextFor, credentialsFor, ghosts, startQuietEmulator } from './lifecycle.harness';
import { nodeType } from './helpers/n8nHarness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startQuietEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

type Search = (this: ILoadOptionsFunctions, filter?: string, token?: string) => Promise<INodeListSearchResult>;
const listSearch = nodeType.methods.listSearch as unknown as Record<string, Search>;
const loadOptions = nodeType.methods.loadOptions as unknown as Record<string, (this: ILoadOptionsFunctions) => Promise<Array<{ name: string; value: string }>>>;

const ctx = (parameters: Record<string, unknown> = {}, credentials?: Record<string, string>) =>
	contextFor(emu, { parameters, credentials }) as unknown as ILoadOptionsFunctions;

/** Follows the pagination token to the end, like the editor does when scrolling. */
async function everything(method: string, parameters: Record<string, unknown> = {}, filter?: string) {
	const values: string[] = [];
	let token: string | undefined;
	let pages = 0;
	do {
		const page = await listSearch[method].call(ctx(parameters), filter, token);
		values.push(...page.results.map((r) => String(r.value)));
		token = page.paginationToken;
		if (++pages > 100) throw new Error('pagination does not end');
	} while (token);
	return values;
}

const catalog = () => emu.state().catalog;

describe('resource locators ("From list")', () => {
	it('resource spaces', async () => {
		const { results } = await listSearch.searchResourceSpaces.call(ctx());
		expect(results).toEqual(catalog().apps.map((a) => ({ name: a.default_app ? `${a.app_name} (default)` : a.app_name, value: a.app_id })));
		const filtered = await listSearch.searchResourceSpaces.call(ctx(), 'factory');
		expect(filtered.results.map((r) => r.name)).toEqual(['FactoryLine2']);
	});

	it('batch tasks of every type for Get and Delete, across pages, each once', async () => {
		const freeze = emu.seedFinishedTasks(60, { taskType: 'freezeDevices', targets: ghosts(1) });
		const fw = emu.seedFinishedTasks(2, { taskType: 'firmwareUpgrade', targets: ghosts(1) });
		const cmd = emu.seedFinishedTasks(1, { taskType: 'createCommands', targets: ghosts(1), namePrefix: 'switch_off' });
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
		emu.seedFinishedTasks(3, { taskType: 'freezeDevices', targets: ghosts(1) });
		const fw = emu.seedFinishedTasks(2, { taskType: 'firmwareUpgrade', targets: ghosts(1), namePrefix: 'fw' });
		const sw = emu.seedFinishedTasks(1, { taskType: 'softwareUpgrade', targets: ghosts(1), namePrefix: 'sw' });
		for (const operation of ['stop', 'retry', 'confirm']) {
			expect((await everything('searchBatchTasks', { operation })).sort()).toEqual([...fw, ...sw].sort());
		}
		expect(await everything('searchBatchTasks', { operation: 'get' }, 'SW_')).toEqual(sw);
		expect(await everything('searchBatchTasks', { operation: 'get' }, fw[0])).toEqual([fw[0]]);
	});

	it('module upgrades: offered for Confirm, Get and Delete, not for Stop and Retry (which IoTDA refuses for them)', async () => {
		const fw = emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets: ghosts(1), namePrefix: 'fw' });
		const mod = emu.seedFinishedTasks(2, { taskType: 'moduleUpgrade', targets: ghosts(1), namePrefix: 'mod' });
		for (const operation of ['confirm', 'get', 'delete'])
			expect([operation, (await everything('searchBatchTasks', { operation })).sort()]).toEqual([operation, [...fw, ...mod].sort()]);
		for (const operation of ['stop', 'retry']) expect([operation, await everything('searchBatchTasks', { operation })]).toEqual([operation, fw]);
		const { results } = await listSearch.searchBatchTasks.call(ctx({ operation: 'confirm' }), 'mod_0');
		expect(results.map((r) => r.name)).toEqual([expect.stringMatching(/^mod_0 · Module Upgrade · /)]);
	});

	it('batch task files', async () => {
		emu.state().files.push({ file_id: 'f-1', file_name: 'devices.xlsx', upload_time: '20260101T000000Z', rows: [] });
		const { results } = await listSearch.searchBatchTaskFiles.call(ctx());
		expect(results).toEqual([{ name: 'devices.xlsx · 20260101T000000Z', value: 'f-1' }]);
	});
});

describe('option lists', () => {
	it('OTA packages of the chosen upgrade type', async () => {
		for (const [taskType, packageType] of [['firmwareUpgrade', 'firmwarePackage'], ['softwareUpgrade', 'softwarePackage']]) {
			const options = await loadOptions.getOtaPackages.call(ctx({ taskType }));
			expect(options.map((o) => o.value).sort()).toEqual(catalog().packages.filter((p) => p.package_type === packageType).map((p) => p.package_id).sort());
		}
	});

	it('module packages for moduleUpgrade (package_type=modulePackage)', async () => {
		const options = await loadOptions.getOtaPackages.call(ctx({ taskType: 'moduleUpgrade' }));
		const modules = catalog().packages.filter((p) => p.package_type === 'modulePackage').map((p) => p.package_id);
		expect(modules.length).toBeGreaterThan(0);
		expect(options.map((o) => o.value).sort()).toEqual(modules.sort());
	});

	it('packages of the chosen product and resource space; products of the chosen resource space (the API filters)', async () => {
		const fw = catalog().packages.filter((p) => p.package_type === 'firmwarePackage');
		const product = fw[0].product_id;
		const ofProduct = await loadOptions.getOtaPackages.call(ctx({ taskType: 'firmwareUpgrade', productId: product }));
		expect(ofProduct.map((o) => o.value).sort()).toEqual(fw.filter((p) => p.product_id === product).map((p) => p.package_id).sort());
		expect(emu.log.at(-1)?.query).toContain(`product_id=${product}`);
		const other = catalog().apps.find((a) => !a.default_app)!.app_id;
		const spaceParams = { taskType: 'firmwareUpgrade', 'additionalFields.appId': { __rl: true, mode: 'list', value: other } };
		const ofSpace = await loadOptions.getOtaPackages.call(ctx(spaceParams));
		expect(ofSpace.map((o) => o.value).sort()).toEqual(fw.filter((p) => p.app_id === other).map((p) => p.package_id).sort());
		expect(emu.log.at(-1)?.query).toContain(`app_id=${other}`);
		const products = await loadOptions.getProducts.call(ctx({ 'additionalFields.appId': other }));
		expect(products.map((p) => p.value).sort()).toEqual(catalog().products.filter((p) => p.app_id === other).map((p) => p.product_id).sort());
		expect(products.length).toBeLessThan(catalog().products.length);
	});

	it('products → their services → their commands', async () => {
		const products = await loadOptions.getProducts.call(ctx());
		expect(products.map((p) => p.name).sort()).toEqual(catalog().products.map((p) => p.name).sort());
		const meter = catalog().products.find((p) => p.name === 'WaterMeterPro')!;
		const services = await loadOptions.getServices.call(ctx({ productId: meter.product_id }));
		expect(services.map((s) => s.value)).toEqual(['WaterMeter', 'Switch']);
		const byLocator = await loadOptions.getServices.call(ctx({ productId: { __rl: true, mode: 'list', value: meter.product_id } }));
		expect(byLocator.map((s) => s.value)).toEqual(['WaterMeter', 'Switch']);
		const commands = await loadOptions.getCommands.call(ctx({ productId: meter.product_id, serviceId: 'Switch' }));
		expect(commands).toEqual([{ name: 'ON_OFF', value: 'ON_OFF', description: 'Parameters: value: enum' }]);
		expect(await loadOptions.getCommands.call(ctx({ productId: meter.product_id, serviceId: '' }))).toEqual([]);
		expect(await loadOptions.getServices.call(ctx({}))).toEqual([]);
	});
});

describe('a wrong credential', () => {
	const wrongSecret = 'NotTheRightSecretKey00000000000000000000';
	const calls: Array<[string, (c: ILoadOptionsFunctions) => Promise<unknown>, string]> = [
		['searchResourceSpaces', (c) => listSearch.searchResourceSpaces.call(c), 'List resource spaces'],
		['searchBatchTasks', (c) => listSearch.searchBatchTasks.call(c), 'List batch tasks'],
		['searchBatchTaskFiles', (c) => listSearch.searchBatchTaskFiles.call(c), 'List batch task files'],
		['getOtaPackages', (c) => loadOptions.getOtaPackages.call(c), 'List OTA packages'],
		['getProducts', (c) => loadOptions.getProducts.call(c), 'List products'],
	];
	it.each(calls)('%s shows a readable error without the secret', async (_name, load, action) => {
		const error = (await load(ctx({ operation: 'get', taskType: 'firmwareUpgrade' }, credentialsFor(emu, { secretAccessKey: wrongSecret }))).catch((e: Error) => e)) as Error & { description?: string };
		expect(error.message).toBe(`${action} failed: IOTDA.000002 – Authentication failed: signature does not match`);
		expect(error.description).toContain('check the Access Key ID, Secret Access Key and Project ID');
		expect(JSON.stringify([error.message, error.description])).not.toContain(wrongSecret);
	});

	it('an unknown access key is readable too', async () => {
		const error = (await listSearch.searchResourceSpaces.call(ctx({}, credentialsFor(emu, { accessKeyId: 'UNKNOWNAK00000000000' }))).catch((e: Error) => e)) as Error;
		expect(error.message).toBe('List resource spaces failed: IOTDA.000002 – Authentication failed: unknown access key UNKNOWNAK00000000000');
	});
});
