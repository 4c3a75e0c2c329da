/**
 * A small rasteriser for the report chart: an opaque RGB bitmap with filled rectangles, 1-pixel lines and text in
 * the built-in bitmap font (font.ts), scaled by whole numbers. It exists because a community package may not ship
 * runtime dependencies (see png.ts); it draws only what the chart needs.
 *
 * Coordinates are pixels, x to the right and y down from the top-left corner; every shape is clipped to the
 * bitmap. Text never overflows its box: it is measured and, when too wide, shortened with an ellipsis (…).
 */
import { ELLIPSIS, GLYPH, REPLACEMENT, glyphRows, hasGlyph } from './font';

/** A colour as red, green, blue (0–255 each). */
export type Rgb = readonly [number, number, number];

/** An opaque image: `pixels` holds R, G, B per pixel, row-major from the top-left (what png.ts encodes). */
export interface Bitmap {
	readonly width: number;
	readonly height: number;
	readonly pixels: Uint8Array;
}

/** Where and how `drawText` draws: the box's left edge `x`, top `y`, `width` (pixels), glyph scale (1, 2, 3…). */
export interface TextBox {
	x: number;
	y: number;
	width: number;
	scale: number;
	colour: Rgb;
	align?: 'left' | 'center' | 'right';
}

/** A `width` × `height` bitmap filled with `background`. */
export function createBitmap(width: number, height: number, background: Rgb): Bitmap {
	const bitmap = { width, height, pixels: new Uint8Array(width * height * 3) };
	fillRect(bitmap, 0, 0, width, height, background);
	return bitmap;
}

/** Fills the rectangle from (x, y), `w` × `h` pixels (coordinates rounded to whole pixels, clipped). */
export function fillRect(bitmap: Bitmap, x: number, y: number, w: number, h: number, colour: Rgb) {
	const left = Math.max(0, Math.round(x));
	const top = Math.max(0, Math.round(y));
	const right = Math.min(bitmap.width, Math.round(x + w));
	const bottom = Math.min(bitmap.height, Math.round(y + h));
	for (let row = top; row < bottom; row++)
		for (let col = left; col < right; col++)
			bitmap.pixels.set(colour, (row * bitmap.width + col) * 3);
}

/** A 1-pixel line from (x0, y0) to (x1, y1), both ends included (Bresenham's algorithm, whole pixels). */
export function drawLine(
	bitmap: Bitmap,
	x0: number,
	y0: number,
	x1: number,
	y1: number,
	colour: Rgb,
) {
	let [x, y] = [Math.round(x0), Math.round(y0)];
	const [endX, endY] = [Math.round(x1), Math.round(y1)];
	const dx = Math.abs(endX - x);
	const dy = -Math.abs(endY - y);
	const [stepX, stepY] = [x < endX ? 1 : -1, y < endY ? 1 : -1];
	let error = dx + dy;
	for (;;) {
		fillRect(bitmap, x, y, 1, 1, colour);
		if (x === endX && y === endY) return;
		const twice = 2 * error;
		if (twice >= dy) [error, x] = [error + dy, x + stepX];
		if (twice <= dx) [error, y] = [error + dx, y + stepY];
	}
}

/**
 * `text` as the font can draw it, one glyph per array entry: characters the font has stay, whitespace becomes a
 * space, and each run of characters it lacks (Chinese, emoji…) becomes one replacement mark (a hollow box), so
 * that a name in another script is visibly marked, not silently dropped.
 */
export function drawableGlyphs(text: string): string[] {
	const glyphs: string[] = [];
	for (const char of text) {
		const shown = hasGlyph(char) ? char : /\s/.test(char) ? ' ' : REPLACEMENT;
		if (shown !== REPLACEMENT || glyphs[glyphs.length - 1] !== REPLACEMENT) glyphs.push(shown);
	}
	return glyphs;
}

/** Width in pixels of `count` glyphs at `scale` (a gap between glyphs, none after the last). */
function glyphsWidth(count: number, scale: number): number {
	return count === 0 ? 0 : (count * (GLYPH.width + GLYPH.gap) - GLYPH.gap) * scale;
}

/** Width in pixels of `text` drawn at `scale`. */
export function textWidth(text: string, scale: number): number {
	return glyphsWidth(drawableGlyphs(text).length, scale);
}

/** Height in pixels of a line of text at `scale` (capitals and descenders). */
export function textHeight(scale: number): number {
	return GLYPH.height * scale;
}

/**
 * The glyphs of `text` that fit in `maxWidth` pixels at `scale`: all of them, or as many as fit followed by an
 * ellipsis (trailing spaces before it dropped); none when not even the ellipsis fits.
 */
export function fitGlyphs(text: string, maxWidth: number, scale: number): string[] {
	const glyphs = drawableGlyphs(text);
	if (glyphsWidth(glyphs.length, scale) <= maxWidth) return glyphs;
	let keep = Math.floor((maxWidth / scale + GLYPH.gap) / (GLYPH.width + GLYPH.gap)) - 1;
	if (keep < 0) return [];
	while (keep > 0 && glyphs[keep - 1] === ' ') keep--;
	return [...glyphs.slice(0, keep), ELLIPSIS];
}

/** Draws `text` in `box` (shortened to fit its width, see fitGlyphs); returns the text drawn. */
export function drawText(bitmap: Bitmap, text: string, box: TextBox): string {
	const glyphs = fitGlyphs(text, box.width, box.scale);
	const free = box.width - glyphsWidth(glyphs.length, box.scale);
	const offset = box.align === 'right' ? free : box.align === 'center' ? Math.floor(free / 2) : 0;
	const step = (GLYPH.width + GLYPH.gap) * box.scale;
	glyphs.forEach((char, k) => {
		const left = box.x + offset + k * step;
		glyphRows(char).forEach((bits, row) => {
			for (let col = 0; col < GLYPH.width; col++)
				if (bits & (1 << (GLYPH.width - 1 - col)))
					fillRect(
						bitmap,
						left + col * box.scale,
						box.y + row * box.scale,
						box.scale,
						box.scale,
						box.colour,
					);
		});
	});
	return glyphs.join('');
}
