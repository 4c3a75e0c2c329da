/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// Push mode's receiver and IoTDA's retries. IoTDA posts a status change and waits a while for a 2xx; without
// one in time it posts the same change again (the emulator's notifier: `timeoutMs`, then `retryDelaysMs`).
// The receiver reads the task from IoTDA (its name; with Include Task Details every failed device) before the
// workflow starts. When that reading outlasts IoTDA's wait — a slow or throttled IoTDA, thousands of failed
// devices — IoTDA must not be kept waiting, or each retry starts the workflow once more.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../emulator';
import { call } from '../../emulator/sdk-test-client';
import { credentialsFor } from '../../helpers/emulatorCredentials';
import { hooks, webhook, type TriggerRun } from '../../helpers/triggerHarness';

let emu: Emulator;
let server: http.Server;
let r: TriggerRun;
let executions: IDataObject[];
let answered: number[];

/**
 * Answers as n8n's webhook handler does (webhook-helpers.js executeWebhook): a response the node sent through
 * the response object goes out at once; otherwise n8n answers after webhook() returned (200 when it started the
 * workflow or returned a webhookResponse).
 */
function n8nLikeHandler(req: http.IncomingMessage, res: http.ServerResponse) {
	let text = '';
	req.on('data', (c) => (text += c));
	req.on('end', async () => {
		const query = Object.fromEntries(new URL(req.url!, 'http://x').searchParams);
		const started = Date.now();
		const send = (status: number) => {
			if (res.headersSent) return;
			answered.push(Date.now() - started);
			res.writeHead(status).end();
		};
		const { result, responded } = await webhook({
			...r,
			query,
			body: JSON.parse(text),
			onRespond: (status) => send(status),
		});
		if (result.workflowData) executions.push(...result.workflowData[0].map((i) => i.json));
		send(responded.status ?? 200);
	});
}

beforeAll(async () => {
	emu = await startEmulator({ seed: 8 });
	server = http.createServer(n8nLikeHandler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
	await emu.close();
});
beforeEach(async () => {
	emu.reset();
	emu.notifier.settings.retryDelaysMs = [10, 10, 10];
	emu.notifier.settings.timeoutMs = 300;
	executions = [];
	answered = [];
	r = {
		credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
		staticData: {},
		webhookBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
	};
});

async function finishedTask(): Promise<string> {
	const pkg = emu.state().catalog.packages.find((p) => p.package_type === 'firmwarePackage')!;
	const created = await call(emu.url, {
		account: DEFAULT_ACCOUNT,
		method: 'POST',
		path: '/batchtasks',
		json: {
			task_name: 'slow_read',
			task_type: 'firmwareUpgrade',
			targets: ['dev-0001'],
			document: { package_ids: [pkg.package_id] },
		},
	});
	expect(created.status).toBe(201);
	emu.clock.advance(60_000);
	return created.body.task_id;
}

/** Lets the push and its retries run, and the receivers still reading the task finish. */
async function deliver(): Promise<void> {
	await emu.notifier.flush();
	await new Promise((resolve) => setTimeout(resolve, 1_500));
}

describe('a push whose task takes longer to read than IoTDA waits for the answer', () => {
	for (const includeDetails of [false, true]) {
		it(`is answered at once and starts one execution (Include Task Details: ${includeDetails})`, async () => {
			r.parameters = { includeDetails };
			await hooks(r).create();
			const taskId = await finishedTask();
			// ShowBatchTask answers after 800 ms: longer than IoTDA's wait (300 ms here).
			emu.faults.add({
				kind: 'delay',
				delayMs: 800,
				times: -1,
				match: { method: 'GET', path: `/batchtasks/${taskId}` },
			});
			await deliver();
			expect(executions).toHaveLength(1);
			const pushed = emu.notifier.deliveries.map((d) => [d.status, d.attempts, d.delivered]);
			expect(pushed).toEqual([['Success', 1, true]]);
			expect(executions[0]).toMatchObject({ task_id: taskId, task_name: 'slow_read' });
			if (includeDetails) expect(executions[0]).toMatchObject({ failed_device_count: 0 });
			expect(Math.max(...answered)).toBeLessThan(300);
		});
	}

	it('a throttled read (429, Retry-After 1 s) still answers at once and starts one execution', async () => {
		await hooks(r).create();
		const taskId = await finishedTask();
		emu.faults.add({
			kind: 'status',
			status: 429,
			retryAfter: 1,
			times: 1,
			match: { method: 'GET', path: `/batchtasks/${taskId}` },
		});
		await deliver();
		expect(executions).toEqual([
			expect.objectContaining({ task_id: taskId, task_name: 'slow_read' }),
		]);
		expect(emu.notifier.deliveries.map((d) => [d.attempts, d.delivered])).toEqual([[1, true]]);
	});

	it('refusals and ignored notifications are still answered by status (401, 400, 200 ignored)', async () => {
		r.staticData = { secret: 's' };
		const body = (status: string) => ({
			resource: 'batchtask',
			event: 'update',
			notify_data: {
				body: { task_id: '0123456789abcdef01234567', task_type: 'firmwareUpgrade', status },
			},
		});
		const unauthorized = await webhook({ ...r, query: {}, body: body('Success') });
		expect(unauthorized.responded.status).toBe(401);
		const malformed = await webhook({ ...r, query: { token: 's' }, body: { resource: 'x' } });
		expect(malformed.responded.status).toBe(400);
		const ignored = await webhook({ ...r, query: { token: 's' }, body: body('Processing') });
		expect(ignored.result.workflowData).toBeUndefined();
		expect(ignored.result.webhookResponse).toMatchObject({ ignored: expect.any(String) });
	});
});
