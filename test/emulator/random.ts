// Deterministic pseudo-randomness, so that seed data and sub-task outcomes repeat for a given seed.

/** mulberry32: tiny seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Stateless hash of a few integers to [0, 1): decides one sub-task attempt without storing anything. */
export function hashToUnit(...parts: number[]): number {
	let h = 0x811c9dc5;
	for (const p of parts) {
		h = Math.imul(h ^ (p & 0xffff), 0x01000193);
		h = Math.imul(h ^ (p >>> 16), 0x01000193);
	}
	h ^= h >>> 13;
	h = Math.imul(h, 0x5bd1e995);
	h ^= h >>> 15;
	return (h >>> 0) / 4294967296;
}

export function randomHex(rand: () => number, length: number): string {
	let s = '';
	for (let i = 0; i < length; i++) s += Math.floor(rand() * 16).toString(16);
	return s;
}

export function randomUuid(rand: () => number): string {
	const h = randomHex(rand, 32);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}
