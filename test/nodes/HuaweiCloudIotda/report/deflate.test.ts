/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** deflate.ts, checked against Node's own zlib (inflate) and a known CRC-32 value. */
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';

import { crc32, zlibDeflate } from '../../../../nodes/HuaweiCloudIotda/report/deflate';

function noise(n: number, seed: number): Uint8Array {
	const out = new Uint8Array(n);
	let s = seed;
	for (let k = 0; k < n; k++) out[k] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
	return out;
}

const CASES: Array<[string, Uint8Array]> = [
	['empty', new Uint8Array(0)],
	['one byte', Uint8Array.of(7)],
	['two bytes', Uint8Array.of(1, 2)],
	['a run of 1,000 zeros', new Uint8Array(1000)],
	['noise (no matches)', noise(5000, 1)],
	[
		'a block repeated 40 KiB apart (beyond the window)',
		Uint8Array.from([...noise(300, 2), ...new Uint8Array(40000), ...noise(300, 2)]),
	],
	[
		'a block repeated 32,768 bytes apart (the window edge)',
		Uint8Array.from([...noise(300, 3), ...noise(32468, 4), ...noise(300, 3)]),
	],
	['every byte value', Uint8Array.from({ length: 256 * 3 }, (_, k) => k % 256)],
];

describe('zlibDeflate', () => {
	it.each(CASES)('%s: inflates (node:zlib) to the same bytes', (_, data) => {
		expect(Buffer.from(inflateSync(zlibDeflate(data)))).toEqual(Buffer.from(data));
	});

	it('compresses flat colour: 1 MB of repeated rows to under 12 KB (a deflate match is at most 258 bytes)', () => {
		const row = Uint8Array.from({ length: 2401 }, (_, k) => (k < 1200 ? 0 : 3));
		const data = new Uint8Array(row.length * 450);
		for (let y = 0; y < 450; y++) data.set(row, y * row.length);
		const packed = zlibDeflate(data);
		expect(packed.length).toBeLessThan(12_000);
		expect(Buffer.from(inflateSync(packed))).toEqual(Buffer.from(data));
	});
});

describe('crc32', () => {
	it('gives the standard check value of "123456789" and agrees with zlib, also when continued', () => {
		expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
		const data = noise(1000, 9);
		expect(crc32(data)).toBe(zlibCrc32(data));
		expect(crc32(data.subarray(400), crc32(data.subarray(0, 400)))).toBe(zlibCrc32(data));
	});
});
