// IoTDA time strings: yyyyMMdd'T'HHmmss'Z' in UTC (iotda-api.md §4.0).
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatIotdaTime(ms: number): string {
	const d = new Date(ms);
	return (
		`${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
		`T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
	);
}

/** Parses a strict yyyyMMddTHHmmssZ string; undefined when malformed or not a real date. */
export function parseIotdaTime(s: unknown): number | undefined {
	if (typeof s !== 'string') return undefined;
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
	if (!m) return undefined;
	const [y, mo, d, h, mi, se] = m.slice(1).map(Number);
	const ms = Date.UTC(y, mo - 1, d, h, mi, se);
	// Reject rollovers such as month 13 or 31 February.
	return formatIotdaTime(ms) === s ? ms : undefined;
}
