/** Batch Task → Get with Report on, through n8n's engine: the chart as binary data and the messages in the JSON. */
import { PNG } from 'pngjs';

import { devices, ghosts, locator, useEmulator } from '../../../../fixtures/emulator';

const fixture = useEmulator({ seed: 11 });

function seedUpgrade(succeeding: number, failing: number): string {
	const targets = [...devices(succeeding), ...ghosts(failing)];
	return fixture.emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets })[0];
}

const get = (taskId: string, extra: Record<string, unknown> = {}) => ({
	parameters: {
		resource: 'batchTask',
		operation: 'get',
		taskId: locator(taskId),
		report: true,
		...extra,
	},
});

describe('Batch Task → Get: Report', () => {
	it('adds binary "chart" (an 800 × 450 PNG) and report.markdown / report.html', async () => {
		const taskId = seedUpgrade(45, 5);
		const [item] = await fixture.run(get(taskId, { returnAll: true }));
		const chart = item.binary!.chart;
		expect(chart).toMatchObject({ mimeType: 'image/png', fileName: `batch-task-${taskId}.png` });
		const image = PNG.sync.read(Buffer.from(chart.data, 'base64'));
		expect([image.width, image.height]).toEqual([800, 450]);
		const report = item.json.report as { markdown: string; html: string };
		expect(report.markdown).toContain(
			'- **All devices** (50 devices): 45 succeeded (90%) · 5 failed (10%) · 0 pending (0%) · 0 never started (0%)',
		);
		expect(report.markdown).toContain('On target version: **90% (45 of 50 devices)**');
		expect(report.markdown).toContain(
			'- 5 devices: `IOTDA.014000` The device does not exist in this resource space.',
		);
		expect(report.html).toContain('<img src="cid:chart"');
		// The task's own output is unchanged.
		expect(item.json).toMatchObject({ task_id: taskId, task_details_matching: 50 });
	});

	it('says the reasons are a sample when Limit read fewer failed sub-tasks than failed', async () => {
		const taskId = seedUpgrade(0, 60);
		const [item] = await fixture.run(get(taskId, { limit: 10 }));
		expect((item.json.report as { markdown: string }).markdown).toContain(
			'Top failure reasons (from 10 of 60 failed devices read):',
		);
	});

	it('without Report: no binary and no report key', async () => {
		const [item] = await fixture.run(get(seedUpgrade(1, 1), { report: false }));
		expect(item.binary).toBeUndefined();
		expect(item.json.report).toBeUndefined();
	});

	it('is offered with Output "Task With Sub-Tasks" only (one item per device has no one item to carry it)', async () => {
		const taskId = seedUpgrade(1, 1);
		const perDevice = await fixture.run(get(taskId, { output: 'devices' }));
		expect(perDevice).toHaveLength(2);
		// n8n drops a parameter its display conditions hide: no chart, no report.
		expect(perDevice.every((o) => o.binary === undefined && o.json.report === undefined)).toBe(
			true,
		);
	});
});
