/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** Option lists in n8n-core's LoadOptionsContext: what the account holds, depending on the form; readable errors. */
import type { INodeParameters } from 'n8n-workflow';

import { contextFor, loadOptions } from '../../../fixtures/dropdowns';
import { useEmulator } from '../../../fixtures/emulator';

const fixture = useEmulator({ seed: 11 });
const ctx = (parameters: INodeParameters = {}, credentials?: Record<string, unknown>) =>
	contextFor(fixture, parameters, credentials);
const catalog = () => fixture.emu.state().catalog;

describe('option lists', () => {
	it('OTA packages of the chosen upgrade type', async () => {
		for (const [taskType, packageType] of [
			['firmwareUpgrade', 'firmwarePackage'],
			['softwareUpgrade', 'softwarePackage'],
		]) {
			const options = await loadOptions.getOtaPackages.call(ctx({ taskType }));
			expect(options.map((o) => o.value).sort()).toEqual(
				catalog()
					.packages.filter((p) => p.package_type === packageType)
					.map((p) => p.package_id)
					.sort(),
			);
		}
	});

	it('module packages for moduleUpgrade (package_type=modulePackage)', async () => {
		const options = await loadOptions.getOtaPackages.call(ctx({ taskType: 'moduleUpgrade' }));
		const modules = catalog()
			.packages.filter((p) => p.package_type === 'modulePackage')
			.map((p) => p.package_id);
		expect(modules.length).toBeGreaterThan(0);
		expect(options.map((o) => o.value).sort()).toEqual(modules.sort());
	});

	it('packages of the chosen product and resource space; products of the chosen resource space (the API filters)', async () => {
		const emu = fixture.emu;
		const fw = catalog().packages.filter((p) => p.package_type === 'firmwarePackage');
		const product = fw[0].product_id;
		const ofProduct = await loadOptions.getOtaPackages.call(
			ctx({ taskType: 'firmwareUpgrade', productId: product }),
		);
		expect(ofProduct.map((o) => o.value).sort()).toEqual(
			fw
				.filter((p) => p.product_id === product)
				.map((p) => p.package_id)
				.sort(),
		);
		expect(emu.log.at(-1)?.query).toContain(`product_id=${product}`);
		const other = catalog().apps.find((a) => !a.default_app)!.app_id;
		const spaceParams = {
			taskType: 'firmwareUpgrade',
			additionalFields: { appId: { __rl: true, mode: 'list', value: other } },
		};
		const ofSpace = await loadOptions.getOtaPackages.call(ctx(spaceParams));
		expect(ofSpace.map((o) => o.value).sort()).toEqual(
			fw
				.filter((p) => p.app_id === other)
				.map((p) => p.package_id)
				.sort(),
		);
		expect(emu.log.at(-1)?.query).toContain(`app_id=${other}`);
		const products = (
			await loadOptions.getProducts.call(ctx({ additionalFields: { appId: other } }))
		).filter((p) => p.value !== '');
		expect(products.map((p) => p.value).sort()).toEqual(
			catalog()
				.products.filter((p) => p.app_id === other)
				.map((p) => p.product_id)
				.sort(),
		);
		expect(products.length).toBeLessThan(catalog().products.length);
	});

	it('products → their services → their commands', async () => {
		// The form as it is when these lists open: a command task (productId is shown only for those).
		const form = { resource: 'batchTask', operation: 'create', taskType: 'createCommands' };
		const [notSet, ...products] = await loadOptions.getProducts.call(ctx());
		// Issue #30: each optional picker starts with an explicit empty choice, so "not set" is no issue in n8n.
		expect(notSet).toMatchObject({ name: '- Not Set -', value: '' });
		expect(products.map((p) => p.name).sort()).toEqual(
			catalog()
				.products.map((p) => p.name)
				.sort(),
		);
		const meter = catalog().products.find((p) => p.name === 'WaterMeterPro')!;
		const services = await loadOptions.getServices.call(
			ctx({ ...form, productId: meter.product_id }),
		);
		expect(services.map((s) => s.value)).toEqual(['', 'WaterMeter', 'Switch']);
		const byLocator = await loadOptions.getServices.call(
			ctx({ ...form, productId: { __rl: true, mode: 'list', value: meter.product_id } }),
		);
		expect(byLocator.map((s) => s.value)).toEqual(['', 'WaterMeter', 'Switch']);
		const commands = await loadOptions.getCommands.call(
			ctx({ ...form, productId: meter.product_id, serviceId: 'Switch' }),
		);
		expect(commands).toEqual([
			expect.objectContaining({ name: '- Not Set -', value: '' }),
			{ name: 'ON_OFF', value: 'ON_OFF', description: 'Parameters: value: enum' },
		]);
		expect(
			await loadOptions.getCommands.call(
				ctx({ ...form, productId: meter.product_id, serviceId: '' }),
			),
		).toEqual([expect.objectContaining({ value: '' })]);
		expect(await loadOptions.getServices.call(ctx(form))).toEqual([
			expect.objectContaining({ value: '' }),
		]);
		// Issue #30: without a Product a value already entered is offered as it is (IoTDA takes any name), so
		// n8n does not mark the shipped AI-agent example's Service "Switch" and Command "ON_OFF" unsupported.
		const typed = { ...form, serviceId: 'Switch', commandName: 'ON_OFF' };
		expect((await loadOptions.getServices.call(ctx(typed))).map((o) => o.value)).toEqual([
			'',
			'Switch',
		]);
		expect((await loadOptions.getCommands.call(ctx(typed))).map((o) => o.value)).toEqual([
			'',
			'ON_OFF',
		]);
	});
});

describe('a wrong credential', () => {
	const wrongSecret = 'NotTheRightSecretKey00000000000000000000';
	it.each([
		['getOtaPackages', 'List OTA packages'],
		['getProducts', 'List products'],
	])('%s shows a readable error without the secret', async (method, action) => {
		const error = (await loadOptions[method]
			.call(ctx({ taskType: 'firmwareUpgrade' }, { secretAccessKey: wrongSecret }))
			.catch((e: Error) => e)) as Error & { description?: string };
		expect(error.message).toBe(
			`${action} failed: IOTDA.000002 – Authentication failed: signature does not match`,
		);
		expect(error.description).toContain(
			'check the Access Key ID, Secret Access Key and Project ID',
		);
		expect(JSON.stringify([error.message, error.description])).not.toContain(wrongSecret);
	});
});
