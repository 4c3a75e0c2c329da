/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// Fault injection, admin endpoints, bad input and 1,000 concurrent requests.
import * as http from 'node:http';
import * as net from 'node:net';
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '.';
import { call, rawCall, send, signRequest } from './sdk-test-client';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 11 });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.reset();
	emu.config.maxUnfinishedPerSpace = 10;
});

const listApps = () => call(emu.url, { account: DEFAULT_ACCOUNT, method: 'GET', path: '/apps' });
const createTask = (name: string) =>
	call(emu.url, {
		account: DEFAULT_ACCOUNT,
		method: 'POST',
		path: '/batchtasks',
		json: { task_name: name, task_type: 'freezeDevices', targets: ['dev-0001'] },
	});

describe('faults (in-process)', () => {
	it('429 APIG.0308 with and without Retry-After, consumed after `times`', async () => {
		emu.faults.add({ kind: 'status', status: 429, retryAfter: 2, times: 1 });
		emu.faults.add({ kind: 'status', status: 429, times: 1 });
		const a = await listApps();
		expect([a.status, a.body.error_code, a.headers['retry-after']]).toEqual([
			429,
			'APIG.0308',
			'2',
		]);
		const b = await listApps();
		expect([b.status, b.body.error_code, b.headers['retry-after']]).toEqual([
			429,
			'APIG.0308',
			undefined,
		]);
		expect((await listApps()).status).toBe(200);
		expect(emu.log.map((e) => e.faultApplied)).toEqual(['status 429', 'status 429', undefined]);
	});

	it.each([500, 502, 503, 504])('%i with an IoTDA-shaped body', async (status) => {
		emu.faults.add({ kind: 'status', status, match: { method: 'GET', path: '/apps' } });
		const r = await listApps();
		expect(r.status).toBe(status);
		expect(typeof r.body.error_code).toBe('string');
		expect(typeof r.body.error_msg).toBe('string');
	});

	it('matches by method and path regex only', async () => {
		emu.faults.add({
			kind: 'status',
			status: 503,
			match: { method: 'POST', path: /\/batchtasks$/ },
			times: 5,
		});
		expect((await listApps()).status).toBe(200);
		expect((await createTask('blocked')).status).toBe(503);
		expect(emu.tasks()).toHaveLength(0);
		expect(emu.faults.list()[0].remaining).toBe(4);
	});

	it('connection reset destroys the socket and creates nothing', async () => {
		emu.faults.add({ kind: 'reset', match: { method: 'POST' } });
		await expect(createTask('reset_me')).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect(emu.tasksNamed('reset_me')).toHaveLength(0);
		expect(emu.log[0]).toMatchObject({ status: null, faultApplied: 'reset' });
	});

	it('commit-then-drop creates the task but the client never hears back', async () => {
		emu.faults.add({ kind: 'commitThenDrop', match: { method: 'POST', path: '/batchtasks' } });
		await expect(createTask('committed')).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect(emu.tasksNamed('committed')).toHaveLength(1);
		expect(emu.log[0]).toMatchObject({
			status: null,
			faultApplied: 'commitThenDrop',
			taskName: 'committed',
			ak: DEFAULT_ACCOUNT.ak,
		});
	});

	it('delay holds the response', async () => {
		emu.faults.add({ kind: 'delay', delayMs: 300 });
		const t0 = Date.now();
		expect((await listApps()).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
	});
});

describe('admin endpoints', () => {
	it('POST/GET/DELETE /__admin/faults, GET /__admin/log and /__admin/state, POST /__admin/config and /__admin/reset', async () => {
		const added = await rawCall(emu.url, 'POST', '/__admin/faults', {
			kind: 'status',
			status: 429,
			retryAfter: 1,
			times: 2,
			match: { pathRegex: '/apps$' },
		});
		expect(added.status).toBe(201);
		expect((await rawCall(emu.url, 'GET', '/__admin/faults')).body.faults).toHaveLength(1);
		expect((await listApps()).status).toBe(429);
		expect((await rawCall(emu.url, 'DELETE', '/__admin/faults')).status).toBe(204);
		expect((await listApps()).status).toBe(200);

		const cfg = await rawCall(emu.url, 'POST', '/__admin/config', {
			failureRate: 0.25,
			speed: 10,
			advanceMs: 1000,
		});
		expect(cfg.body).toMatchObject({ failureRate: 0.25, speed: 10 });
		expect((await rawCall(emu.url, 'POST', '/__admin/config', { failureRate: 2 })).status).toBe(
			400,
		);
		emu.clock.setSpeed(1);
		emu.setFailureRate(0);

		await createTask('via_admin');
		const state = await rawCall(emu.url, 'GET', '/__admin/state');
		expect(state.body.tasks.map((t: any) => t.task_name)).toEqual(['via_admin']);
		expect(state.body.accounts[0]).toMatchObject({ ak: DEFAULT_ACCOUNT.ak, tasks: 1 });
		const log = await rawCall(emu.url, 'GET', '/__admin/log');
		expect(log.body.entries.map((e: any) => [e.method, e.status])).toEqual([
			['GET', 429],
			['GET', 200],
			['POST', 201],
		]);
		expect((await rawCall(emu.url, 'POST', '/__admin/reset')).status).toBe(204);
		expect(emu.tasks()).toHaveLength(0);
		expect((await rawCall(emu.url, 'GET', '/__admin/nope')).status).toBe(404);
	});
});

describe('bad input never crashes the emulator', () => {
	it('malformed JSON → 400 IOTDA.000008', async () => {
		// UNSIGNED-PAYLOAD lets the SDK sign a request whose body it cannot produce itself.
		const broken = signRequest(emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'POST',
			path: '/batchtasks',
			headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
		});
		broken.body = Buffer.from('{"task_name": ');
		const r = await send(emu.url, broken);
		expect([r.status, r.body.error_code]).toEqual([400, 'IOTDA.000008']);
		expect(r.body.error_msg).toMatch(/not valid JSON/);
	});

	it('wrong content type → 400 IOTDA.000008', async () => {
		const json = { task_name: 'x', task_type: 'freezeDevices', targets: ['dev-0001'] };
		const text = await call(emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'POST',
			path: '/batchtasks',
			json,
			contentType: 'text/plain',
		});
		expect([text.status, text.body.error_code]).toEqual([400, 'IOTDA.000008']);
		expect(text.body.error_msg).toMatch(/Content-Type must be application\/json/);
		// The upload endpoint with a JSON content type (not signed for uploads, so only the format check applies).
		const up = signRequest(emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'POST',
			path: '/batchtask-files',
			file: { name: 'a.xlsx', content: 'x' },
		});
		up.headers['content-type'] = 'application/json';
		const r3 = await send(emu.url, up);
		expect([r3.status, r3.body.error_code]).toEqual([400, 'IOTDA.000008']);
		expect(emu.tasks()).toHaveLength(0);
	});

	it('body over 10 MB → 413 IOTDA.000008 and the emulator stays up', async () => {
		const r = await rawCall(
			emu.url,
			'POST',
			`/v5/iot/${DEFAULT_ACCOUNT.projectId}/batchtasks`,
			Buffer.alloc(10 * 1024 * 1024 + 1, 0x20),
		);
		expect([r.status, r.body.error_code]).toEqual([413, 'IOTDA.000008']);
		expect((await listApps()).status).toBe(200);
	});

	it('unknown paths and methods → 404 IOTDA.000029', async () => {
		const r1 = await rawCall(emu.url, 'GET', '/nothing');
		expect([r1.status, r1.body.error_code]).toEqual([404, 'IOTDA.000029']);
		const r2 = await call(emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'PUT',
			path: '/batchtasks',
		});
		expect([r2.status, r2.body.error_code]).toEqual([404, 'IOTDA.000029']);
		const r3 = await call(emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'GET',
			path: '/no-such-resource',
		});
		expect([r3.status, r3.body.error_code]).toEqual([404, 'IOTDA.000029']);
	});

	it('unsigned API calls → 401, garbage on the socket is survived', async () => {
		const r = await rawCall(emu.url, 'GET', `/v5/iot/${DEFAULT_ACCOUNT.projectId}/apps`);
		expect([r.status, r.body.error_code]).toEqual([401, 'IOTDA.000002']);
		await new Promise<void>((resolve) => {
			const sock = net.connect(emu.port, '127.0.0.1', () => sock.end('NOT HTTP AT ALL\r\n\r\n'));
			sock.on('close', () => resolve());
			sock.on('error', () => resolve());
		});
		const aborted = http.request({
			host: '127.0.0.1',
			port: emu.port,
			method: 'POST',
			path: '/v5/iot/x/batchtasks',
			headers: { 'content-length': '1000' },
		});
		aborted.on('error', () => undefined);
		aborted.write('{"a":');
		aborted.destroy();
		expect((await listApps()).status).toBe(200);
	});
});

describe('concurrency', () => {
	it('1,000 concurrent requests leave it up and consistent', async () => {
		emu.config.maxUnfinishedPerSpace = 1_000_000;
		const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
		const requests = Array.from({ length: 1000 }, (_, i) =>
			i % 2 === 0
				? signRequest(emu.url, {
						account: DEFAULT_ACCOUNT,
						method: 'POST',
						path: '/batchtasks',
						json: {
							task_name: `c_${i}`,
							task_type: 'freezeDevices',
							targets: ['dev-0001', 'dev-0002'],
						},
					})
				: signRequest(emu.url, {
						account: DEFAULT_ACCOUNT,
						method: 'GET',
						path: '/batchtasks',
						query: { task_type: 'freezeDevices', limit: 50 },
					}),
		);
		const replies = await Promise.all(requests.map((r) => send(emu.url, r, agent)));
		agent.destroy();
		expect(replies.filter((r) => r.status === 201)).toHaveLength(500);
		expect(replies.filter((r) => r.status === 200)).toHaveLength(500);
		const ids = replies.filter((r) => r.status === 201).map((r) => r.body.task_id);
		expect(new Set(ids).size).toBe(500);
		expect(new Set(replies.map((r) => r.headers['x-request-id'])).size).toBe(1000);
		expect(emu.tasks()).toHaveLength(500);
		for (let i = 0; i < 1000; i += 2) expect(emu.tasksNamed(`c_${i}`)).toHaveLength(1);
		expect(emu.log).toHaveLength(1000);
		const listed = await call(emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'GET',
			path: '/batchtasks',
			query: { task_type: 'freezeDevices', limit: 1 },
		});
		expect(listed.body.page.count).toBe(500);
	});
});
