/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** png.ts: what it writes decodes with pngjs (which checks every chunk's CRC) to the same size and pixels. */
import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';

import { encodePng } from '../../../../nodes/HuaweiCloudIotda/report/png';

/** CRC-32 as the PNG spec's annex D computes it (polynomial 0xEDB88320), independent of node:zlib. */
function crc32(bytes: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of bytes) {
		crc ^= byte;
		for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
	}
	return (crc ^ 0xffffffff) >>> 0;
}

function pattern(width: number, height: number, channels: number): Uint8Array {
	const pixels = new Uint8Array(width * height * channels);
	for (let k = 0; k < pixels.length; k++) pixels[k] = (k * 37 + (k >> 5)) & 0xff;
	return pixels;
}

describe('encodePng', () => {
	it.each([
		[3, 1, 1],
		[3, 17, 5],
		[4, 9, 13],
		[4, 800, 450],
	])('%i channels, %i × %i: decodes to the same pixels', (channels, width, height) => {
		const pixels = pattern(width, height, channels);
		const image = PNG.sync.read(encodePng(width, height, pixels, channels as 3 | 4));
		expect([image.width, image.height]).toEqual([width, height]);
		for (let p = 0; p < width * height; p++) {
			const want = [
				...pixels.subarray(p * channels, p * channels + 3),
				channels === 4 ? pixels[p * channels + 3] : 255,
			];
			expect([...image.data.subarray(p * 4, p * 4 + 4)]).toEqual(want);
		}
	});

	it('writes signature, IHDR (8-bit RGB), one IDAT and IEND in that order', () => {
		const png = encodePng(2, 3, new Uint8Array(18));
		expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		const types: string[] = [];
		for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at))
			types.push(png.toString('latin1', at + 4, at + 8));
		expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
		expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([2, 3, 8, 2]);
	});

	it('every chunk carries the CRC-32 of its type and data (checked by a table-driven CRC here)', () => {
		const png = encodePng(5, 4, pattern(5, 4, 4), 4);
		for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at)) {
			const length = png.readUInt32BE(at);
			expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
		}
		png[29] ^= 0x01; // the first byte of IHDR's CRC: pngjs refuses the file
		expect(() => PNG.sync.read(png)).toThrow();
	});

	it('each row is stored with filter type 1 (Sub)', () => {
		const png = encodePng(3, 2, pattern(3, 2, 3));
		const idat = png.indexOf('IDAT', 0, 'latin1');
		const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
		expect([raw[0], raw[10]]).toEqual([1, 1]);
		expect(raw.length).toBe(2 * (3 * 3 + 1));
	});

	it.each([
		[0, 1, 3, 0, /width/],
		[1, 1.5, 3, 3, /height/],
		[2, 2, 5, 20, /channels/],
		[2, 2, 3, 11, /12 bytes|2 × 2 × 3/],
	])('refuses %i × %i with %i channels and %i bytes', (w, h, c, n, message) => {
		expect(() => encodePng(w, h, new Uint8Array(n), c as 3)).toThrow(message);
	});
});
