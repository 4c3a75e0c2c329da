/**
 * A PNG encoder (PNG: W3C Recommendation "Portable Network Graphics (PNG) Specification", 2nd ed.,
 * ISO/IEC 15948): 8-bit truecolour (colour type 2, RGB) or truecolour with alpha (colour type 6, RGBA), no
 * interlace, filter method 0 with filter type 1 (Sub) on every row, one IDAT chunk.
 *
 * Why not a library: n8n verifies community packages and refuses any with runtime `dependencies` (n8n docs,
 * "Submit community nodes" → verification guidelines), so the report's chart is drawn by this package's own
 * rasteriser (raster.ts) and encoded here. Not even `node:zlib`: n8n Cloud allows no Node built-in but `crypto`
 * (lint rule @n8n/community-nodes/no-restricted-imports), so deflate and CRC-32 are in deflate.ts.
 */
import { crc32, zlibDeflate } from './deflate';

/** The 8-byte PNG signature (spec §5.2). */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** One chunk: length, type, data, CRC-32 over type and data (spec §5.3). */
function chunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
	return Buffer.concat([head, data, crc]);
}

/**
 * The image data: each row prefixed with its filter type, 1 (Sub: each byte minus the same channel of the pixel to
 * its left, modulo 256 — spec §9.2), then deflated. Sub turns a flat colour into zeros, which deflate well.
 */
function imageData(width: number, height: number, pixels: Uint8Array, channels: number): Buffer {
	const stride = width * channels;
	const raw = new Uint8Array((stride + 1) * height);
	for (let y = 0; y < height; y++) {
		const row = y * stride;
		const at = y * (stride + 1);
		raw[at] = 1;
		for (let k = 0; k < stride; k++)
			raw[at + 1 + k] = pixels[row + k] - (k >= channels ? pixels[row + k - channels] : 0);
	}
	return Buffer.from(zlibDeflate(raw));
}

/**
 * Encodes `pixels` (row-major, top row first, `channels` bytes per pixel: 3 = R, G, B or 4 = R, G, B, A, each
 * 0–255) as a PNG file of `width` × `height` pixels.
 *
 * Throws a RangeError when the size is not a positive whole number of at most 2^31 − 1 (spec §11.2.2), when
 * `channels` is not 3 or 4, or when `pixels` does not hold exactly width × height × channels bytes.
 */
export function encodePng(
	width: number,
	height: number,
	pixels: Uint8Array,
	channels: 3 | 4 = 3,
): Buffer {
	for (const [name, value] of [
		['width', width],
		['height', height],
	] as const)
		if (!Number.isInteger(value) || value < 1 || value > 0x7fffffff)
			throw new RangeError(`PNG ${name} must be a whole number from 1 to 2^31 - 1, got ${value}`);
	if (channels !== 3 && channels !== 4)
		throw new RangeError(`PNG channels must be 3 (RGB) or 4 (RGBA), got ${String(channels)}`);
	if (pixels.length !== width * height * channels)
		throw new RangeError(
			`PNG pixels must hold ${width} × ${height} × ${channels} bytes, got ${pixels.length}`,
		);
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	// Bit depth 8; colour type 2 (RGB) or 6 (RGBA); compression 0, filter 0, interlace 0 (spec §11.2.2).
	header.set([8, channels === 3 ? 2 : 6, 0, 0, 0], 8);
	return Buffer.concat([
		SIGNATURE,
		chunk('IHDR', header),
		chunk('IDAT', imageData(width, height, pixels, channels)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}
