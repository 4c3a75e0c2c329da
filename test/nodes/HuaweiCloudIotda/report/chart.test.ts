/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * chart.ts, read back through an independent PNG decoder (pngjs): size, each bar's segments in proportion (within a
 * pixel), text kept in its area, and golden images. Goldens: test/nodes/HuaweiCloudIotda/report/golden/*.png;
 * after an intended change to the chart, regenerate them with UPDATE_GOLDEN=1 and look at them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	CHART,
	PALETTE,
	STATES,
	renderChart,
} from '../../../../nodes/HuaweiCloudIotda/report/chart';
import {
	waveTotal,
	type Report,
	type ReportWave,
} from '../../../../nodes/HuaweiCloudIotda/report/report.type';
import { decode, inkIn, same, type Decoded } from './pixels';
import { CHINESE, MANY_WAVES, ROLLOUT } from './reports.fixture';

const STATE_COLOURS = STATES.map(([key]) => PALETTE[key]);
const isStateColour = (c: readonly number[]) => STATE_COLOURS.some((s) => same(s, c));

/** The top row of each bar: rows where the bar area's left column turns to a state colour. */
function barTops(image: Decoded): number[] {
	const tops: number[] = [];
	const { x, y, height } = CHART.bars;
	for (let row = y; row < y + height; row++)
		if (isStateColour(image.at(x, row)) && !isStateColour(image.at(x, row - 1))) tops.push(row);
	return tops;
}

/** Pixels of each state colour along row `y` of the bar area. */
function segmentWidths(image: Decoded, y: number): number[] {
	const { x, width } = CHART.bars;
	return STATE_COLOURS.map((colour) => {
		let n = 0;
		for (let col = x; col < x + width; col++) if (same(image.at(col, y), colour)) n++;
		return n;
	});
}

function expectProportions(image: Decoded, waves: ReportWave[]) {
	const tops = barTops(image);
	expect(tops).toHaveLength(waves.length);
	waves.forEach((wave, k) => {
		const widths = segmentWidths(image, tops[k]);
		expect(widths.reduce((a, b) => a + b)).toBe(CHART.bars.width);
		STATES.forEach(([key], s) => {
			const want = (CHART.bars.width * wave[key]) / waveTotal(wave);
			expect(Math.abs(widths[s] - want)).toBeLessThanOrEqual(1);
		});
	});
}

describe('report chart', () => {
	it('is an 800 × 450 PNG', () => {
		const image = decode(renderChart(ROLLOUT));
		expect([image.width, image.height]).toEqual([800, 450]);
	});

	it.each([
		['90 / 8 / 2 / 0', { succeeded: 90, failed: 8, pending: 2, notStarted: 0 }],
		['1 / 0 / 0 / 999', { succeeded: 1, failed: 0, pending: 0, notStarted: 999 }],
		['25 each', { succeeded: 25, failed: 25, pending: 25, notStarted: 25 }],
		['3 / 3 / 3 / 0 (thirds)', { succeeded: 3, failed: 3, pending: 3, notStarted: 0 }],
	])('one wave %s: segments in proportion within a pixel', (_, counts) => {
		const waves = [{ label: 'All devices', ...counts }];
		const image = decode(renderChart({ ...ROLLOUT, waves }));
		expectProportions(image, waves);
	});

	it('three waves and twelve waves: every bar in proportion', () => {
		expectProportions(decode(renderChart(ROLLOUT)), ROLLOUT.waves);
		expectProportions(decode(renderChart(MANY_WAVES)), MANY_WAVES.waves);
	});

	it('the 90 / 8 / 2 bar is 428 / 38 / 10 pixels of 476', () => {
		const image = decode(renderChart(ROLLOUT));
		expect(segmentWidths(image, barTops(image)[0])).toEqual([428, 38, 10, 0]);
	});

	it('a long Chinese name stays in the title area, shortened to fill it', () => {
		const image = decode(renderChart(CHINESE));
		const white = PALETTE.background;
		// Title: rows 16–42 (7 rows × 3 plus descenders), between the margins.
		expect(inkIn(image, 0, 0, CHART.margin, 46, white)).toEqual([]);
		expect(inkIn(image, CHART.width - CHART.margin, 0, CHART.width, 46, white)).toEqual([]);
		expect(inkIn(image, 0, 0, CHART.width, 16, white)).toEqual([]);
		const title = inkIn(image, 0, 16, CHART.width, 46, white);
		expect(Math.max(...title.map(([x]) => x))).toBeGreaterThanOrEqual(
			CHART.width - CHART.margin - 2 * 18,
		); // within two glyphs of the edge
		// Nothing between the title and the subtitle line.
		expect(inkIn(image, 0, 44, CHART.width, 48, white)).toEqual([]);
	});

	it.each([
		['rollout', ROLLOUT],
		['chinese', CHINESE],
		['many-waves', MANY_WAVES],
		[
			'no-waves',
			{
				title: 'Nothing yet',
				time: '2026-12-07 10:30 UTC',
				waves: [],
				failureReasons: [],
			} as Report,
		],
	])('matches the golden image %s (at most 0.2 %% of pixels differ)', (name, report) => {
		const file = join(__dirname, 'golden', `${name}.png`);
		const png = renderChart(report);
		if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, png);
		expect(existsSync(file)).toBe(true);
		const [got, want] = [decode(png), decode(readFileSync(file))];
		expect([got.width, got.height]).toEqual([want.width, want.height]);
		let differ = 0;
		for (let y = 0; y < got.height; y++)
			for (let x = 0; x < got.width; x++) {
				const [a, b] = [got.at(x, y), want.at(x, y)];
				if (a.some((v, c) => Math.abs(v - b[c]) > 8)) differ++;
			}
		expect(differ).toBeLessThanOrEqual(0.002 * got.width * got.height);
	});

	it('refuses a bad report by field', () => {
		const waves = [{ label: 'x', succeeded: -1, failed: 0, pending: 0, notStarted: 0 }];
		expect(() => renderChart({ ...ROLLOUT, waves })).toThrow(
			'waves[0].succeeded must be a whole number',
		);
		expect(() => renderChart({ ...ROLLOUT, targets: { total: 5, onTargetVersion: 6 } })).toThrow(
			'targets.onTargetVersion (6) exceeds targets.total (5)',
		);
	});
});
