/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * The requests of one Advance step by kind, from the emulator's request log (docs/rollouts.md "Requests per
 * step"): a step reads only what its decision needs. A rollout of 200 devices "Devices Matching a Search"
 * (tag rollout_test: 200 devices fill 4 pages of 50, a 5th comes back empty), waves 10, 40, 50, 100.
 */
import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from '../../../../fixtures/emulator';
import { addFleet, rolloutParameters, step } from '../../../../fixtures/rolloutRuns';

jest.mock('../../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../../helpers/fastClock').fastClock(50),
);

const fixture = useEmulator({ seed: 11, speed: 1, afterReset: (emu) => emu.setFailureRate(0) });
beforeEach(() => {
	fixture.emu.config.searchRatePerSecond = 0; // the node's own pacing is tested in fleet/
});

/** The step's requests by kind: task listings, SearchDevices count(*)s and pages, creates, others. */
async function stepRequests(parameters: IDataObject) {
	fixture.emu.requestLog.clear();
	const out = await step(fixture, parameters);
	const log = fixture.emu.log;
	const searches = log.filter((e) => e.path.endsWith('/search/query-devices'));
	const counts = searches.filter((e) => /^select count\(\*\)/.test(e.searchSql ?? '')).length;
	const listTasks = log.filter((e) => e.method === 'GET' && e.path.endsWith('/batchtasks')).length;
	const creates = log.filter((e) => e.method === 'POST' && e.path.endsWith('/batchtasks')).length;
	return {
		decision: out.decision,
		requests: out.requests,
		byKind: { listTasks, counts, pages: searches.length - counts, creates },
		other: log.length - listTasks - searches.length - creates,
	};
}

/** The step's decision, requests and requests by kind, as stepRequests gives them (no other request). */
const expected = (decision: string, requests: number, byKind: Record<string, number>) => ({
	decision,
	requests,
	byKind,
	other: 0,
});

/** A search rollout of 200 devices (`over` its parameters) after wave 1 was created and `laterMs` passed. */
async function afterWaveOne(over: IDataObject, laterMs: number): Promise<IDataObject> {
	addFleet(fixture.emu, 200);
	const parameters = rolloutParameters(fixture.emu, over);
	// Creating reads the 200 targets (4 full pages and the empty 5th): no wave yet, nothing to count first.
	expect(await stepRequests(parameters)).toEqual(
		expected('created_wave', 8, { listTasks: 2, counts: 0, pages: 5, creates: 1 }),
	);
	fixture.emu.clock.advance(laterMs);
	return parameters;
}

describe('Rollout → Advance requests per step', () => {
	it('a step while a wave runs lists no device: its tasks and two count(*)s', async () => {
		const parameters = await afterWaveOne({}, 0);
		expect(await stepRequests(parameters)).toEqual(
			expected('waiting', 3, { listTasks: 1, counts: 2, pages: 0, creates: 0 }),
		);
	});

	it('a soaking step reads the devices on the version (to judge the ended wave) and one count(*)', async () => {
		const parameters = await afterWaveOne({}, 10 * 60_000);
		// 10 devices on the version: one page; the 190 not on it are counted, not listed.
		expect(await stepRequests(parameters)).toEqual(
			expected('soaking_until', 3, { listTasks: 1, counts: 1, pages: 1, creates: 0 }),
		);
	});

	it('judged on sub-task status, a soaking step lists no device', async () => {
		const parameters = await afterWaveOne({ judgeOn: 'subTaskStatus' }, 10 * 60_000);
		expect(await stepRequests(parameters)).toEqual(
			expected('soaking_until', 3, { listTasks: 1, counts: 2, pages: 0, creates: 0 }),
		);
	});

	it('judged on sub-task status, once the waves hold as many devices as are not on the version, a soaking step reads the devices on the version instead of the targets', async () => {
		const parameters = await afterWaveOne({ judgeOn: 'subTaskStatus' }, 2 * 3600_000);
		for (const [wave, laterMs] of [
			[2, 2 * 3600_000],
			[3, 10 * 60_000],
		]) {
			expect(await step(fixture, parameters)).toMatchObject({ decision: 'created_wave', wave });
			fixture.emu.clock.advance(laterMs);
		}
		// 100 devices in waves, 100 not on the version: the counts cannot show one in no wave, so the 100 on the
		// version are read (2 full pages and an empty one), which shows the 100 not on it are in no wave.
		expect(await stepRequests(parameters)).toEqual(
			expected('soaking_until', 6, { listTasks: 1, counts: 2, pages: 3, creates: 0 }),
		);
	});

	it('a halted rollout lists no device: the halt is read from its tasks', async () => {
		const parameters = await afterWaveOne({}, 10 * 60_000);
		await step(fixture, { ...parameters, operation: 'halt' });
		expect(await stepRequests(parameters)).toEqual(
			expected('halted', 3, { listTasks: 1, counts: 2, pages: 0, creates: 0 }),
		);
	});

	it('the step after the soak lists the targets to create wave 2, reusing the devices on the version', async () => {
		const parameters = await afterWaveOne({}, 2 * 3600_000);
		// Tasks, 1 page on the version + 1 count, then the 190 targets not on it (4 pages), create, tasks again.
		expect(await stepRequests(parameters)).toEqual(
			expected('created_wave', 9, { listTasks: 2, counts: 1, pages: 5, creates: 1 }),
		);
	});
});

describe('Rollout → Advance requests on a Basic edition', () => {
	it('a refused count(*) sends the step to the listing (ListDevices, as before): one refused search more', async () => {
		addFleet(fixture.emu, 200);
		fixture.emu.setEdition('basic');
		const parameters = rolloutParameters(fixture.emu);
		await step(fixture, parameters);
		fixture.emu.requestLog.clear();
		const out = await step(fixture, parameters);
		const log = fixture.emu.log;
		const refused = log.filter((e) => e.status === 403 && e.path.endsWith('/search/query-devices'));
		const listDevices = log.filter((e) => e.method === 'GET' && e.path.endsWith('/devices'));
		// The count refused, then the listing's own search refused and ListDevices read (200 + seeded devices).
		expect([out.decision, refused.length, listDevices.length > 0]).toEqual(['waiting', 2, true]);
		expect(out.requests).toBe(log.length);
	});
});
