/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// Marker paging returns every record exactly once (tasks and task_details), iotda-api.md §4.0.
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '.';
import { call } from './sdk-test-client';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 9 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const api = (path: string, query: Record<string, string | number>) =>
	call(emu.url, { account: DEFAULT_ACCOUNT, method: 'GET', path, query });

async function pageAll<T>(
	fetchPage: (marker?: string) => Promise<{ items: T[]; marker?: string; count: number }>,
) {
	const seen: T[] = [];
	let marker: string | undefined;
	let pages = 0;
	for (;;) {
		const p = await fetchPage(marker);
		pages++;
		seen.push(...p.items);
		if (p.items.length === 0) return { seen, pages, count: p.count };
		marker = p.marker;
		if (pages > 1000) throw new Error('paging does not terminate');
	}
}

describe.each([0, 1, 50, 51, 501, 1234])('%i tasks', (n) => {
	it('are listed page by page (limit 50, marker) exactly once, newest first', async () => {
		const ids = emu.seedFinishedTasks(n, { taskType: 'softwareUpgrade' });
		emu.seedFinishedTasks(3, { taskType: 'firmwareUpgrade' }); // other type: must not appear
		const { seen, pages, count } = await pageAll(async (marker) => {
			const r = await api('/batchtasks', {
				task_type: 'softwareUpgrade',
				limit: 50,
				...(marker ? { marker } : {}),
			});
			expect(r.status).toBe(200);
			return {
				items: r.body.batchtasks.map((t: any) => t.task_id as string),
				marker: r.body.page.marker,
				count: r.body.page.count,
			};
		});
		expect(count).toBe(n);
		expect(seen).toEqual([...ids].reverse());
		expect(new Set(seen).size).toBe(n);
		expect(pages).toBe(Math.ceil(n / 50) + 1);
	});
});

it('offset skips records after the marker', async () => {
	const ids = emu.seedFinishedTasks(30, { taskType: 'softwareUpgrade' }).reverse();
	const r = await api('/batchtasks', {
		task_type: 'softwareUpgrade',
		limit: 5,
		offset: 7,
		marker: ids[2],
	});
	expect(r.body.batchtasks.map((t: any) => t.task_id)).toEqual(ids.slice(3 + 7, 3 + 7 + 5));
	expect(r.body.page.marker).toBe(ids[14]);
});

describe.each([0, 1, 50, 51, 501, 1234])('a task of %i devices', (n) => {
	it('has its task_details paged exactly once, in target order', async () => {
		const targets = Array.from({ length: n }, (_, i) => `t-${i}`);
		const empty = emu.state().catalog.groups.find((g) => g.name === 'EmptyGroup')!;
		const body = n === 0 ? { targets_filter: { group_ids: [empty.group_id] } } : { targets };
		const created = await call(emu.url, {
			account: DEFAULT_ACCOUNT,
			method: 'POST',
			path: '/batchtasks',
			json: { task_name: `details_${n}`, task_type: 'freezeDevices', ...body },
		});
		expect(created.status).toBe(201);
		const id = created.body.task_id;
		const { seen, count } = await pageAll(async (marker) => {
			const r = await api(`/batchtasks/${id}`, { limit: 50, ...(marker ? { marker } : {}) });
			expect(r.status).toBe(200);
			return {
				items: r.body.task_details.map((d: any) => d.target as string),
				marker: r.body.page.marker,
				count: r.body.page.count,
			};
		});
		expect(count).toBe(n);
		expect(seen).toEqual(targets);
	});
});

it('task_details filters by task_detail_status and target, with paging on the filtered list', async () => {
	const targets = Array.from({ length: 120 }, (_, i) =>
		i % 3 === 0 ? `ghost-${i}` : `dev-${String(i + 1).padStart(4, '0')}`,
	);
	const created = await call(emu.url, {
		account: DEFAULT_ACCOUNT,
		method: 'POST',
		path: '/batchtasks',
		json: { task_name: 'filters', task_type: 'freezeDevices', targets },
	});
	emu.clock.advance(60_000);
	const id = created.body.task_id;
	const { seen, count } = await pageAll(async (marker) => {
		const r = await api(`/batchtasks/${id}`, {
			limit: 7,
			task_detail_status: 'Fail',
			...(marker ? { marker } : {}),
		});
		return {
			items: r.body.task_details.map((d: any) => d.target as string),
			marker: r.body.page.marker,
			count: r.body.page.count,
		};
	});
	expect(count).toBe(40);
	expect(seen).toEqual(targets.filter((t) => t.startsWith('ghost-')));
	const one = await api(`/batchtasks/${id}`, { target: 'dev-0002' });
	expect(one.body.task_details).toEqual([
		{ target: 'dev-0002', status: 'Success', output: 'success' },
	]);
	const bad = await api(`/batchtasks/${id}`, { task_detail_status: 'Done' });
	expect(bad.status).toBe(400);
});
