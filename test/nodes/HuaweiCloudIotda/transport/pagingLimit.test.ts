/**
 * A Limit is a limit: when IoTDA's pages come without `page.marker` (the node then reads on by `offset`, at most
 * 500 past the last marker), a Get with Limit 520 of a 600-sub-task list has what it asked for once 520 records
 * are read — it must output them, not fail with "read only 520 of 600" (that error is for lists the node was
 * asked to read in full). Through n8n's engine against the emulator's `omitDetailMarker` switch.
 */
import type { IDataObject } from 'n8n-workflow';

import { locator, useEmulator } from '../../../fixtures/emulator';

const fixture = useEmulator({ seed: 5 });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `lim-${String(i).padStart(5, '0')}`);
const get = (taskId: string, limit: number) => ({
	resource: 'batchTask',
	operation: 'get',
	taskId: locator(taskId),
	returnAll: false,
	limit,
});

describe('Get with a Limit, pages without markers', () => {
	beforeEach(() => {
		fixture.emu.config.omitDetailMarker = true;
	});
	afterEach(() => {
		fixture.emu.config.omitDetailMarker = false;
	});

	it.each([500, 520, 550])(
		'Limit %d of 600 sub-tasks: exactly that many, in order',
		async (limit) => {
			const targets = ids(600);
			const [taskId] = fixture.emu.seedFinishedTasks(1, { targets });
			const [out] = await fixture.run({ parameters: get(taskId, limit) });
			const details = out.json.task_details as IDataObject[];
			expect(details.map((d) => d.target)).toEqual(targets.slice(0, limit));
		},
	);

	it('Return All of 600 still fails with how many were read (the list cannot be read in full)', async () => {
		const [taskId] = fixture.emu.seedFinishedTasks(1, { targets: ids(600) });
		const out = await fixture.run({
			parameters: { ...get(taskId, 50), returnAll: true },
			continueOnFail: true,
		});
		expect((out[0].json.error as IDataObject).message).toMatch(
			/read only 550 of 600 sub-tasks, then IoTDA stopped giving a page marker/,
		);
	});
});
