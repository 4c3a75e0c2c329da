/**
 * Rollout → Get Status with Report on (issue #28), through n8n's engine against the emulator: one bar per wave
 * plus the devices in no wave yet, the share on the target version as the step reads it, the decision, and the
 * failure reasons of the waves' failed devices.
 */
import { PNG } from 'pngjs';

import { useEmulator } from '../../../../fixtures/emulator';
import { addFleet, rolloutParameters, step } from '../../../../fixtures/rolloutRuns';

const fixture = useEmulator({ seed: 11, speed: 1, afterReset: (emu) => emu.setFailureRate(0) });

describe('Rollout → Get Status: Report', () => {
	afterEach(() => fixture.emu.config.failTargets.clear());

	it('a halted rollout: wave 1 failed, the rest never started; chart, markdown and reasons', async () => {
		const fleet = addFleet(fixture.emu, 20);
		for (const id of fleet) fixture.emu.config.failTargets.add(id);
		const parameters = rolloutParameters(fixture.emu, {
			targetSource: 'deviceIds',
			deviceIds: fleet.join(','),
		});
		expect((await step(fixture, parameters)).decision).toBe('created_wave');
		fixture.emu.clock.advance(2 * 3600_000);
		fixture.emu.requestLog.clear();
		const out = await fixture.run({
			parameters: { ...parameters, operation: 'getStatus', report: true } as never,
		});
		expect(out).toHaveLength(1);
		const [item] = out;
		expect(item.json.decision).toBe('halted');
		const chart = item.binary!.chart;
		expect(chart).toMatchObject({ mimeType: 'image/png', fileName: 'rollout-fw_roll.png' });
		const image = PNG.sync.read(Buffer.from(chart.data, 'base64'));
		expect([image.width, image.height]).toEqual([800, 450]);
		const { markdown, html } = item.json.report as { markdown: string; html: string };
		expect(markdown).toContain('- **Wave 1** (1 device)');
		expect(markdown).toContain('1 failed (100%)');
		expect(markdown).toContain('- **Not in a wave yet** (19 devices)');
		expect(markdown).toContain('On target version: **0% (0 of 20 devices)**');
		expect(markdown).toMatch(/- 1 device: `IOTDA\.\d+` /);
		expect(markdown).toContain('halted');
		expect(html).toContain('<img src="cid:chart"');
		// The report's reads are counted with the step's; nothing was changed.
		expect(item.json.requests).toBe(fixture.emu.log.length);
		expect(fixture.emu.log.filter((e) => e.method !== 'GET')).toEqual([]);
	});

	it('without Report: the step item only, no binary', async () => {
		const fleet = addFleet(fixture.emu, 20);
		const parameters = rolloutParameters(fixture.emu, {
			targetSource: 'deviceIds',
			deviceIds: fleet.join(','),
			operation: 'getStatus',
		});
		const [item] = await fixture.run({ parameters: parameters as never });
		expect(item.binary).toBeUndefined();
		expect(item.json.report).toBeUndefined();
	});
});
