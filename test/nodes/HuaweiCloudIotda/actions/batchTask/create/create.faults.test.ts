/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Batch Task → Create through n8n's engine, under every fault the emulator injects: the documented outcome each time, and the
 * emulator's own log proves no task was created twice and none was lost without the user being told.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { startEmulator, type FaultSpec } from '../../../../../emulator';
import { useEmulator } from '../../../../../fixtures/emulator';

const fixture = useEmulator({ seed: 5 });

const create = (taskName: string, options = {}) =>
	fixture.run({
		parameters: {
			resource: 'batchTask',
			operation: 'create',
			taskType: 'freezeDevices',
			taskName,
			deviceIds: 'dev-0001,dev-0002',
			options,
		},
	});

const onCreate = { method: 'POST', path: /\/batchtasks$/ };
type Outcome = { created: 'output' | 'recovered' | 'none'; posts: number; error?: RegExp };

const matrix: Array<[string, FaultSpec, Outcome]> = [
	[
		'429 with Retry-After',
		{ kind: 'status', status: 429, retryAfter: 1, match: onCreate },
		{ created: 'output', posts: 2 },
	],
	[
		'429 without Retry-After (back-off)',
		{ kind: 'status', status: 429, match: onCreate },
		{ created: 'output', posts: 2 },
	],
	['503', { kind: 'status', status: 503, match: onCreate }, { created: 'output', posts: 2 }],
	[
		'500: not re-sent, nothing was created',
		{ kind: 'status', status: 500, match: onCreate },
		{ created: 'none', posts: 1, error: /^Create batch task "t_\w+" failed: APIG\.\d+/ },
	],
	[
		'502: not re-sent',
		{ kind: 'status', status: 502, match: onCreate },
		{ created: 'none', posts: 1, error: /failed: APIG\.\d+/ },
	],
	[
		'504: not re-sent',
		{ kind: 'status', status: 504, match: onCreate },
		{ created: 'none', posts: 1, error: /failed: APIG\.\d+/ },
	],
	[
		'connection reset before processing: not re-sent',
		{ kind: 'reset', match: onCreate },
		{ created: 'none', posts: 1, error: /failed: ECONNRESET \[item 0\]$/ },
	],
	[
		'response dropped after the task was committed: found, not re-created',
		{ kind: 'commitThenDrop', match: onCreate },
		{ created: 'recovered', posts: 1 },
	],
	[
		'429 three times in a row, then success',
		{ kind: 'status', status: 429, retryAfter: 0, times: 3, match: onCreate },
		{ created: 'output', posts: 4 },
	],
	[
		'429 on every attempt: gives up after 4 attempts',
		{ kind: 'status', status: 429, retryAfter: 0, times: -1, match: onCreate },
		{ created: 'none', posts: 4, error: /failed: APIG\.0308 .*\(after 4 attempts\) \[item 0\]$/ },
	],
];

const counts = { cases: 0, duplicates: 0, lost: 0 };
afterAll(() =>
	console.log(
		`create fault matrix: ${counts.cases} cases, duplicates found = ${counts.duplicates}, lost tasks = ${counts.lost}`,
	),
);

describe('Create under faults', () => {
	it.each(matrix)('%s', async (name, fault, expected) => {
		const taskName = `t_${counts.cases}`;
		fixture.emu.faults.add(fault);
		let output: INodeExecutionData[] | undefined;
		let error: Error | undefined;
		try {
			output = await create(taskName);
		} catch (e) {
			error = e as Error;
		}
		counts.cases++;
		const posts = fixture.emu.log.filter((e) => e.method === 'POST').length;
		const stored = fixture.emu.tasksNamed(taskName);
		if (stored.length > 1) counts.duplicates++;
		// Lost: IoTDA holds a task the user was not told about.
		if (stored.length === 1 && !output) counts.lost++;
		expect({ name, posts }).toEqual({ name, posts: expected.posts });
		if (expected.created === 'none') {
			expect(stored).toHaveLength(0);
			expect(error?.message).toMatch(expected.error!);
		} else {
			expect(error).toBeUndefined();
			expect(stored).toHaveLength(1);
			expect(output![0].json.task_id).toBe(stored[0].task_id);
			expect(output![0].json.existing === true).toBe(expected.created === 'recovered');
		}
	});

	it('a request slower than the timeout is not re-sent; the re-run finds the task it made', async () => {
		fixture.emu.faults.add({ kind: 'delay', delayMs: 400, match: onCreate });
		const error = await create('slow_one', { timeout: 100 }).catch(
			(e: Error & { description?: string }) => e,
		);
		expect((error as Error).message).toMatch(
			/^Create batch task "slow_one" failed: (ECONNABORTED|ETIMEDOUT)/,
		);
		expect((error as { description?: string }).description).toMatch(
			/may have carried it out\. It was not sent again/,
		);
		await new Promise((r) => setTimeout(r, 600));
		expect(fixture.emu.tasksNamed('slow_one')).toHaveLength(1);
		const [again] = await create('slow_one', { ifTaskExists: 'returnExisting' });
		expect(again.json.existing).toBe(true);
		expect(fixture.emu.tasksNamed('slow_one')).toHaveLength(1);
		expect(fixture.emu.log.filter((e) => e.method === 'POST')).toHaveLength(1);
	});

	it('a refused connection is retried, then reported', async () => {
		const closed = await startEmulator({ port: 0 });
		const url = closed.url;
		await closed.close();
		const error = await fixture
			.run({
				parameters: {
					resource: 'batchTask',
					operation: 'create',
					taskType: 'freezeDevices',
					taskName: 'refused',
					deviceIds: 'dev-0001',
				},
				credentials: { endpoint: url },
			})
			.catch((e: Error) => e);
		expect((error as Error).message).toBe(
			'Create batch task "refused" failed: ECONNREFUSED (after 4 attempts) [item 0]',
		);
	});
});
