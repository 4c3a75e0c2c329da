// Push mode and the editor's test run. For a trigger with webhooks, n8n's "Test workflow" / "Fetch Test Event"
// registers a *test* webhook: it runs checkExists/create in mode 'manual' with the webhook-test URL
// (n8n test-webhooks.js needsWebhook → createWebhookIfNotExists(…, 'manual', 'manual')) and delete() when the
// test ends or times out. That must not touch the routing rule of the active (production) workflow.
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../emulator';
import { routingOf } from '../../emulator/routing-rules';
import { credentialsFor } from '../../helpers/emulatorCredentials';
import { hooks, webhook, type TriggerRun } from '../../helpers/triggerHarness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 7 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const routing = () => routingOf(emu.state(DEFAULT_ACCOUNT.ak));
const run = (extra: Partial<TriggerRun> = {}): TriggerRun => ({
	credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
	staticData: {},
	...extra,
});
const urls = () =>
	routing().actions.map((a) => String((a.channel_detail.http_forwarding as IDataObject).url));
const notification = (taskId: string) => ({
	resource: 'batchtask',
	event: 'update',
	event_time: '20260101T101500Z',
	notify_data: {
		body: { task_id: taskId, task_type: 'firmwareUpgrade', status: 'Success', status_desc: '' },
	},
});

describe('an editor test run of an active push trigger', () => {
	for (const shared of [false, true]) {
		it(`leaves the production rule and action in place (${shared ? 'the test sees the production static data' : 'separate static data'})`, async () => {
			const production = run();
			await hooks(production).create();
			const productionSecret = production.staticData.secret;
			const productionUrl = urls()[0];
			expect(productionUrl).toContain('/webhook/');

			const test = run({ mode: 'manual', staticData: shared ? production.staticData : {} });
			expect(await hooks(test).checkExists()).toBe(false);
			await hooks(test).create();
			// The test listens on the webhook-test URL, next to (not instead of) the production action.
			expect(urls()).toEqual(
				expect.arrayContaining([productionUrl, expect.stringContaining('/webhook-test/')]),
			);
			expect(production.staticData.secret).toBe(productionSecret);
			expect(await hooks(production).checkExists()).toBe(true);

			await hooks(test).delete();
			expect(urls()).toEqual([productionUrl]);
			expect(routing().rules).toHaveLength(1);
			expect(production.staticData.secret).toBe(productionSecret);
			expect(test.staticData.test).toBeUndefined();
			expect(await hooks(production).checkExists()).toBe(true);
		});
	}

	it('the test webhook accepts its own secret; production keeps accepting the production secret', async () => {
		const production = run();
		await hooks(production).create();
		const test = run({ mode: 'manual', staticData: production.staticData });
		await hooks(test).create();
		const testUrl = urls().find((u) => u.includes('/webhook-test/'))!;
		const testSecret = new URL(testUrl).searchParams.get('token')!;
		expect(testSecret).not.toBe(production.staticData.secret);
		const viaTest = await webhook({
			...test,
			query: { token: testSecret },
			body: notification('0123456789abcdef01234567'),
		});
		expect(viaTest.responded.status ?? 200).toBe(200);
		const viaProduction = await webhook({
			...production,
			query: { token: String(production.staticData.secret) },
			body: notification('0123456789abcdef01234567'),
		});
		expect(viaProduction.responded.status ?? 200).toBe(200);
		await hooks(test).delete();
	});

	it('deactivating production leaves a test registration alone, and the other way round', async () => {
		const production = run();
		await hooks(production).create();
		const test = run({ mode: 'manual' });
		await hooks(test).create();
		await hooks(production).delete();
		expect(urls()).toEqual([expect.stringContaining('/webhook-test/')]);
		expect(await hooks(test).checkExists()).toBe(true);
		await hooks(test).delete();
		expect([routing().rules.length, routing().actions.length]).toEqual([0, 0]);
	});
});

// n8n's own teardown, in every n8n version we support (1.46 – 2.x): TestWebhooks.deactivateWebhooks (when the
// test ends, times out or its create fails) and ActiveWorkflowManager.clearWebhooks (deactivation) both call
// deleteWebhook(workflow, webhookData, 'internal', 'update'). The test's webhookData keeps isTest — so n8n
// gives the node the webhook-test URL — and its static data is what the test's create left (n8n caches it in
// the registration) or, when create failed before n8n cached it, the test workflow's fresh static data.
const teardown = (r: TriggerRun, isTest: boolean) =>
	hooks({ ...r, mode: 'internal', activation: 'update', isTest }).delete();

describe("n8n's teardown (mode 'internal', activation 'update')", () => {
	it('of the test registration removes the test rule and keeps the production rule', async () => {
		const production = run();
		await hooks(production).create();
		const productionUrl = urls()[0];
		const test = run({ mode: 'manual' });
		await hooks(test).create();
		await teardown(test, true);
		expect(urls()).toEqual([productionUrl]);
		expect(routing().rules).toHaveLength(1);
		expect(test.staticData.test).toBeUndefined();
		expect(await hooks(production).checkExists()).toBe(true);
	});

	it('of the test registration without its static data keeps the production rule', async () => {
		const production = run();
		await hooks(production).create();
		const productionUrl = urls()[0];
		await hooks(run({ mode: 'manual' })).create();
		await teardown(run({ staticData: {} }), true);
		expect(urls()).toEqual([productionUrl]);
		expect(routing().rules).toHaveLength(1);
		expect(await hooks(production).checkExists()).toBe(true);
	});

	it('of a test whose create was refused keeps the production rule', async () => {
		const production = run();
		await hooks(production).create();
		const test = run({ mode: 'manual', parameters: { mode: 'push', taskTypes: [] } });
		await expect(hooks(test).create()).rejects.toThrow('Task Types');
		await teardown(test, true);
		expect(routing().rules).toHaveLength(1);
		expect(await hooks(production).checkExists()).toBe(true);
	});

	it('of production removes the production rule and leaves a listening test alone', async () => {
		const production = run();
		await hooks(production).create();
		const test = run({ mode: 'manual' });
		await hooks(test).create();
		await teardown(production, false);
		expect(urls()).toEqual([expect.stringContaining('/webhook-test/')]);
		expect(routing().rules).toHaveLength(1);
		expect(production.staticData).toEqual({});
		expect(await hooks(test).checkExists()).toBe(true);
	});

	it('of production after n8n’s webhook URL changed still removes the production rule', async () => {
		const production = run();
		await hooks(production).create();
		await teardown({ ...production, webhookBaseUrl: 'https://n8n.example.com/webhook' }, false);
		expect([routing().rules.length, routing().actions.length]).toEqual([0, 0]);
	});

	it('of production whose static data was lost finds the production rule by its URL', async () => {
		await hooks(run()).create();
		await hooks(run({ mode: 'manual' })).create();
		await teardown(run({ staticData: {} }), false);
		expect(urls()).toEqual([expect.stringContaining('/webhook-test/')]);
	});
});
