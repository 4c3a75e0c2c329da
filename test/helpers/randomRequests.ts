/**
 * Seeded generator of awkward IoTDA-style requests for the signer cross-check: reserved and non-ASCII
 * path segments, multi-valued and empty query values, unicode JSON bodies, multipart, tokens, regions.
 */
import { IOTDA_REGIONS } from '../../credentials/common/endpoint';
import { percentEncode } from '../../credentials/common/signer';

/** mulberry32: a small deterministic PRNG, so a failing case can be replayed from its seed. */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}
}

/** Characters the brief calls out, plus CJK, emoji (surrogate pairs), Latin-1 and Cyrillic. */
const TRICKY = [
	...' +=:*~\'()!%&?/#,;@$[]^|"<>{}`\\',
	...['中', '文', '任务', '设备', '😀', '🚀', 'ä', 'é', 'Ж', 'ß'],
];
const PLAIN = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.'];

export function text(r: Random, maxLength: number, trickyShare = 0.35): string {
	let out = '';
	const length = r.int(0, maxLength);
	for (let i = 0; i < length; i++) out += r.chance(trickyShare) ? r.pick(TRICKY) : r.pick(PLAIN);
	return out;
}

/**
 * Characters that stay raw in a path under both Node's url.parse (the SDK) and WHATWG URL (ours, axios),
 * so the wire path is the same string for both. Everything else is percent-encoded.
 */
const RAW_IN_PATH = new Set([...'!$&()*+,-.:;=@_~', ...PLAIN]);

/** One wire path segment: generated text, percent-encoded except (sometimes) the characters safe raw. */
export function wireSegment(r: Random): string {
	for (;;) {
		const logical = text(r, 12, 0.5) || 'x';
		const keepRaw = r.chance(0.5);
		let wire = '';
		for (const ch of logical) wire += keepRaw && RAW_IN_PATH.has(ch) ? ch : percentEncode(ch);
		if (r.chance(0.05)) wire += '%e4%b8%ad'; // lower-case hex stays as it is on both sides
		// WHATWG URL removes dot segments (and %2e ones); the SDK's url.parse does not: not a signer matter.
		if (!/^(\.|%2e){1,2}$/i.test(wire)) return wire;
	}
}

export type Query = Record<string, string | number | boolean | Array<string | number | boolean>>;

export function query(r: Random): Query {
	const result: Query = {};
	const count = r.int(0, 6);
	for (let i = 0; i < count; i++) {
		const key = text(r, 8) || (r.chance(0.2) ? '' : 'k');
		if (key === '__proto__') continue;
		const kind = r.int(0, 5);
		if (kind === 0) result[key] = '';
		else if (kind === 1) result[key] = r.int(-5, 1000);
		else if (kind === 2) result[key] = r.chance(0.5);
		else if (kind === 3) {
			const values: string[] = [];
			const n = r.int(0, 4);
			for (let j = 0; j < n; j++) values.push(r.chance(0.2) ? '' : text(r, 6));
			if (r.chance(0.3) && values.length) values.push(values[0]); // duplicate values
			result[key] = values;
		} else result[key] = text(r, 16);
	}
	return result;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function jsonValue(r: Random, depth = 0): Json {
	const kind = r.int(0, depth > 2 ? 3 : 5);
	if (kind === 0) return text(r, 20, 0.5);
	if (kind === 1) return r.chance(0.5) ? r.int(-100000, 100000) : r.next() * 1000;
	if (kind === 2) return r.chance(0.5);
	if (kind === 3) return null;
	if (kind === 4) return Array.from({ length: r.int(0, 4) }, () => jsonValue(r, depth + 1));
	const object: Record<string, Json> = {};
	for (let i = r.int(0, 5); i > 0; i--) object[text(r, 10, 0.5) || 'key'] = jsonValue(r, depth + 1);
	return object;
}

export function jsonBody(r: Random): Record<string, Json> {
	const body: Record<string, Json> = {
		task_name: text(r, 24, 0.6),
		task_type: r.pick(['firmwareUpgrade', 'softwareUpgrade', 'createDevices', 'freezeDevices']),
	};
	for (let i = r.int(0, 4); i > 0; i--) body[text(r, 10, 0.5) || 'extra'] = jsonValue(r);
	return body;
}

export function origin(r: Random): { origin: string; region: string } {
	const custom = `${text(r, 3, 0).toLowerCase() || 'xx'}-test-${r.int(1, 9)}`;
	const region = r.chance(0.85) ? r.pick(IOTDA_REGIONS).id : custom;
	const host = r.pick([
		`iotda.${region}.myhuaweicloud.com`,
		`${text(r, 10, 0).toLowerCase() || 'a1b2'}.st1.iotda-app.${region}.myhuaweicloud.com`,
		`127.0.0.1:${r.int(1024, 65535)}`,
		`localhost:${r.int(1024, 65535)}`,
	]);
	return { origin: `${r.chance(0.8) ? 'https' : 'http'}://${host}`, region };
}

export function token(r: Random): string | undefined {
	if (!r.chance(0.3)) return undefined;
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_';
	return Array.from({ length: r.int(20, 200) }, () => alphabet[r.int(0, alphabet.length - 1)]).join(
		'',
	);
}

/** A random instant between 2000 and 2040, whole seconds (X-Sdk-Date has second precision). */
export function instant(r: Random): Date {
	return new Date(Date.UTC(2000, 0, 1) + r.int(0, 40 * 365 * 86400) * 1000);
}

export function hex(r: Random, length: number): string {
	return Array.from({ length }, () => '0123456789abcdef'[r.int(0, 15)]).join('');
}
