/**
 * The chart's built-in bitmap font: 5 × 9 pixel cells (7 rows of capitals, 2 rows of descenders), drawn by
 * raster.ts with a 1-pixel gap between characters. It covers printable ASCII (U+0020–U+007E) plus the middle dot
 * (U+00B7), the ellipsis (U+2026, used to shorten text that does not fit) and the replacement mark (U+FFFD, a hollow
 * box drawn for characters the font lacks, e.g. Chinese). Drawn for this package, not taken from a font file: a
 * community package may not ship runtime dependencies, and a few hundred bytes cover what a chart label needs.
 *
 * Encoding: the glyph of `GLYPH_CHARS[k]` is the k-th space-separated word of `GLYPH_ROWS`: 9 base-32 digits
 * (0–9, a–v), one per pixel row from the top, whose 5 bits are the row's pixels, most significant bit on the left.
 */

/** Pixel size of one glyph cell, and the gap after each glyph. */
export const GLYPH = { width: 5, height: 9, gap: 1 } as const;

/** Drawn for characters the font lacks (U+FFFD REPLACEMENT CHARACTER, shown as a hollow box). */
export const REPLACEMENT = '\ufffd';
/** Appended to text shortened to fit (U+2026 HORIZONTAL ELLIPSIS). */
export const ELLIPSIS = '\u2026';

const GLYPH_CHARS =
	' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u00b7\u2026\ufffd';

const GLYPH_ROWS =
	'000000000 444440400 aaa000000 aavavaa00 4fke5u400 pp248jj00 cik8lid00 448000000 ' +
	'248884200 842224800 04lel4000 044v44000 00000cc48 000e00000 00000cc00 11248gg00 ' +
	'ehjlphe00 4c4444e00 eh1248v00 v2421he00 26aiv2200 vgu11he00 68guhhe00 v12488800 ' +
	'ehhehhe00 ehhf12c00 0cc0cc000 0cc00cc48 248g84200 00v0v0000 842124800 eh1240400 ' +
	'ehnlngf00 ehhvhhh00 uhhuhhu00 ehggghe00 sihhhis00 vgguggv00 vgguggg00 ehgnhhf00 ' +
	'hhhvhhh00 e44444e00 72222ic00 hikokih00 ggggggv00 hrllhhh00 hhpljhh00 ehhhhhe00 ' +
	'uhhuggg00 ehhhlid00 uhhukih00 fgge11u00 v44444400 hhhhhhe00 hhhhha400 hhhllla00 ' +
	'hha4ahh00 hha444400 v1248gv00 e88888e00 gg8421100 e22222e00 4ah000000 0000000v0 ' +
	'842000000 00e1fhf00 gguhhhu00 00egghe00 11fhhhf00 00ehvge00 698s88800 00fhhhf1e ' +
	'ggmphhh00 40c444e00 2062222ic ggikoki00 c44444e00 00qllll00 00mphhh00 00ehhhe00 ' +
	'00uhhhugg 00fhhhf11 00mpggg00 00fge1u00 88s889600 00hhhjd00 00hhha400 00hhlla00 ' +
	'00ha4ah00 00hhhhf1e 00v248v00 344844300 444444400 o44244o00 008l20000 000400000 ' +
	'000000l00 vhhhhhv00';

/** Whether the font has a glyph for `char` (one UTF-16 unit; surrogate halves have none). */
export function hasGlyph(char: string): boolean {
	return char.length === 1 && GLYPH_CHARS.includes(char);
}

/**
 * The 9 pixel rows of `char` (5 bits each, most significant bit = left column); the replacement mark's rows for a
 * character the font lacks.
 */
export function glyphRows(char: string): number[] {
	const k = GLYPH_CHARS.indexOf(hasGlyph(char) ? char : REPLACEMENT);
	return Array.from(GLYPH_ROWS.slice(k * 10, k * 10 + 9), (digit) => parseInt(digit, 32));
}
