/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// The emulator models IoTDA as Huawei's SDK models and docs define it (issue #13 "Emulator"; audit rows in
// ../shared/reference/iotda-fidelity-audit.md): server generations, no-target tasks, file aging, sub-task
// paging, the Task response model, sub-task error meanings and the 403 rate-limit answer.
import { DEFAULT_ACCOUNT, INSTANCE_ACCOUNT, TASK_TIMING, startEmulator, type Emulator } from '.';
import { call, rawCall } from './sdk-test-client';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 11 });
});
afterAll(() => emu.close());
beforeEach(() => {
	emu.reset();
	emu.setGeneration('current');
	emu.setFailureRate(0);
	emu.config.omitDetailMarker = false;
});

const api = (
	method: string,
	path: string,
	json?: unknown,
	query?: Record<string, string | number>,
	account = DEFAULT_ACCOUNT,
) => call(emu.url, { account, method, path, json, query });
const pkg = (type: string, account = DEFAULT_ACCOUNT) =>
	emu.state(account.ak).catalog.packages.find((p) => p.package_type === type)!.package_id;
const devices = (n: number, from = 1) =>
	Array.from({ length: n }, (_, i) => `dev-${String(from + i).padStart(4, '0')}`);
const upgrade = (
	document: unknown,
	extra: Record<string, unknown> = {},
	account = DEFAULT_ACCOUNT,
) =>
	api(
		'POST',
		'/batchtasks',
		{ task_name: 'fw', task_type: 'firmwareUpgrade', targets: ['dev-0001'], document, ...extra },
		undefined,
		account,
	);
const finish = () => emu.clock.advance(10 * 60_000);

describe('server generations (audit row 3)', () => {
	it('current (default) takes document.package_ids, one or several, and refuses package_id naming it', async () => {
		const fw = pkg('firmwarePackage');
		expect((await upgrade({ package_ids: [fw] })).status).toBe(201);
		const two = emu
			.state()
			.catalog.packages.filter((p) => p.package_type === 'firmwarePackage')
			.slice(0, 2)
			.map((p) => p.package_id);
		const several = await upgrade({ package_ids: two });
		expect([several.status, several.body.document]).toEqual([201, { package_ids: two }]);
		const legacyForm = await upgrade({ package_id: fw });
		expect([legacyForm.status, legacyForm.body.error_code]).toEqual([400, 'IOTDA.000006']);
		expect(legacyForm.body.error_msg).toMatch(
			/document\.package_id is not supported: use document\.package_ids/,
		);
		expect(emu.tasks()).toHaveLength(2);
	});

	it('legacy takes document.package_id only and refuses package_ids and moduleUpgrade', async () => {
		emu.setGeneration('legacy');
		const fw = pkg('firmwarePackage');
		expect((await upgrade({ package_id: fw })).status).toBe(201);
		const current = await upgrade({ package_ids: [fw] });
		expect([current.status, current.body.error_code]).toEqual([400, 'IOTDA.000006']);
		expect(current.body.error_msg).toMatch(
			/document\.package_ids is not supported: use document\.package_id/,
		);
		const missing = await upgrade({});
		expect(missing.body.error_msg).toMatch(/document\.package_id is required for firmwareUpgrade/);
		const module = await api('POST', '/batchtasks', {
			task_name: 'm',
			task_type: 'moduleUpgrade',
			targets: ['dev-0101'],
			document: { package_ids: [pkg('modulePackage')] },
		});
		expect([module.status, module.body.error_msg]).toEqual([
			400,
			expect.stringMatching(/task_type must be one of/),
		]);
		expect(emu.tasks()).toHaveLength(1);
	});

	it('is chosen per account (setGeneration with an AK) or for all by the admin switch', async () => {
		emu.setGeneration('legacy', INSTANCE_ACCOUNT.ak);
		expect((await upgrade({ package_ids: [pkg('firmwarePackage')] })).status).toBe(201);
		const inst = await upgrade(
			{ package_ids: [pkg('firmwarePackage', INSTANCE_ACCOUNT)] },
			{},
			INSTANCE_ACCOUNT,
		);
		expect(inst.status).toBe(400);
		expect(
			(
				await upgrade(
					{ package_id: pkg('firmwarePackage', INSTANCE_ACCOUNT) },
					{},
					INSTANCE_ACCOUNT,
				)
			).status,
		).toBe(201);

		const set = await rawCall(emu.url, 'POST', '/__admin/config', { generation: 'legacy' });
		expect([set.status, set.body.generation]).toEqual([200, 'legacy']);
		expect((await upgrade({ package_ids: [pkg('firmwarePackage')] })).status).toBe(400);
		const bad = await rawCall(emu.url, 'POST', '/__admin/config', { generation: 'v4' });
		expect([bad.status, bad.body.error_msg]).toEqual([
			400,
			expect.stringMatching(/generation must be one of current, legacy/),
		]);
	});

	it('moduleUpgrade: modulePackage packages, need_confirm, Confirm, listed by task_type', async () => {
		const wrong = await api('POST', '/batchtasks', {
			task_name: 'm',
			task_type: 'moduleUpgrade',
			targets: ['dev-0101'],
			document: { package_ids: [pkg('firmwarePackage')] },
		});
		expect(wrong.body.error_msg).toMatch(/moduleUpgrade needs a modulePackage/);
		const created = await api('POST', '/batchtasks', {
			task_name: 'modem',
			task_type: 'moduleUpgrade',
			targets: devices(3, 101),
			need_confirm: true,
			document: { package_ids: [pkg('modulePackage')] },
		});
		expect([created.status, created.body.need_confirm, created.body.task_type]).toEqual([
			201,
			true,
			'moduleUpgrade',
		]);
		const id = created.body.task_id;
		finish();
		const waiting = await api('GET', `/batchtasks/${id}`);
		expect(waiting.body.batchtask.task_progress).toMatchObject({
			total: 3,
			waitting: 3,
			success: 0,
		});
		const confirmed = await api('POST', `/batchtasks/${id}/confirm`, {});
		expect(confirmed.body.targets.map((t: any) => t.status)).toEqual([
			'success',
			'success',
			'success',
		]);
		finish();
		expect((await api('GET', `/batchtasks/${id}`)).body.batchtask.status).toBe('Success');
		const listed = await api('GET', '/batchtasks', undefined, { task_type: 'moduleUpgrade' });
		expect(listed.body.batchtasks.map((t: any) => t.task_id)).toEqual([id]);
	});
});

describe('tasks that resolve to no targets end Fail (audit rows 5, 6)', () => {
	const byGroups = (group_ids: string[]) =>
		api('POST', '/batchtasks', {
			task_name: 'grp',
			task_type: 'firmwareUpgrade',
			targets_filter: { group_ids },
			document: { package_ids: [pkg('firmwarePackage')] },
		});

	it('unknown group ids: 201, then Fail with 0 sub-tasks and a status_desc naming them', async () => {
		const created = await byGroups(['123456789', '987654321']);
		expect([created.status, created.body.status, created.body.task_progress.total]).toEqual([
			201,
			'Initializing',
			0,
		]);
		emu.clock.advance(TASK_TIMING.initMs);
		const shown = await api('GET', `/batchtasks/${created.body.task_id}`);
		expect(shown.body.batchtask.status).toBe('Fail');
		expect(shown.body.batchtask.status_desc).toMatch(/123456789, 987654321 do not exist/);
		expect(shown.body.task_details).toEqual([]);
		expect(shown.body.page.count).toBe(0);
	});

	it('an empty group or a header-only file also ends Fail; a known group next to an unknown one runs on its members', async () => {
		const empty = emu.state().catalog.groups.find((g) => g.name === 'EmptyGroup')!.group_id;
		const emptyTask = (await byGroups([empty])).body.task_id;
		const up = await call(emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'POST',
			path: '/batchtask-files',
			file: { name: 'empty.xlsx', content: 'device_id\n' },
		});
		const fileTask = (
			await api('POST', '/batchtasks', {
				task_name: 'file',
				task_type: 'freezeDevices',
				document_source: up.body.file_id,
			})
		).body.task_id;
		const south = emu.state().catalog.groups.find((g) => g.name === 'BuildingSouth')!.group_id;
		const mixed = await byGroups([south, '123456789']);
		finish();
		for (const id of [emptyTask, fileTask]) {
			const b = (await api('GET', `/batchtasks/${id}`)).body.batchtask;
			expect([b.status, b.task_progress.total, b.status_desc.length > 0]).toEqual([
				'Fail',
				0,
				true,
			]);
		}
		const m = (await api('GET', `/batchtasks/${mixed.body.task_id}`)).body.batchtask;
		expect([m.status, m.task_progress.total]).toEqual(['Success', 50]);
	});
});

describe('batch task files (audit rows 10, 27)', () => {
	const upload = (name: string, content: string) =>
		call(emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'POST',
			path: '/batchtask-files',
			file: { name, content },
		});
	const rows = (n: number) =>
		['device_id', ...Array.from({ length: n }, (_, i) => `d-${i}`)].join('\n');

	it('age out one hour after upload (emulator clock): gone from the list, unusable, not deletable', async () => {
		const early = (await upload('early.xlsx', rows(2))).body.file_id;
		emu.clock.advance(30 * 60_000);
		const late = (await upload('late.xlsx', rows(2))).body.file_id;
		// The emulator clock also runs with the wall clock, hence a margin of a few seconds.
		emu.clock.advance(30 * 60_000 - 5_000);
		expect((await api('GET', '/batchtask-files')).body.files.map((f: any) => f.file_id)).toEqual([
			early,
			late,
		]);
		emu.clock.advance(5_000);
		expect((await api('GET', '/batchtask-files')).body.files.map((f: any) => f.file_id)).toEqual([
			late,
		]);
		const use = await api('POST', '/batchtasks', {
			task_name: 'old',
			task_type: 'freezeDevices',
			document_source: early,
		});
		expect([use.status, use.body.error_msg]).toEqual([
			400,
			expect.stringMatching(/document_source .* is not an uploaded batch task file/),
		]);
		expect((await api('DELETE', `/batchtask-files/${early}`)).status).toBe(404);
		expect(
			(
				await api('POST', '/batchtasks', {
					task_name: 'fresh',
					task_type: 'freezeDevices',
					document_source: late,
				})
			).status,
		).toBe(201);
	});

	it('aged files no longer count toward the 10 held files', async () => {
		for (let i = 0; i < 10; i++) expect((await upload(`f${i}.xlsx`, rows(1))).status).toBe(201);
		expect((await upload('eleventh.xlsx', rows(1))).status).toBe(400);
		emu.clock.advance(3_600_000);
		expect((await upload('eleventh.xlsx', rows(1))).status).toBe(201);
	});

	// Audit row 44: the current UploadBatchTaskFile page says 100,000 rows (the SDK models' older text 30,000).
	it('hold at most 100,000 rows (header not counted)', async () => {
		expect((await upload('over_sdk.xlsx', rows(30_001))).status).toBe(201);
		expect((await upload('full.xlsx', rows(100_000))).status).toBe(201);
		const over = await upload('over.xlsx', rows(100_001));
		expect([over.status, over.body.error_code, over.body.error_msg]).toEqual([
			400,
			'IOTDA.000006',
			expect.stringMatching(/at most 100000 rows.*got 100001/),
		]);
	});

	// Audit row 45: the old UploadBatchTaskFile page's error table lists IOTDA.014602 for a name already held.
	it('refuse a file name that is already held (IOTDA.014602); once it aged out the name is free', async () => {
		expect((await upload('dup.xlsx', rows(1))).status).toBe(201);
		const again = await upload('dup.xlsx', rows(1));
		expect([again.status, again.body.error_code]).toEqual([400, 'IOTDA.014602']);
		emu.clock.advance(3_600_000);
		expect((await upload('dup.xlsx', rows(1))).status).toBe(201);
	});
});

describe('sub-task paging (audit row 4)', () => {
	const bigTask = async (n: number) => {
		const ids = Array.from({ length: n }, (_, i) => `d-${String(i).padStart(5, '0')}`);
		return (
			await api('POST', '/batchtasks', {
				task_name: 'big',
				task_type: 'freezeDevices',
				targets: ids,
			})
		).body.task_id as string;
	};

	it('records have no id; marker paging reads every sub-task once, in target order', async () => {
		const id = await bigTask(120);
		const seen: string[] = [];
		let marker: string | undefined;
		for (let guard = 0; guard < 10; guard++) {
			const r = await api('GET', `/batchtasks/${id}`, undefined, {
				limit: 50,
				...(marker ? { marker } : {}),
			});
			expect(r.body.page.count).toBe(120);
			for (const d of r.body.task_details) {
				expect(Object.keys(d).sort()).toEqual(expect.arrayContaining(['status', 'target']));
				expect(d).not.toHaveProperty('id');
				expect(d).not.toHaveProperty('record_id');
			}
			seen.push(...r.body.task_details.map((d: any) => d.target));
			if (r.body.task_details.length < 50) break;
			expect(r.body.page.marker).toMatch(/^[0-9a-f]{24}$/);
			marker = r.body.page.marker;
		}
		expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => `d-${String(i).padStart(5, '0')}`));
	});

	it('the "no marker" switch leaves page.marker out; offset (0-500) still pages, beyond 500 is refused', async () => {
		const id = await bigTask(600);
		const set = await rawCall(emu.url, 'POST', '/__admin/config', { omitDetailMarker: true });
		expect(set.body.omitDetailMarker).toBe(true);
		const first = await api('GET', `/batchtasks/${id}`, undefined, { limit: 50 });
		expect(first.body.page).toEqual({ count: 600 });
		expect(first.body.task_details).toHaveLength(50);
		const last = await api('GET', `/batchtasks/${id}`, undefined, { limit: 50, offset: 500 });
		expect(last.body.task_details.map((d: any) => d.target)).toEqual(
			Array.from({ length: 50 }, (_, i) => `d-${String(500 + i).padStart(5, '0')}`),
		);
		const beyond = await api('GET', `/batchtasks/${id}`, undefined, { limit: 50, offset: 550 });
		expect([beyond.status, beyond.body.error_code]).toEqual([400, 'IOTDA.000006']);
		// Other lists keep their markers: only the sub-task records lack an id.
		expect(
			(await api('GET', '/batchtasks', undefined, { task_type: 'freezeDevices' })).body.page.marker,
		).toMatch(/^[0-9a-f]{24}$/);
		await rawCall(emu.url, 'POST', '/__admin/config', { omitDetailMarker: false });
		expect(
			(await api('GET', `/batchtasks/${id}`, undefined, { limit: 50 })).body.page.marker,
		).toMatch(/^[0-9a-f]{24}$/);
	});
});

describe('responses and sub-task errors as the models define them', () => {
	it('Task responses carry no app_id or document_source (audit row 21)', async () => {
		const other = emu.state().catalog.apps.find((a) => !a.default_app)!.app_id;
		const created = await api('POST', '/batchtasks', {
			task_name: 'space',
			task_type: 'freezeDevices',
			app_id: other,
			targets: ['dev-0151'],
		});
		const shown = await api('GET', `/batchtasks/${created.body.task_id}`);
		const listed = await api('GET', '/batchtasks', undefined, {
			task_type: 'freezeDevices',
			app_id: other,
		});
		for (const task of [created.body, shown.body.batchtask, listed.body.batchtasks[0]]) {
			expect(task.task_id).toBe(created.body.task_id);
			expect(task).not.toHaveProperty('app_id');
			expect(task).not.toHaveProperty('document_source');
		}
	});

	it('sub-task error codes keep their documented meanings (audit row 23)', async () => {
		emu.setFailureRate(1);
		const kinds: Array<[string, Record<string, unknown>, string[]]> = [
			[
				'firmwareUpgrade',
				{ document: { package_ids: [pkg('firmwarePackage')] } },
				['IOTDA.014016'],
			],
			['createCommands', { document: { paras: {} } }, ['IOTDA.014016', 'IOTDA.014111']],
			['createMessages', { document: { message: 'hi' } }, ['IOTDA.014016', 'IOTDA.014112']],
		];
		emu.config.maxUnfinishedPerSpace = 100;
		try {
			for (const [task_type, extra, allowed] of kinds) {
				const id = (
					await api('POST', '/batchtasks', {
						task_name: task_type,
						task_type,
						targets: devices(40),
						...extra,
					})
				).body.task_id;
				finish();
				const details = (await api('GET', `/batchtasks/${id}`, undefined, { limit: 50 })).body
					.task_details;
				const codes = [...new Set(details.map((d: any) => d.error.error_code))].sort();
				expect([task_type, codes]).toEqual([task_type, allowed]);
				const timeout = details.find((d: any) => d.error.error_code === 'IOTDA.014111');
				if (timeout) expect(timeout.error.error_msg).toBe('Command request timed out.');
			}
		} finally {
			emu.config.maxUnfinishedPerSpace = 10;
		}
	});
});

describe('throttling (audit row 8)', () => {
	it('the throttle fault answers 403 IOTDA.021101; IOTDA.021102 on request; also through the admin API', async () => {
		emu.faults.add({ kind: 'throttle', match: { method: 'POST', path: '/batchtasks' } });
		const r = await upgrade({ package_ids: [pkg('firmwarePackage')] });
		expect([r.status, r.body]).toEqual([
			403,
			{ error_code: 'IOTDA.021101', error_msg: 'Request reached the maximum rate limit.' },
		]);
		expect(emu.tasks()).toHaveLength(0);
		expect((await upgrade({ package_ids: [pkg('firmwarePackage')] })).status).toBe(201);

		const added = await rawCall(emu.url, 'POST', '/__admin/faults', {
			kind: 'throttle',
			errorCode: 'IOTDA.021102',
			errorMsg: 'The request rate has reached the upper limit of the tenant, limit 100.',
		});
		expect(added.status).toBe(201);
		const tenant = await api('GET', '/batchtasks', undefined, { task_type: 'firmwareUpgrade' });
		expect([tenant.status, tenant.body.error_code]).toEqual([403, 'IOTDA.021102']);
		expect(emu.log.at(-1)).toMatchObject({
			status: 403,
			errorCode: 'IOTDA.021102',
			faultApplied: 'status 403',
		});
	});
});
