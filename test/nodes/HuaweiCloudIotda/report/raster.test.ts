/** raster.ts and font.ts: shapes land on the pixels asked for, and text is measured, fitted and never overflows. */
import {
	ELLIPSIS,
	GLYPH,
	REPLACEMENT,
	glyphRows,
	hasGlyph,
} from '../../../../nodes/HuaweiCloudIotda/report/font';
import {
	createBitmap,
	drawLine,
	drawText,
	drawableGlyphs,
	fillRect,
	fitGlyphs,
	textWidth,
	type Bitmap,
	type Rgb,
} from '../../../../nodes/HuaweiCloudIotda/report/raster';

const WHITE: Rgb = [255, 255, 255];
const RED: Rgb = [200, 0, 0];

function inked(bitmap: Bitmap): Array<[number, number]> {
	const found: Array<[number, number]> = [];
	for (let y = 0; y < bitmap.height; y++)
		for (let x = 0; x < bitmap.width; x++)
			if (bitmap.pixels[(y * bitmap.width + x) * 3] !== 255) found.push([x, y]);
	return found;
}

describe('font', () => {
	const ascii = Array.from({ length: 95 }, (_, k) => String.fromCharCode(32 + k));

	it('has a distinct glyph for every printable ASCII character, the ellipsis and the replacement mark', () => {
		const shapes = new Set<string>();
		for (const char of [...ascii, ELLIPSIS, REPLACEMENT, '\u00b7']) {
			expect(hasGlyph(char)).toBe(true);
			const rows = glyphRows(char);
			expect(rows).toHaveLength(GLYPH.height);
			expect(rows.every((r) => r >= 0 && r < 32)).toBe(true);
			shapes.add(rows.join(','));
		}
		expect(shapes.size).toBe(98);
		expect(glyphRows(' ').every((r) => r === 0)).toBe(true);
	});

	it('draws a character it lacks as the replacement mark', () => {
		expect(hasGlyph('固')).toBe(false);
		expect(glyphRows('固')).toEqual(glyphRows(REPLACEMENT));
	});
});

describe('shapes', () => {
	it('fillRect fills exactly the rectangle and clips at the edges', () => {
		const bitmap = createBitmap(10, 6, WHITE);
		fillRect(bitmap, 2, 1, 3, 2, RED);
		expect(inked(bitmap)).toEqual([
			[2, 1],
			[3, 1],
			[4, 1],
			[2, 2],
			[3, 2],
			[4, 2],
		]);
		fillRect(bitmap, -5, 4, 8, 10, RED);
		expect(inked(bitmap).filter(([, y]) => y >= 4)).toEqual([
			[0, 4],
			[1, 4],
			[2, 4],
			[0, 5],
			[1, 5],
			[2, 5],
		]);
	});

	it('drawLine includes both ends and steps one pixel at a time', () => {
		const bitmap = createBitmap(8, 8, WHITE);
		drawLine(bitmap, 1, 1, 6, 4, RED);
		const points = inked(bitmap).sort((a, b) => a[0] - b[0]);
		expect(points[0]).toEqual([1, 1]);
		expect(points[points.length - 1]).toEqual([6, 4]);
		expect(points.map(([x]) => x)).toEqual([1, 2, 3, 4, 5, 6]);
		for (let k = 1; k < points.length; k++)
			expect(Math.abs(points[k][1] - points[k - 1][1])).toBeLessThanOrEqual(1);
	});
});

describe('text', () => {
	it('measures 6 px per glyph at scale 1, less the last gap, times the scale', () => {
		expect(textWidth('', 2)).toBe(0);
		expect(textWidth('A', 1)).toBe(5);
		expect(textWidth('Wave 1', 2)).toBe((6 * 6 - 1) * 2);
	});

	it('marks each run of characters the font lacks with one replacement mark', () => {
		expect(drawableGlyphs('固件 v2\t升级版')).toEqual([
			REPLACEMENT,
			' ',
			'v',
			'2',
			' ',
			REPLACEMENT,
		]);
		expect(drawableGlyphs('😀x')).toEqual([REPLACEMENT, 'x']);
	});

	it('fits text: all of it when it fits, else a prefix and an ellipsis, never wider than asked', () => {
		expect(fitGlyphs('Wave 1', 70, 2).join('')).toBe('Wave 1');
		for (let width = 0; width < 200; width++) {
			const glyphs = fitGlyphs('Firmware_rollout_of_the_EU_gateways', width, 2);
			expect(textWidth(glyphs.join(''), 2)).toBeLessThanOrEqual(width);
			if (width >= 10) expect(glyphs[glyphs.length - 1]).toBe(ELLIPSIS);
			// Whatever fits is used: one more glyph would not.
			expect(textWidth(glyphs.join('') + 'x', 2)).toBeGreaterThan(width);
		}
		expect(fitGlyphs('Wave  of all', 6 * 6 * 2, 2).join('')).toBe(`Wave${ELLIPSIS}`);
	});

	it('drawText puts every pixel inside its box, aligned as asked', () => {
		for (const align of ['left', 'center', 'right'] as const) {
			const bitmap = createBitmap(200, 30, WHITE);
			const drawn = drawText(bitmap, '固件升级 华东区 第三批 rollout of many gateways', {
				x: 20,
				y: 5,
				width: 150,
				scale: 2,
				colour: RED,
				align,
			});
			expect(drawn.endsWith(ELLIPSIS)).toBe(true);
			const xs = inked(bitmap).map(([x]) => x);
			const ys = inked(bitmap).map(([, y]) => y);
			expect(Math.min(...xs)).toBeGreaterThanOrEqual(20);
			expect(Math.max(...xs)).toBeLessThan(170);
			expect(Math.min(...ys)).toBeGreaterThanOrEqual(5);
			expect(Math.max(...ys)).toBeLessThan(5 + 18);
		}
		const bitmap = createBitmap(100, 20, WHITE);
		drawText(bitmap, 'ab', { x: 10, y: 0, width: 80, scale: 1, colour: RED, align: 'right' });
		expect(Math.max(...inked(bitmap).map(([x]) => x))).toBe(89);
	});
});
