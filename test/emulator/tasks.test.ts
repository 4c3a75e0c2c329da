/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// Task lifecycle on the emulator clock, the §4.7 state rules, and the listing endpoints.
import { DEFAULT_ACCOUNT, TASK_TIMING, startEmulator, type Emulator } from '.';
import { formatIotdaTime } from './time-format';
import { call } from './sdk-test-client';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 5 });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.reset();
	emu.setFailureRate(0);
	emu.config.failTargets.clear();
});

const api = (
	method: string,
	path: string,
	json?: unknown,
	query?: Record<string, string | number>,
) => call(emu.url, { account: DEFAULT_ACCOUNT, method, path, json, query });
const fwPackage = () =>
	emu.state().catalog.packages.find((p) => p.package_type === 'firmwarePackage')!.package_id;
const devices = (n: number, from = 1) =>
	Array.from({ length: n }, (_, i) => `dev-${String(from + i).padStart(4, '0')}`);
const upgrade = (name: string, targets: string[], extra: Record<string, unknown> = {}) =>
	api('POST', '/batchtasks', {
		task_name: name,
		task_type: 'firmwareUpgrade',
		targets,
		document: { package_ids: [fwPackage()] },
		...extra,
	});
const show = (id: string, query: Record<string, string | number> = {}) =>
	api('GET', `/batchtasks/${id}`, undefined, { limit: 50, ...query });
const statusOf = async (id: string) => (await show(id)).body.batchtask.status;

describe('lifecycle', () => {
	it('goes Initializing → Waitting → Processing → Success with consistent progress', async () => {
		const created = await upgrade('life', devices(3));
		expect(created.status).toBe(201);
		expect(created.body.status).toBe('Initializing');
		expect(created.body.task_progress).toMatchObject({ total: 3, waitting: 3, success: 0 });
		const id = created.body.task_id;
		emu.clock.advance(TASK_TIMING.initMs + 10);
		expect(await statusOf(id)).toBe('Waitting');
		emu.clock.advance(TASK_TIMING.waitMs);
		const processing = await show(id);
		expect(processing.body.batchtask.status).toBe('Processing');
		expect(processing.body.batchtask.task_progress).toMatchObject({ total: 3, processing: 3 });
		emu.clock.advance(TASK_TIMING.attemptMs);
		const done = await show(id);
		expect(done.body.batchtask.status).toBe('Success');
		expect(done.body.batchtask.task_progress).toMatchObject({
			total: 3,
			success: 3,
			fail: 0,
			processing: 0,
			waitting: 0,
		});
		expect(done.body.task_details.map((d: any) => [d.target, d.status])).toEqual(
			devices(3).map((d) => [d, 'Success']),
		);
	});

	it('reports unknown devices and failing devices per sub-task (PartialSuccess, Fail)', async () => {
		emu.failTargets(['dev-0002']);
		const id = (await upgrade('partial', ['dev-0001', 'dev-0002', 'ghost-device'])).body.task_id;
		emu.clock.advance(60_000);
		const r = await show(id);
		expect(r.body.batchtask.status).toBe('PartialSuccess');
		expect(r.body.batchtask.task_progress).toMatchObject({ total: 3, success: 1, fail: 2 });
		const byTarget = Object.fromEntries(r.body.task_details.map((d: any) => [d.target, d]));
		expect(byTarget['ghost-device'].error.error_code).toBe('IOTDA.014000');
		expect(byTarget['dev-0002'].error.error_code).toBe('IOTDA.014016');
		const allFail = (await upgrade('all_fail', ['ghost-1', 'ghost-2'])).body.task_id;
		emu.clock.advance(60_000);
		expect(await statusOf(allFail)).toBe('Fail');
	});

	it('applies the failure rate deterministically from the seed', async () => {
		emu.setFailureRate(0.3);
		const id = (await upgrade('rate', devices(100))).body.task_id;
		emu.clock.advance(60_000);
		const p = (await show(id)).body.batchtask.task_progress;
		expect(p.success + p.fail).toBe(100);
		expect(p.fail).toBeGreaterThan(10);
		expect(p.fail).toBeLessThan(50);
		const failed = await show(id, { task_detail_status: 'Fail' });
		expect(failed.body.page.count).toBe(p.fail);
		for (const d of failed.body.task_details)
			expect(d.error.error_code).toMatch(/^IOTDA\.0140(16|17)$|^IOTDA\.0141(11|12)$/);
	});

	it('honours retry_count and retry_interval in emulator time', async () => {
		emu.failTargets(['dev-0001']);
		const id = (
			await upgrade('retries', ['dev-0001'], {
				task_policy: { retry_count: 2, retry_interval: 10 },
			})
		).body.task_id;
		emu.clock.advance(TASK_TIMING.initMs + TASK_TIMING.waitMs + TASK_TIMING.attemptMs + 10);
		const first = await show(id);
		expect(first.body.task_details[0].status).toBe('FailWaitRetry');
		expect(first.body.batchtask.task_progress.fail_wait_retry).toBe(1);
		expect(first.body.batchtask.status).toBe('Processing');
		emu.clock.advance(10 * 60_000 + TASK_TIMING.attemptMs); // second attempt fails too
		expect((await show(id)).body.task_details[0].status).toBe('FailWaitRetry');
		emu.clock.advance(10 * 60_000 + TASK_TIMING.attemptMs); // third and last attempt
		expect((await show(id)).body.task_details[0].status).toBe('Fail');
		expect(await statusOf(id)).toBe('Fail');
	});

	it('holds a scheduled task in Waitting until schedule_time', async () => {
		const at = formatIotdaTime(emu.clock.now() + 3600_000);
		const id = (await upgrade('scheduled', devices(2), { task_policy: { schedule_time: at } })).body
			.task_id;
		emu.clock.advance(59 * 60_000);
		expect(await statusOf(id)).toBe('Waitting');
		emu.clock.advance(60_000 + 500);
		expect(await statusOf(id)).toBe('Processing');
		emu.clock.advance(60_000);
		expect(await statusOf(id)).toBe('Success');
	});

	it('runs 30,000 targets in batches and lists their details cheaply', async () => {
		const targets = Array.from({ length: 30_000 }, (_, i) => `bulk-${i}`);
		const created = await upgrade('bulk', targets);
		expect(created.body.task_progress.total).toBe(30_000);
		emu.clock.advance(TASK_TIMING.initMs + TASK_TIMING.waitMs + TASK_TIMING.attemptMs + 10);
		const mid = (await show(created.body.task_id)).body.batchtask.task_progress;
		expect(mid.fail).toBe(TASK_TIMING.parallel); // unknown devices fail, one batch done
		expect(mid.processing).toBe(TASK_TIMING.parallel);
		expect(mid.waitting).toBe(30_000 - 2 * TASK_TIMING.parallel);
	});
});

describe('state rules (§4.7)', () => {
	const expectStateError = (r: { status: number; body: any }, id: string, re: RegExp) => {
		expect(r.status).toBe(400);
		expect(r.body.error_code).toBe('IOTDA.000006');
		expect(r.body.error_msg).toContain(id);
		expect(r.body.error_msg).toMatch(re);
	};

	it('unknown task → 404 on show, delete, stop, retry, confirm', async () => {
		const id = 'aaaaaaaaaaaaaaaaaaaaaaaa';
		for (const [m, p] of [
			['GET', `/batchtasks/${id}`],
			['DELETE', `/batchtasks/${id}`],
			['POST', `/batchtasks/${id}/stop`],
			['POST', `/batchtasks/${id}/retry`],
			['POST', `/batchtasks/${id}/confirm`],
		]) {
			const r = await api(m, p, m === 'POST' ? {} : undefined);
			expect([m, p, r.status]).toEqual([m, p, 404]);
			expect(r.body.error_msg).toContain(id);
		}
	});

	it('delete only when finished, then 204 and gone', async () => {
		const id = (await upgrade('del', devices(1))).body.task_id;
		expectStateError(
			await api('DELETE', `/batchtasks/${id}`),
			id,
			/Initializing: delete is allowed only when/,
		);
		emu.clock.advance(60_000);
		expect((await api('DELETE', `/batchtasks/${id}`)).status).toBe(204);
		expect((await show(id)).status).toBe(404);
	});

	it('stop only for firmware/software upgrades', async () => {
		const id = (
			await api('POST', '/batchtasks', {
				task_name: 'freeze',
				task_type: 'freezeDevices',
				targets: ['dev-0001'],
			})
		).body.task_id;
		expectStateError(
			await api('POST', `/batchtasks/${id}/stop`, {}),
			id,
			/task_type freezeDevices: stop is only supported/,
		);
	});

	it('stop {} stops all pending sub-tasks: Stopping then Stopped; rejected when Stopping or finished', async () => {
		const id = (await upgrade('stop_all', devices(5))).body.task_id;
		const r = await api('POST', `/batchtasks/${id}/stop`, {});
		expect(r.status).toBe(200);
		expect(r.body.targets).toHaveLength(5);
		expect(r.body.targets.every((t: any) => t.status === 'success')).toBe(true);
		expect(await statusOf(id)).toBe('Stopping');
		expectStateError(
			await api('POST', `/batchtasks/${id}/stop`, {}),
			id,
			/Stopping: stop is not allowed/,
		);
		expectStateError(
			await api('POST', `/batchtasks/${id}/retry`, {}),
			id,
			/Stopping: retry is not allowed/,
		);
		expectStateError(
			await api('POST', `/batchtasks/${id}/confirm`, {}),
			id,
			/Stopping: confirm is not allowed/,
		);
		emu.clock.advance(TASK_TIMING.stopMs + 1);
		const stopped = await show(id);
		expect(stopped.body.batchtask.status).toBe('Stopped');
		expect(stopped.body.batchtask.task_progress.stopped).toBe(5);
		expectStateError(
			await api('POST', `/batchtasks/${id}/stop`, {}),
			id,
			/Stopped: stop is not allowed/,
		);
		expectStateError(
			await api('POST', `/batchtasks/${id}/retry`, {}),
			id,
			/Stopped: retry is not allowed/,
		);
	});

	it('stop with targets reports success and failure per target; more than 100 targets is 400', async () => {
		const id = (await upgrade('stop_some', devices(3))).body.task_id;
		const r = await api('POST', `/batchtasks/${id}/stop`, { targets: ['dev-0001', 'dev-0999'] });
		expect(r.body.targets).toEqual([
			{ target: 'dev-0001', status: 'success' },
			expect.objectContaining({
				target: 'dev-0999',
				status: 'failure',
				error_code: expect.any(String),
				error_msg: expect.stringContaining('not a target'),
			}),
		]);
		const again = await api('POST', `/batchtasks/${id}/stop`, { targets: ['dev-0001'] });
		expect(again.body.targets[0]).toMatchObject({
			status: 'failure',
			error_msg: expect.stringContaining('Stopped'),
		});
		const tooMany = await api('POST', `/batchtasks/${id}/stop`, { targets: devices(101) });
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.error_msg).toMatch(/targets must have at most 100/);
		emu.clock.advance(60_000);
		const done = await show(id);
		expect(done.body.batchtask.status).toBe('PartialSuccess');
		expect(done.body.batchtask.task_progress).toMatchObject({ success: 2, stopped: 1 });
	});

	it('stop is rejected on a finished task', async () => {
		const id = (await upgrade('done_stop', devices(1))).body.task_id;
		emu.clock.advance(60_000);
		expectStateError(
			await api('POST', `/batchtasks/${id}/stop`, {}),
			id,
			/Success: stop is not allowed/,
		);
	});

	it('retry: rejected in Initializing, Waitting and Success; re-runs failed sub-tasks of a Fail task', async () => {
		emu.failTargets(['dev-0001']);
		const id = (await upgrade('retry_me', ['dev-0001', 'dev-0002'])).body.task_id;
		expectStateError(
			await api('POST', `/batchtasks/${id}/retry`, {}),
			id,
			/Initializing: retry is not allowed/,
		);
		emu.clock.advance(TASK_TIMING.initMs + 10);
		expectStateError(
			await api('POST', `/batchtasks/${id}/retry`, {}),
			id,
			/Waitting: retry is not allowed/,
		);
		emu.clock.advance(60_000);
		expect(await statusOf(id)).toBe('PartialSuccess');
		const r = await api('POST', `/batchtasks/${id}/retry`, {});
		expect(r.body.targets).toEqual([{ target: 'dev-0001', status: 'success' }]);
		expect(await statusOf(id)).toBe('Processing');
		emu.clock.advance(60_000);
		expect(await statusOf(id)).toBe('PartialSuccess'); // dev-0001 always fails

		const ok = (await upgrade('all_ok', ['dev-0003'])).body.task_id;
		emu.clock.advance(60_000);
		expectStateError(
			await api('POST', `/batchtasks/${ok}/retry`, {}),
			ok,
			/Success: retry is not allowed/,
		);
	});

	it('retry re-rolls outcomes so a flaky failure can succeed', async () => {
		emu.setFailureRate(0.5);
		const id = (await upgrade('flaky', devices(40))).body.task_id;
		emu.clock.advance(60_000);
		const before = (await show(id)).body.batchtask.task_progress;
		expect(before.fail).toBeGreaterThan(0);
		emu.setFailureRate(0); // new failure rate does not apply to existing tasks...
		await api('POST', `/batchtasks/${id}/retry`, { targets: ['dev-0001', 'dev-0002'] });
		emu.clock.advance(60_000);
		const after = (await show(id)).body.batchtask.task_progress;
		expect(after.success + after.fail).toBe(40);
	});

	it('retry and confirm only for upgrade types', async () => {
		const id = (
			await api('POST', '/batchtasks', {
				task_name: 'cmd',
				task_type: 'createCommands',
				targets: ['dev-0001'],
				document: { paras: { value: 'ON' } },
			})
		).body.task_id;
		expectStateError(
			await api('POST', `/batchtasks/${id}/retry`, {}),
			id,
			/createCommands: retry is only supported/,
		);
		expectStateError(
			await api('POST', `/batchtasks/${id}/confirm`, {}),
			id,
			/createCommands: confirm is only supported/,
		);
	});

	it('need_confirm holds sub-tasks in Waitting until confirmed; confirm rejected once finished', async () => {
		const id = (await upgrade('confirm_me', devices(2), { need_confirm: true })).body.task_id;
		emu.clock.advance(60_000);
		const waiting = await show(id);
		expect(waiting.body.batchtask.status).toBe('Processing');
		expect(waiting.body.batchtask.task_progress.waitting).toBe(2);
		const one = await api('POST', `/batchtasks/${id}/confirm`, { targets: ['dev-0001'] });
		expect(one.body.targets).toEqual([{ target: 'dev-0001', status: 'success' }]);
		const rest = await api('POST', `/batchtasks/${id}/confirm`, {});
		expect(rest.body.targets).toEqual([{ target: 'dev-0002', status: 'success' }]);
		emu.clock.advance(60_000);
		expect(await statusOf(id)).toBe('Success');
		expectStateError(
			await api('POST', `/batchtasks/${id}/confirm`, {}),
			id,
			/Success: confirm is not allowed/,
		);
	});
});

describe('listing endpoints', () => {
	it('apps, with default_app filter', async () => {
		const all = await api('GET', '/apps');
		expect(all.body.applications).toHaveLength(2);
		const d = await api('GET', '/apps', undefined, { default_app: 'true' });
		expect(d.body.applications.map((a: any) => a.app_id)).toEqual([
			emu.state().catalog.defaultAppId,
		]);
	});

	it('device groups', async () => {
		const r = await api('GET', '/device-group', undefined, { limit: 50 });
		expect(r.body.page.count).toBe(5);
		expect(r.body.device_groups.map((g: any) => g.name)).toContain('BuildingNorth');
	});

	it('OTA packages need package_type', async () => {
		const missing = await api('GET', '/ota-upgrades/packages');
		expect(missing.status).toBe(400);
		expect(missing.body.error_msg).toMatch(/package_type is required/);
		const fw = await api('GET', '/ota-upgrades/packages', undefined, {
			package_type: 'firmwarePackage',
		});
		expect(fw.body.packages.length).toBeGreaterThan(1);
		expect(fw.body.packages.every((p: any) => p.package_type === 'firmwarePackage')).toBe(true);
	});

	it('products and show product with commands and properties', async () => {
		const list = await api('GET', '/products');
		expect(list.body.products.length).toBe(3);
		expect(list.body.products[0].service_capabilities).toBeUndefined();
		const sw = list.body.products.find((p: any) => p.name === 'SmartSwitch');
		const product = await api('GET', `/products/${sw.product_id}`);
		const cmd = product.body.service_capabilities[0].commands[0];
		expect([
			product.body.service_capabilities[0].service_id,
			cmd.command_name,
			cmd.paras[0].para_name,
			cmd.paras[0].enum_list,
		]).toEqual(['Switch', 'ON_OFF', 'value', ['ON', 'OFF']]);
		expect(product.body.service_capabilities[0].properties.length).toBeGreaterThan(0);
	});

	it('batch task files: upload (xlsx/xls only, at most 10), list, delete', async () => {
		const bad = await call(emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'POST',
			path: '/batchtask-files',
			file: { name: 'devices.csv', content: 'a\n' },
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error_msg).toMatch(/only .xlsx and .xls/);
		const ids: string[] = [];
		for (let i = 0; i < 10; i++) {
			const r = await call(emu.url, {
				account: DEFAULT_ACCOUNT,
				method: 'POST',
				path: '/batchtask-files',
				file: { name: `f${i}.xlsx`, content: 'h\nr\n' },
			});
			expect(r.status).toBe(201);
			expect(r.body.upload_time).toMatch(/^\d{8}T\d{6}Z$/);
			ids.push(r.body.file_id);
		}
		const eleventh = await call(emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'POST',
			path: '/batchtask-files',
			file: { name: 'f10.xlsx', content: 'h\nr\n' },
		});
		expect(eleventh.status).toBe(400);
		expect(eleventh.body.error_msg).toMatch(/at most 10/);
		expect((await api('GET', '/batchtask-files')).body.files).toHaveLength(10);
		expect((await api('DELETE', `/batchtask-files/${ids[0]}`)).status).toBe(204);
		expect((await api('DELETE', `/batchtask-files/${ids[0]}`)).status).toBe(404);
		expect((await api('GET', '/batchtask-files')).body.files).toHaveLength(9);
	});

	it('list batch tasks needs task_type and validates limit/offset/marker', async () => {
		const noType = await api('GET', '/batchtasks');
		expect([noType.status, noType.body.error_code]).toEqual([400, 'IOTDA.000006']);
		// IOTDA.000017 is "'limit' is out of range" (DOC-ERR); offset gets the generic invalid-input code.
		for (const q of [{ limit: 0 }, { limit: 51 }, { limit: 'x' }] as Record<
			string,
			string | number
		>[]) {
			const r = await api('GET', '/batchtasks', undefined, { task_type: 'firmwareUpgrade', ...q });
			expect([JSON.stringify(q), r.status, r.body.error_code]).toEqual([
				JSON.stringify(q),
				400,
				'IOTDA.000017',
			]);
		}
		for (const q of [{ offset: 501 }, { offset: -1 }] as Record<string, string | number>[]) {
			const r = await api('GET', '/batchtasks', undefined, { task_type: 'firmwareUpgrade', ...q });
			expect([JSON.stringify(q), r.status, r.body.error_code, r.body.error_msg]).toEqual([
				JSON.stringify(q),
				400,
				'IOTDA.000006',
				expect.stringMatching(/offset must be/),
			]);
		}
		const badMarker = await api('GET', '/batchtasks', undefined, {
			task_type: 'firmwareUpgrade',
			marker: 'xyz',
		});
		expect(badMarker.status).toBe(400);
		const r = await api('GET', '/batchtasks', undefined, {
			task_type: 'firmwareUpgrade',
			limit: 50,
			offset: 500,
		});
		expect(r.status).toBe(200);
	});

	it('list filters by status and app_id and defaults to limit 10, newest first', async () => {
		emu.seedFinishedTasks(12, { taskType: 'firmwareUpgrade' });
		const running = (await upgrade('running', devices(1))).body.task_id;
		const r = await api('GET', '/batchtasks', undefined, { task_type: 'firmwareUpgrade' });
		expect(r.body.batchtasks).toHaveLength(10);
		expect(r.body.page.count).toBe(13);
		expect(r.body.batchtasks[0].task_id).toBe(running);
		const ids = r.body.batchtasks.map((t: any) => t.task_id);
		expect([...ids].sort().reverse()).toEqual(ids);
		const init = await api('GET', '/batchtasks', undefined, {
			task_type: 'firmwareUpgrade',
			status: 'Initializing',
		});
		expect(init.body.batchtasks.map((t: any) => t.task_id)).toEqual([running]);
		const other = emu.state().catalog.apps.find((a) => !a.default_app)!.app_id;
		expect(
			(await api('GET', '/batchtasks', undefined, { task_type: 'firmwareUpgrade', app_id: other }))
				.body.page.count,
		).toBe(0);
	});
});

describe('clock speed', () => {
	it('speed 1e6 finishes tasks within real milliseconds; the wall-clock auth check is unaffected', async () => {
		const fast = await startEmulator({ speed: 1e6 });
		try {
			const r = await call(fast.url, {
				account: DEFAULT_ACCOUNT,
				method: 'POST',
				path: '/batchtasks',
				json: { task_name: 'fast', task_type: 'freezeDevices', targets: ['dev-0001'] },
			});
			expect(r.status).toBe(201);
			await new Promise((res) => setTimeout(res, 20));
			expect(fast.tasksNamed('fast')[0].status).toBe('Success');
		} finally {
			await fast.close();
		}
	});

	it('speed can be changed at run time without moving time backwards', () => {
		const before = emu.clock.now();
		emu.clock.setSpeed(1000);
		emu.clock.setSpeed(1);
		expect(emu.clock.now()).toBeGreaterThanOrEqual(before);
		expect(() => emu.clock.setSpeed(0)).toThrow(/positive/);
		expect(() => emu.clock.advance(-1)).toThrow(/non-negative/);
	});
});
