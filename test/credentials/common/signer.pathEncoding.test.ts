/**
 * Issue #14 item 1 end to end: a product id with reserved or non-ASCII characters goes on the wire encoded
 * once, is signed encoded once, and the emulator — verifying like Huawei's gateway with Huawei's SDK code —
 * accepts it (the dropdown runs in n8n-core's LoadOptionsContext); the Node SDK's as-shipped double-encoded signature of the same request is refused.
 */
import { DEFAULT_ACCOUNT } from '../../emulator';
import { call } from '../../emulator/sdk-test-client';
import { contextFor, loadOptions } from '../../fixtures/dropdowns';
import { useEmulator } from '../../fixtures/emulator';

const fixture = useEmulator({ seed: 11 });

/** A copy of a seeded product under another id, so its services are known. */
function productNamed(id: string) {
	const products = fixture.emu.state().catalog.products;
	const meter = products.find((p) => p.name === 'WaterMeterPro')!;
	products.push({ ...meter, product_id: id });
	return meter;
}

describe.each([
	['prod:01', 'prod%3A01'],
	['产品A', '%E4%BA%A7%E5%93%81A'],
	['a b', 'a%20b'],
	["q?#%'!", "q%3F%23%25'!"],
])('product "By ID" %s', (id, wireId) => {
	it('opens the Service dropdown: the wire path is encoded once and the emulator accepts the signature', async () => {
		productNamed(id);
		// The form as it is when the Service list opens: a command task (Product is shown only for those).
		const ctx = contextFor(fixture, {
			resource: 'batchTask',
			operation: 'create',
			taskType: 'createCommands',
			productId: { __rl: true, mode: 'id', value: id },
		});
		const services = await loadOptions.getServices.call(ctx);
		expect(services.map((s) => s.value)).toEqual(['', 'WaterMeter', 'Switch']);
		const paths = fixture.emu.log
			.filter((e) => e.method === 'GET' && e.path.includes('/products/'))
			.map((e) => [e.path, e.status]);
		expect(paths).toEqual([[`/v5/iot/${DEFAULT_ACCOUNT.projectId}/products/${wireId}`, 200]]);
	});

	it("is refused (401) when signed the Node SDK's way, the wire path encoded a second time", async () => {
		productNamed(id);
		const reply = await call(fixture.emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'GET',
			path: `/products/${wireId}`,
		});
		expect([reply.status, reply.body.error_code, reply.body.error_msg]).toEqual([
			401,
			'IOTDA.000002',
			expect.stringMatching(/signature does not match/),
		]);
	});
});
