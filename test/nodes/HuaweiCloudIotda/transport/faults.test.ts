/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Every fault the emulator injects × every operation other than Create (Create: actions/batchTask/create/create.faults.test.ts), through n8n's engine:
 * the documented outcome each time; nothing created twice, nothing lost without the user being told.
 *
 * Documented outcomes: 429/503 → retried after Retry-After or back-off, then the normal result. 500/502/504 and
 * a reset connection → reads, deletes and Stop/Retry/Confirm are retried; an upload is not sent again (clear
 * error). A lost response → reads retried; a repeated Delete that finds nothing counts as done; Stop/Retry/
 * Confirm are sent once more and report what they find then; an upload is found by name, not re-uploaded.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { FaultSpec } from '../../../emulator';
import { createUpgrade, devices, ghosts, locator, useEmulator } from '../../../fixtures/emulator';
import { fileItem } from '../../../fixtures/files';

const fixture = useEmulator({ seed: 3, afterReset: (emu) => emu.setFailureRate(0) });

const sheet = (name: string): INodeExecutionData =>
	fileItem(name, Buffer.from('device_id\ndev-0001\n'));

interface OperationCase {
	name: string;
	/** Prepares state; returns the parameters and input items. */
	setup: () => Promise<{ parameters: INodeParameters; items?: INodeExecutionData[] }>;
	/** Path of the request the fault hits. */
	match: { method: string; path: RegExp };
	safeToRepeat: boolean;
	/** What the operation creates, to count duplicates and lost ones; undefined for reads. */
	created?: () => number;
}

const operations: OperationCase[] = [
	{
		name: 'Get',
		setup: async () => ({
			parameters: {
				resource: 'batchTask',
				operation: 'get',
				taskId: locator(fixture.emu.seedFinishedTasks(1)[0]),
			},
		}),
		match: { method: 'GET', path: /\/batchtasks\/[0-9a-f]{24}$/ },
		safeToRepeat: true,
	},
	{
		name: 'Get Many',
		setup: async () => {
			fixture.emu.seedFinishedTasks(3);
			return {
				parameters: {
					resource: 'batchTask',
					operation: 'getAll',
					taskType: 'freezeDevices',
					returnAll: true,
				},
			};
		},
		match: { method: 'GET', path: /\/batchtasks$/ },
		safeToRepeat: true,
	},
	{
		name: 'Stop',
		setup: async () => ({
			parameters: {
				resource: 'batchTask',
				operation: 'stop',
				taskId: locator(await createUpgrade(fixture.emu, 'to_stop', devices(3))),
			},
		}),
		match: { method: 'POST', path: /\/stop$/ },
		safeToRepeat: true,
	},
	{
		name: 'Retry',
		setup: async () => ({
			parameters: {
				resource: 'batchTask',
				operation: 'retry',
				taskId: locator(
					fixture.emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets: ghosts(3) })[0],
				),
			},
		}),
		match: { method: 'POST', path: /\/retry$/ },
		safeToRepeat: true,
	},
	{
		name: 'Confirm',
		setup: async () => ({
			parameters: {
				resource: 'batchTask',
				operation: 'confirm',
				taskId: locator(
					await createUpgrade(fixture.emu, 'to_confirm', devices(3), { need_confirm: true }),
				),
			},
		}),
		match: { method: 'POST', path: /\/confirm$/ },
		safeToRepeat: true,
	},
	{
		name: 'Delete',
		setup: async () => ({
			parameters: {
				resource: 'batchTask',
				operation: 'delete',
				taskId: locator(fixture.emu.seedFinishedTasks(1)[0]),
			},
		}),
		match: { method: 'DELETE', path: /\/batchtasks\// },
		safeToRepeat: true,
	},
	{
		name: 'File Upload',
		setup: async () => ({
			parameters: { resource: 'batchTaskFile', operation: 'upload' },
			items: [sheet('devices.xlsx')],
		}),
		match: { method: 'POST', path: /\/batchtask-files$/ },
		safeToRepeat: false,
		created: () => fixture.emu.state().files.filter((f) => f.file_name === 'devices.xlsx').length,
	},
	{
		name: 'File Get Many',
		setup: async () => {
			fixture.emu.state().files.push({
				file_id: 'file-x0',
				file_name: 'kept.xlsx',
				upload_time: '20260101T000000Z',
				rows: ['dev-0001'],
			});
			return { parameters: { resource: 'batchTaskFile', operation: 'getAll', returnAll: true } };
		},
		match: { method: 'GET', path: /\/batchtask-files$/ },
		safeToRepeat: true,
	},
	{
		name: 'File Delete',
		setup: async () => {
			fixture.emu.state().files.push({
				file_id: 'file-x1',
				file_name: 'old.xlsx',
				upload_time: '20260101T000000Z',
				rows: ['dev-0001'],
			});
			return {
				parameters: { resource: 'batchTaskFile', operation: 'delete', fileId: locator('file-x1') },
			};
		},
		match: { method: 'DELETE', path: /\/batchtask-files\// },
		safeToRepeat: true,
	},
];

const faults: Array<[string, Omit<FaultSpec, 'match'>]> = [
	['429 + Retry-After', { kind: 'status', status: 429, retryAfter: 0 }],
	['429 back-off', { kind: 'status', status: 429 }],
	['503', { kind: 'status', status: 503 }],
	['500', { kind: 'status', status: 500 }],
	['502', { kind: 'status', status: 502 }],
	['504', { kind: 'status', status: 504 }],
	['reset', { kind: 'reset' }],
	['lost response', { kind: 'commitThenDrop' }],
];

const counts = { cases: 0, duplicates: 0, lost: 0 };
afterAll(() =>
	console.log(
		`fault × operation matrix: ${counts.cases} cases, duplicates found = ${counts.duplicates}, lost = ${counts.lost}`,
	),
);

const cases = operations.flatMap((op) =>
	faults.map(([faultName, fault]) => [op.name, faultName, op, fault] as const),
);

describe('fault × operation', () => {
	it.each(cases)('%s under %s', async (_op, faultName, op, fault) => {
		const { parameters, items } = await op.setup();
		fixture.emu.faults.add({ ...fault, match: { method: op.match.method, path: op.match.path } });
		let output: INodeExecutionData[] | undefined;
		let error: Error | undefined;
		try {
			output = await fixture.run({ parameters, items });
		} catch (e) {
			error = e as Error;
		}
		counts.cases++;
		const hits = fixture.emu.log.filter(
			(e) => e.method === op.match.method && op.match.path.test(e.path),
		).length;
		const made = op.created?.();
		if (made !== undefined && made > 1) counts.duplicates++;
		if (made === 1 && !output) counts.lost++;

		const throttled = fault.kind === 'status' && (fault.status === 429 || fault.status === 503);
		const unsure = fault.kind === 'commitThenDrop';
		if (throttled || (op.safeToRepeat && !unsure)) {
			// Retried once, then the normal result.
			expect({ faultName, error: error?.message, hits }).toEqual({
				faultName,
				error: undefined,
				hits: 2,
			});
			expect(output!.length).toBeGreaterThan(0);
			if (made !== undefined) expect(made).toBe(1);
		} else if (unsure && op.name === 'File Upload') {
			expect({ error: error?.message, hits, made }).toEqual({ error: undefined, hits: 1, made: 1 });
			expect((output![0].json as IDataObject).recovered_after).toBe('ECONNRESET');
		} else if (unsure && op.match.method === 'POST') {
			// Stop/Retry/Confirm: sent once more; the second answer says what it found.
			expect(hits).toBe(2);
			if (error) expect(error.message).toMatch(/^(Stop|Retry|Confirm) .* failed: /);
			else expect(output!.length).toBeGreaterThan(0);
		} else if (unsure) {
			expect({ error: error?.message, hits }).toEqual({ error: undefined, hits: 2 });
		} else {
			// An upload that failed with 5xx or a reset connection is not sent again.
			expect(hits).toBe(1);
			expect(error?.message).toMatch(/^Upload batch task file "devices\.xlsx" failed: /);
			expect(made).toBe(0);
		}
	});
});
