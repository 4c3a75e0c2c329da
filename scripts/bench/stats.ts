/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** Small helpers shared by the benchmarks: medians, a high-resolution clock, number formatting. */

export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds since an arbitrary origin, sub-microsecond resolution. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export function fmtMs(ms: number): string {
	if (!Number.isFinite(ms)) return 'n/a';
	if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
	if (ms < 100) return `${ms.toFixed(2)} ms`;
	if (ms < 10_000) return `${ms.toFixed(0)} ms`;
	return `${(ms / 1000).toFixed(1)} s`;
}

export function fmtMb(bytes: number): string {
	return `${(bytes / 1048576).toFixed(1)} MiB`;
}

export function fmtRatio(ratio: number): string {
	return `${ratio.toFixed(2)}×`;
}

/** Runs `count` samples, alternating the given variants inside each sample so both see the same noise. */
export async function sideBySide<K extends string>(
	count: number,
	variants: Record<K, () => Promise<number> | number>,
): Promise<Record<K, number[]>> {
	const names = Object.keys(variants) as K[];
	const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
	for (let i = 0; i < count; i++) {
		// Alternate the order, so neither variant always runs right after the other's garbage.
		const order = i % 2 ? [...names].reverse() : names;
		for (const name of order) samples[name].push(await variants[name]());
	}
	return samples;
}

/** One row of the bench's table. */
export interface Row {
	measure: string;
	value: string;
	against: string;
	ratio: string;
	target: string;
	met: string;
}
