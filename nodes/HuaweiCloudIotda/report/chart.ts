/**
 * The report chart: an 800 × 450 PNG that people read in a chat or a mail before any number.
 *
 * - Title (the rollout's or task's name), the time and subtitle, and the decision as a badge.
 * - Per wave, one bar of 100 %: succeeded / failed / pending / never started, in proportion to the wave's devices,
 *   with the share written in each segment wide enough for it and the wave's device count above the bar.
 * - The share of all target devices on the target version, and the top failure reasons by error code with counts.
 * - A legend. Colours are from the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), chosen to stay
 *   apart for the common colour-vision deficiencies; the legend and the written shares carry the same facts.
 *
 * Text is the built-in bitmap font at ×2 (labels) and ×3 (title), legible at chat preview size; every text is
 * measured and shortened with an ellipsis to fit its box, and characters the font lacks (e.g. Chinese) show as a
 * replacement mark (raster.ts) — the Markdown and HTML messages carry the full text.
 */
import { encodePng } from './png';
import {
	createBitmap,
	drawText,
	fillRect,
	textHeight,
	textWidth,
	type Bitmap,
	type Rgb,
} from './raster';
import {
	checkReport,
	devicesCount,
	formatCount,
	formatShare,
	waveTotal,
	type Report,
	type ReportWave,
} from './report.type';

/** Colours: Okabe–Ito for the four states and the target share; greys for text and rules. */
export const PALETTE = {
	succeeded: [0x00, 0x9e, 0x73], // bluish green
	failed: [0xd5, 0x5e, 0x00], // vermillion
	pending: [0xf0, 0xe4, 0x42], // yellow
	notStarted: [0xbb, 0xbb, 0xbb], // grey
	target: [0x00, 0x72, 0xb2], // blue
	ink: [0x22, 0x22, 0x22],
	muted: [0x66, 0x66, 0x66],
	rule: [0xdd, 0xdd, 0xdd],
	track: [0xee, 0xee, 0xee],
	background: [0xff, 0xff, 0xff],
} as const satisfies Record<string, Rgb>;

/** The four states of a wave, in the order their segments are drawn left to right, with their legend labels. */
export const STATES = [
	['succeeded', 'Succeeded'],
	['failed', 'Failed'],
	['pending', 'Pending'],
	['notStarted', 'Never started'],
] as const;

/** The chart's size and areas (pixels); tests locate the bars with it. */
export const CHART = {
	width: 800,
	height: 450,
	margin: 24,
	titleScale: 3,
	labelScale: 2,
	/** The wave bars' area. */
	bars: { x: 24, y: 96, width: 476, height: 300 },
	/** The target share and failure reasons. */
	side: { x: 524, y: 96, width: 252, height: 300 },
	legendY: 414,
} as const;

const LABEL = CHART.labelScale;
const LINE = textHeight(LABEL); // 18 px

function drawHeader(bitmap: Bitmap, report: Report): void {
	const inner = CHART.width - 2 * CHART.margin;
	drawText(bitmap, report.title, {
		x: CHART.margin,
		y: 16,
		width: inner,
		scale: CHART.titleScale,
		colour: PALETTE.ink,
	});
	let badge = 0;
	if (report.decision) {
		const text = `Decision: ${report.decision}`;
		badge = Math.min(textWidth(text, LABEL) + 16, Math.floor(inner / 2));
		const left = CHART.width - CHART.margin - badge;
		fillRect(bitmap, left, 48, badge, LINE + 8, PALETTE.ink);
		drawText(bitmap, text, {
			x: left + 8,
			y: 52,
			width: badge - 16,
			scale: LABEL,
			colour: PALETTE.background,
		});
	}
	const line = [report.time, report.subtitle].filter(Boolean).join(' \u00b7 ');
	const width = inner - (badge ? badge + 16 : 0);
	drawText(bitmap, line, { x: CHART.margin, y: 52, width, scale: LABEL, colour: PALETTE.muted });
	fillRect(bitmap, CHART.margin, 82, inner, 1, PALETTE.rule);
}

/** Black or white, whichever reads better on `background` (WCAG relative luminance, threshold 0.4). */
function inkOn(background: Rgb): Rgb {
	const linear = background.map((c) => {
		const s = c / 255;
		return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	});
	const luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
	return luminance > 0.4 ? PALETTE.ink : PALETTE.background;
}

/**
 * One wave's bar at (x, y), `width` × `height`: segments in STATES order, each boundary rounded from the running
 * sum so the segments always fill the bar exactly; a wave of no devices is an empty outline.
 */
function drawBar(
	bitmap: Bitmap,
	wave: ReportWave,
	x: number,
	y: number,
	width: number,
	height: number,
) {
	const total = waveTotal(wave);
	if (total === 0) {
		fillRect(bitmap, x, y, width, height, PALETTE.rule);
		fillRect(bitmap, x + 1, y + 1, width - 2, height - 2, PALETTE.background);
		return;
	}
	let sum = 0;
	for (const [key] of STATES) {
		const left = x + Math.round((width * sum) / total);
		sum += wave[key];
		const right = x + Math.round((width * sum) / total);
		fillRect(bitmap, left, y, right - left, height, PALETTE[key]);
		const share = formatShare(wave[key], total);
		if (wave[key] > 0 && height >= LINE && textWidth(share, LABEL) + 8 <= right - left) {
			const top = y + Math.floor((height - 7 * LABEL) / 2);
			const box = { x: left, y: top, width: right - left, scale: LABEL, align: 'center' as const };
			drawText(bitmap, share, { ...box, colour: inkOn(PALETTE[key]) });
		}
	}
}

/** Rows of at least this height get a label line (wave name, device count) above their bar. */
const LABELLED_ROW = LINE + 4 + 14 + 6;

function drawWaveRow(bitmap: Bitmap, wave: ReportWave, top: number, rowHeight: number): void {
	const area = CHART.bars;
	const count = devicesCount(waveTotal(wave));
	const countWidth = textWidth(count, LABEL);
	const text = { x: area.x, y: top, scale: LABEL };
	drawText(bitmap, count, { ...text, width: area.width, align: 'right', colour: PALETTE.muted });
	drawText(bitmap, wave.label, {
		...text,
		width: area.width - countWidth - 12,
		colour: PALETTE.ink,
	});
	const barHeight = Math.min(44, rowHeight - LINE - 4 - 6);
	drawBar(bitmap, wave, area.x, top + LINE + 4, area.width, barHeight);
}

/**
 * The wave bars, first wave at the top. Up to 7 waves get a label line each; more get bare bars (at least 2 px
 * each) and a note. Throws when even that does not fit (more than 141 waves).
 */
function drawWaves(bitmap: Bitmap, waves: ReportWave[]): void {
	const area = CHART.bars;
	const text = { x: area.x, width: area.width, scale: LABEL, colour: PALETTE.muted };
	if (waves.length === 0) return void drawText(bitmap, 'No waves yet', { ...text, y: area.y });
	if (Math.floor(area.height / waves.length) >= LABELLED_ROW) {
		const rowHeight = Math.min(92, Math.floor(area.height / waves.length));
		waves.forEach((wave, k) => drawWaveRow(bitmap, wave, area.y + k * rowHeight, rowHeight));
		return;
	}
	const rowHeight = Math.floor((area.height - LINE - 6) / waves.length);
	if (rowHeight < 2)
		throw new Error(`Report waves: the chart draws at most 141 waves, got ${waves.length}`);
	waves.forEach((wave, k) =>
		drawBar(bitmap, wave, area.x, area.y + k * rowHeight, area.width, rowHeight - 1),
	);
	drawText(bitmap, `${waves.length} waves, first at the top`, {
		...text,
		y: area.y + area.height - LINE,
	});
}

/** The share of all target devices on the target version: a big percentage, the counts and a gauge. */
function drawTargets(bitmap: Bitmap, targets: NonNullable<Report['targets']>): number {
	const { x, y, width } = CHART.side;
	const muted = { x, width, scale: LABEL, colour: PALETTE.muted };
	drawText(bitmap, 'On target version', { ...muted, y });
	const share = formatShare(targets.onTargetVersion, targets.total);
	drawText(bitmap, share, { x, y: y + 24, width, scale: 4, colour: PALETTE.target });
	const counts = `${formatCount(targets.onTargetVersion)} of ${devicesCount(targets.total)}`;
	drawText(bitmap, counts, { ...muted, y: y + 64 });
	fillRect(bitmap, x, y + 88, width, 12, PALETTE.track);
	const filled = targets.total ? Math.round((width * targets.onTargetVersion) / targets.total) : 0;
	fillRect(bitmap, x, y + 88, filled, 12, PALETTE.target);
	return y + 124;
}

const REASON_ROW = 34;
const MAX_REASONS = 5;

/** The top failure reasons from `top` down: code and count, and a bar in proportion to the largest count. */
function drawReasons(bitmap: Bitmap, report: Report, top: number): void {
	const { x, width } = CHART.side;
	const bottom = CHART.side.y + CHART.side.height;
	const text = { x, width, scale: LABEL };
	drawText(bitmap, 'Top failure reasons', { ...text, y: top, colour: PALETTE.ink });
	let y = top + LINE + 6;
	if (report.failuresRead) {
		const { read, failed } = report.failuresRead;
		const note = `from ${formatCount(read)} of ${formatCount(failed)} failed`;
		drawText(bitmap, note, { ...text, y, colour: PALETTE.muted });
		y += LINE + 6;
	}
	const reasons = report.failureReasons;
	if (reasons.length === 0)
		return void drawText(bitmap, 'None', { ...text, y, colour: PALETTE.muted });
	let shown = Math.min(MAX_REASONS, reasons.length, Math.floor((bottom - y) / REASON_ROW));
	if (shown < reasons.length) shown = Math.min(shown, Math.floor((bottom - y - LINE) / REASON_ROW));
	const largest = reasons.reduce((most, r) => Math.max(most, r.count), 1);
	for (const reason of reasons.slice(0, shown)) {
		const count = formatCount(reason.count);
		drawText(bitmap, count, { ...text, y, align: 'right', colour: PALETTE.ink });
		const codeWidth = width - textWidth(count, LABEL) - 12;
		drawText(bitmap, reason.code, { ...text, y, width: codeWidth, colour: PALETTE.ink });
		fillRect(
			bitmap,
			x,
			y + LINE + 2,
			Math.max(2, Math.round((width * reason.count) / largest)),
			6,
			PALETTE.failed,
		);
		y += REASON_ROW;
	}
	if (shown < reasons.length)
		drawText(bitmap, `+${reasons.length - shown} more codes`, {
			...text,
			y,
			colour: PALETTE.muted,
		});
}

function drawLegend(bitmap: Bitmap): void {
	let x = CHART.margin;
	for (const [key, label] of STATES) {
		fillRect(bitmap, x, CHART.legendY, 14, 14, PALETTE[key]);
		const width = textWidth(label, LABEL);
		drawText(bitmap, label, {
			x: x + 22,
			y: CHART.legendY,
			width,
			scale: LABEL,
			colour: PALETTE.ink,
		});
		x += 22 + width + 28;
	}
}

/** The chart as a bitmap (see the module's docstring); checks the report first (checkReport). */
export function drawChart(report: Report): Bitmap {
	checkReport(report);
	const bitmap = createBitmap(CHART.width, CHART.height, PALETTE.background);
	drawHeader(bitmap, report);
	drawWaves(bitmap, report.waves);
	const reasonsTop = report.targets ? drawTargets(bitmap, report.targets) : CHART.side.y;
	drawReasons(bitmap, report, reasonsTop);
	drawLegend(bitmap);
	return bitmap;
}

/** The chart as a PNG file (800 × 450, RGB). Throws what checkReport throws for a bad report. */
export function renderChart(report: Report): Buffer {
	const bitmap = drawChart(report);
	return encodePng(bitmap.width, bitmap.height, bitmap.pixels);
}
