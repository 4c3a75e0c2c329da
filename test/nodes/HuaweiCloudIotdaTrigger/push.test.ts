/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// Push mode of the IoTDA Trigger against the emulator: the webhookMethods lifecycle (create / reuse /
// checkExists / delete of one routing rule + one HTTP action), the receiver's 401 / 400 / filter answers,
// and the emulator pushing status changes (with retries) into the node's webhook().
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../emulator';
import { routingOf } from '../../emulator/routing-rules';
import { call } from '../../emulator/sdk-test-client';
import { credentialsFor } from '../../helpers/emulatorCredentials';
import { hooks, webhook, type TriggerRun } from '../../helpers/triggerHarness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 3 });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.reset();
	emu.config.failTargets.clear(); // kept by reset(); one test sets it
	emu.notifier.settings.retryDelaysMs = [10, 10, 10];
});

const routing = () => routingOf(emu.state(DEFAULT_ACCOUNT.ak));
const run = (extra: Partial<TriggerRun> = {}): TriggerRun => ({
	credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
	staticData: {},
	...extra,
});
const actionUrl = (i = 0) =>
	String((routing().actions[i].channel_detail.http_forwarding as IDataObject).url);
const otherApp = () => emu.state().catalog.apps.find((a) => !a.default_app)!.app_id;

/** A firmware upgrade of these targets, or a task of another type without a document (e.g. freezeDevices). */
async function createTask(
	targets: string[],
	name = 'fw_rollout',
	taskType = 'firmwareUpgrade',
): Promise<string> {
	const pkg = emu.state().catalog.packages.find((p) => p.package_type === 'firmwarePackage')!;
	const document = taskType === 'firmwareUpgrade' ? { package_ids: [pkg.package_id] } : undefined;
	const r = await call(emu.url, {
		account: DEFAULT_ACCOUNT,
		method: 'POST',
		path: '/batchtasks',
		json: { task_name: name, task_type: taskType, targets, ...(document ? { document } : {}) },
	});
	expect(r.status).toBe(201);
	return r.body.task_id;
}

describe('lifecycle', () => {
	it('create registers one active batchtask/update rule and one HTTP action to the URL with the secret', async () => {
		const r = run();
		expect(await hooks(r).checkExists()).toBe(false);
		expect(await hooks(r).create()).toBe(true);
		const [rule] = routing().rules;
		expect(routing().rules).toHaveLength(1);
		expect(rule).toMatchObject({
			subject: { resource: 'batchtask', event: 'update' },
			app_type: 'GLOBAL',
			active: true,
			rule_name: 'n8n_wfTrigger0000001_3f2a9c1e0000',
		});
		expect(rule.description).toContain('Rollout finished');
		expect(routing().actions).toHaveLength(1);
		expect(routing().actions[0]).toMatchObject({
			rule_id: rule.rule_id,
			channel: 'HTTP_FORWARDING',
		});
		expect(typeof r.staticData.secret).toBe('string');
		expect(actionUrl()).toBe(
			`http://127.0.0.1:5999/webhook/wfTrigger0000001/iotda-trigger/iotda-batch-task?token=${r.staticData.secret}`,
		);
		expect(r.staticData).toMatchObject({
			ruleId: rule.rule_id,
			actionId: routing().actions[0].action_id,
		});
		expect(await hooks(r).checkExists()).toBe(true);
	});

	it('activating twice leaves one rule and one action, also when the static data was lost', async () => {
		const r = run();
		await hooks(r).create();
		await hooks(r).create();
		expect([routing().rules.length, routing().actions.length]).toEqual([1, 1]);
		const lost = run(); // same workflow and node, no static data: a new secret
		await hooks(lost).create();
		expect([routing().rules.length, routing().actions.length]).toEqual([1, 1]);
		expect(actionUrl()).toContain(`token=${lost.staticData.secret}`);
		expect(await hooks(lost).checkExists()).toBe(true);
		expect(await hooks(r).checkExists()).toBe(false); // the old secret no longer receives anything
	});

	it('the rule is scoped to the chosen resource space; changing it replaces the rule', async () => {
		const r = run({ parameters: { appId: { mode: 'id', value: otherApp() } } });
		await hooks(r).create();
		expect(routing().rules[0]).toMatchObject({ app_type: 'APP', app_id: otherApp() });
		const global = { ...r, parameters: {} };
		expect(await hooks(global).checkExists()).toBe(false);
		await hooks(global).create();
		expect(routing().rules.map((x) => x.app_type)).toEqual(['GLOBAL']);
	});

	it('checkExists is false when the action or rule was removed or deactivated in the console; create repairs it', async () => {
		const r = run();
		await hooks(r).create();
		routing().actions = [];
		expect(await hooks(r).checkExists()).toBe(false);
		await hooks(r).create();
		expect(await hooks(r).checkExists()).toBe(true);
		routing().rules[0].active = false;
		expect(await hooks(r).checkExists()).toBe(false);
		await hooks(r).create();
		expect([routing().rules.length, routing().actions.length, routing().rules[0].active]).toEqual([
			1,
			1,
			true,
		]);
	});

	it('delete removes the rule and its action and forgets the secret; deleting again is harmless', async () => {
		const r = run();
		await hooks(r).create();
		expect(await hooks(r).delete()).toBe(true);
		expect([routing().rules.length, routing().actions.length]).toEqual([0, 0]);
		expect(r.staticData).toEqual({});
		expect(await hooks(r).delete()).toBe(true);
	});

	it('delete also finds the rule by name when the static data lost its ids', async () => {
		await hooks(run()).create();
		await hooks(run()).delete();
		expect([routing().rules.length, routing().actions.length]).toEqual([0, 0]);
	});
});

describe('receiver', () => {
	const notification = (body: IDataObject) => ({
		resource: 'batchtask',
		event: 'update',
		event_time: '20260101T101500Z',
		request_id: 'req-1',
		notify_data: {
			body: {
				app_id: 'a1',
				task_id: '0123456789abcdef01234567',
				task_type: 'firmwareUpgrade',
				status: 'Success',
				status_desc: '',
				...body,
			},
		},
	});

	it('answers 401 without the secret or with a wrong one, and starts nothing', async () => {
		const staticData = { secret: 'right-secret' };
		for (const query of [{}, { token: 'wrong-secret' }, { token: '' }]) {
			const { result, responded } = await webhook(
				run({ staticData, query, body: notification({}) }),
			);
			expect(responded.status).toBe(401);
			expect(result).toEqual({ noWebhookResponse: true });
		}
	});

	it('answers 400 to a malformed body and starts nothing', async () => {
		const staticData = { secret: 's' };
		for (const body of [
			'text',
			[],
			{ resource: 'device', event: 'update' },
			{ resource: 'batchtask', event: 'update' },
			notification({ task_id: 5 }),
		]) {
			const { result, responded } = await webhook(run({ staticData, query: { token: 's' }, body }));
			expect(responded.status).toBe(400);
			expect(result.workflowData).toBeUndefined();
		}
	});

	it('acknowledges but ignores what the filters do not select', async () => {
		const staticData = { secret: 's' };
		for (const body of [
			notification({ status: 'Processing' }),
			notification({ task_type: 'createCommands' }),
		]) {
			const { result, responded } = await webhook(run({ staticData, query: { token: 's' }, body }));
			expect(responded.status).toBeUndefined();
			expect(result.workflowData).toBeUndefined();
			expect(result.webhookResponse).toMatchObject({ ignored: expect.any(String) });
		}
	});

	it('starts with the event, the task name from IoTDA and, with details, every failed device', async () => {
		emu.failTargets(Array.from({ length: 60 }, (_, i) => `dev-${String(i + 1).padStart(4, '0')}`));
		const targets = Array.from({ length: 70 }, (_, i) => `dev-${String(i + 1).padStart(4, '0')}`);
		const taskId = await createTask(targets);
		emu.clock.advance(60_000);
		const { result } = await webhook(
			run({
				staticData: { secret: 's' },
				query: { token: 's' },
				parameters: { includeDetails: true },
				body: notification({ task_id: taskId, status: 'PartialSuccess' }),
			}),
		);
		const [[item]] = result.workflowData!;
		expect(item.json).toMatchObject({
			task_id: taskId,
			task_name: 'fw_rollout',
			task_type: 'firmwareUpgrade',
			status: 'PartialSuccess',
			event_time: '2026-01-01T10:15:00.000Z',
			source: 'push',
			request_id: 'req-1',
			task_progress: { total: 70, success: 10, fail: 60 },
			failed_device_count: 60,
		});
		expect((item.json.failed_devices as IDataObject[]).map((d) => d.device_id)).toEqual(
			targets.slice(0, 60),
		);
		expect((item.json.failed_devices as IDataObject[])[0]).toMatchObject({
			status: 'Fail',
			error_code: 'IOTDA.014016',
		});
	});
});

describe('a late or out-of-order push', () => {
	const late = (taskId: string, status: string): IDataObject => ({
		resource: 'batchtask',
		event: 'update',
		event_time: '20260101T101500Z',
		notify_data: {
			body: { task_id: taskId, task_type: 'firmwareUpgrade', status, status_desc: '' },
		},
	});
	for (const includeDetails of [false, true]) {
		it(`gives the task's current status and the pushed one (Include Task Details: ${includeDetails})`, async () => {
			const taskId = await createTask(['dev-0001', 'dev-0002']);
			emu.clock.advance(60_000); // the task has succeeded
			const { result } = await webhook(
				run({
					staticData: { secret: 's' },
					query: { token: 's' },
					parameters: { includeDetails, statuses: ['Fail', 'Success'] },
					body: late(taskId, 'Fail'),
				}),
			);
			const [[item]] = result.workflowData!;
			expect(item.json).toMatchObject({
				task_id: taskId,
				status: 'Success',
				pushed_status: 'Fail',
			});
			if (includeDetails) expect(item.json.task_progress).toMatchObject({ success: 2, fail: 0 });
		});
	}

	it('a push that agrees with the task carries no pushed_status', async () => {
		const taskId = await createTask(['dev-0003']);
		emu.clock.advance(60_000);
		const { result } = await webhook(
			run({ staticData: { secret: 's' }, query: { token: 's' }, body: late(taskId, 'Success') }),
		);
		const [[item]] = result.workflowData!;
		expect(item.json.status).toBe('Success');
		expect(item.json).not.toHaveProperty('pushed_status');
	});
});

describe('emulator push into the node', () => {
	let server: http.Server;
	let url: string;
	let answers: number[];
	let executions: IDataObject[];
	let received: number;
	let r: TriggerRun;

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			let text = '';
			req.on('data', (c) => (text += c));
			req.on('end', async () => {
				received++;
				const forced = answers.shift();
				if (forced) {
					res.writeHead(forced).end();
					return;
				}
				const query = Object.fromEntries(new URL(req.url!, 'http://x').searchParams);
				const { result, responded } = await webhook({ ...r, query, body: JSON.parse(text) });
				if (result.workflowData) executions.push(...result.workflowData[0].map((i) => i.json));
				res.writeHead(responded.status ?? 200).end();
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
	beforeEach(async () => {
		answers = [];
		executions = [];
		received = 0;
		r = run({ webhookBaseUrl: url });
		await hooks(r).create();
	});

	it('each status change is pushed once; the default filter starts one execution, when the task finishes', async () => {
		const taskId = await createTask(['dev-0001', 'dev-0002']);
		for (const step of [1_500, 1_000, 10_000]) {
			emu.clock.advance(step);
			await emu.notifier.flush();
		}
		const pushed = emu.notifier.deliveries.map((d) => [d.status, d.delivered, d.attempts]);
		expect(pushed).toEqual([
			['Waitting', true, 1],
			['Processing', true, 1],
			['Success', true, 1],
		]);
		expect(emu.notifier.deliveries[0].body).toMatchObject({
			resource: 'batchtask',
			event: 'update',
			notify_data: { body: { task_id: taskId, task_type: 'firmwareUpgrade' } },
		});
		expect(emu.notifier.deliveries[0].url).toContain('token=***');
		expect(executions).toEqual([
			expect.objectContaining({
				task_id: taskId,
				task_name: 'fw_rollout',
				status: 'Success',
				source: 'push',
			}),
		]);
		await emu.notifier.flush();
		expect(emu.notifier.deliveries).toHaveLength(3);
	});

	// Huawei's push page lists firmware and software upgrades as the pushed task types (audit row 61).
	it('a task of another type is not pushed', async () => {
		await createTask(['dev-0001'], 'freeze', 'freezeDevices');
		emu.clock.advance(60_000);
		await emu.notifier.flush();
		expect(emu.notifier.deliveries).toEqual([]);
		expect(received).toBe(0);
	});

	// Nothing says whether IoTDA keeps the URL's query string (audit row 58); the secret rides in it. Both ways:
	for (const keepUrlQuery of [true, false]) {
		it(`with the query string ${keepUrlQuery ? 'kept' : 'dropped'} by IoTDA the push is ${keepUrlQuery ? 'accepted' : 'refused 401 and starts nothing'}`, async () => {
			emu.notifier.settings.keepUrlQuery = keepUrlQuery;
			try {
				await createTask(['dev-0001']);
				emu.clock.advance(60_000);
				await emu.notifier.flush();
			} finally {
				emu.notifier.settings.keepUrlQuery = true;
			}
			const last = emu.notifier.deliveries.at(-1)!;
			expect([last.status, last.response_status, last.delivered]).toEqual(
				keepUrlQuery ? ['Success', 200, true] : ['Success', 401, false],
			);
			expect(executions).toHaveLength(keepUrlQuery ? 1 : 0);
		});
	}

	it('a URL that does not answer 2xx gets the notification again (a few retries)', async () => {
		await createTask(['dev-0001']);
		answers = [500, 503];
		emu.clock.advance(60_000);
		await emu.notifier.flush();
		expect(
			emu.notifier.deliveries.map((d) => [d.status, d.attempts, d.response_status, d.delivered]),
		).toEqual([['Success', 3, 200, true]]);
		expect(received).toBe(3);
		expect(executions).toHaveLength(1);
	});

	it('gives up after the retries; after deactivation nothing is pushed', async () => {
		await createTask(['dev-0001']);
		answers = [500, 500, 500, 500];
		emu.clock.advance(60_000);
		await emu.notifier.flush();
		expect(emu.notifier.deliveries.map((d) => [d.attempts, d.delivered])).toEqual([[4, false]]);
		await hooks(r).delete();
		await createTask(['dev-0002'], 'second');
		emu.clock.advance(60_000);
		await emu.notifier.flush();
		expect(emu.notifier.deliveries).toHaveLength(1);
		expect(executions).toHaveLength(0);
	});
});
