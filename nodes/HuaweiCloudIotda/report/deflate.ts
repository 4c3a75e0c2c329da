/**
 * zlib-wrapped DEFLATE (RFC 1950, RFC 1951) and CRC-32 for png.ts, written here because n8n's verification allows
 * no Node built-in but `crypto` in a community node (lint rule @n8n/community-nodes/no-restricted-imports, which
 * refuses `node:zlib`). One block with the fixed Huffman codes (RFC 1951 §3.2.6) and greedy LZ77 matching over a
 * 32 KiB window: enough for charts, whose flat colours turn into long repeats (800 × 450 RGB: ~1 MB raw, a few KB
 * deflated).
 */

const LENGTH_BASE = [
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
	163, 195, 227, 258,
];
const LENGTH_EXTRA = [
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DISTANCE_BASE = [
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
	3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA = [
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
const WINDOW = 32768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
/** Candidates tried per position: more compresses a little better and costs time. */
const MAX_CHAIN = 32;

/** Writes bits least significant first into bytes (RFC 1951 §3.1.1). */
class BitWriter {
	private readonly bytes: number[] = [];
	private buffer = 0;
	private count = 0;

	bits(value: number, length: number): void {
		for (let k = 0; k < length; k++) {
			this.buffer |= ((value >>> k) & 1) << this.count;
			if (++this.count === 8)
				[this.bytes[this.bytes.length], this.buffer, this.count] = [this.buffer, 0, 0];
		}
	}

	/** A Huffman code: sent most significant bit first. */
	code(value: number, length: number): void {
		for (let k = length - 1; k >= 0; k--) this.bits((value >>> k) & 1, 1);
	}

	finish(): Uint8Array {
		if (this.count > 0) this.bytes.push(this.buffer);
		return Uint8Array.from(this.bytes);
	}
}

/** A literal/length symbol (0–287) in the fixed Huffman code (RFC 1951 §3.2.6). */
function literal(out: BitWriter, symbol: number): void {
	if (symbol < 144) out.code(0x30 + symbol, 8);
	else if (symbol < 256) out.code(0x190 + symbol - 144, 9);
	else if (symbol < 280) out.code(symbol - 256, 7);
	else out.code(0xc0 + symbol - 280, 8);
}

/** The largest k with table[k] ≤ value. */
function slot(table: number[], value: number): number {
	let k = table.length - 1;
	while (table[k] > value) k--;
	return k;
}

function match(out: BitWriter, length: number, distance: number): void {
	const l = slot(LENGTH_BASE, length);
	literal(out, 257 + l);
	out.bits(length - LENGTH_BASE[l], LENGTH_EXTRA[l]);
	const d = slot(DISTANCE_BASE, distance);
	out.code(d, 5);
	out.bits(distance - DISTANCE_BASE[d], DISTANCE_EXTRA[d]);
}

/** The longest earlier match for position `at` in the window (0 when shorter than MIN_MATCH). */
function longestMatch(
	data: Uint8Array,
	at: number,
	head: Int32Array,
	prev: Int32Array,
	hash: number,
) {
	let best = { length: 0, distance: 0 };
	const limit = Math.min(MAX_MATCH, data.length - at);
	for (
		let from = head[hash], tries = 0;
		from >= 0 && at - from <= WINDOW && tries < MAX_CHAIN;
		tries++
	) {
		let length = 0;
		while (length < limit && data[from + length] === data[at + length]) length++;
		if (length > best.length) best = { length, distance: at - from };
		if (length === limit) break;
		from = prev[from % WINDOW];
	}
	return best.length >= MIN_MATCH ? best : { length: 0, distance: 0 };
}

const hashAt = (data: Uint8Array, k: number) =>
	((data[k] << 10) ^ (data[k + 1] << 5) ^ data[k + 2]) & 0x7fff;

/** Adler-32 of `data` (RFC 1950 §9). */
function adler32(data: Uint8Array): number {
	let [a, b] = [1, 0];
	for (let k = 0; k < data.length; k++) [a, b] = [(a + data[k]) % 65521, (b + a + data[k]) % 65521];
	return ((b << 16) | a) >>> 0;
}

/** `data` as a zlib stream (RFC 1950: header 0x78 0x01, one fixed-Huffman DEFLATE block, Adler-32). */
export function zlibDeflate(data: Uint8Array): Uint8Array {
	const out = new BitWriter();
	out.bits(0x78, 8);
	out.bits(0x01, 8);
	out.bits(1, 1); // BFINAL: the only block
	out.bits(1, 2); // BTYPE 01: fixed Huffman codes
	const head = new Int32Array(0x8000).fill(-1);
	const prev = new Int32Array(WINDOW).fill(-1);
	const remember = (k: number) => {
		if (k + MIN_MATCH > data.length) return;
		const h = hashAt(data, k);
		prev[k % WINDOW] = head[h];
		head[h] = k;
	};
	for (let at = 0; at < data.length; ) {
		const found =
			at + MIN_MATCH <= data.length
				? longestMatch(data, at, head, prev, hashAt(data, at))
				: undefined;
		const step = found?.length ? found.length : 1;
		if (found?.length) match(out, found.length, found.distance);
		else literal(out, data[at]);
		for (let k = at; k < at + step; k++) remember(k);
		at += step;
	}
	literal(out, 256); // end of block
	const body = out.finish();
	const stream = new Uint8Array(body.length + 4);
	stream.set(body);
	new DataView(stream.buffer).setUint32(body.length, adler32(data));
	return stream;
}

/** CRC-32 (ISO 3309, polynomial 0xEDB88320, as PNG's annex D computes it) of `data`, continuing from `crc`. */
export function crc32(data: Uint8Array, crc = 0): number {
	let c = ~crc;
	for (let k = 0; k < data.length; k++) {
		c ^= data[k];
		for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
	}
	return ~c >>> 0;
}
