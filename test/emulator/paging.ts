// Marker/offset paging of iotda-api.md §4.0: records in descending id order, `marker` = only ids < marker,
// `offset` skips records after the marker, `page.count` = all records matching the filters.
import { limitOutOfRange, invalidInput } from './errors';

export interface PageParams {
	limit: number;
	marker: string;
	offset: number;
}
export interface Page {
	count: number;
	marker?: string;
}

export const MAX_MARKER = 'ffffffffffffffffffffffff';

/**
 * An integer query parameter within [min, max]. Out of range: `limit` answers 400 IOTDA.000017 ("The
 * specified parameter 'limit' is out of range", DOC-ERR); anything else (offset) the generic 400
 * IOTDA.000006, because the code DOC-ERR gives offset is not readable in any stored copy (audit row 24).
 */
function intParam(
	raw: string | undefined,
	name: string,
	def: number,
	min: number,
	max: number,
): number {
	if (raw === undefined) return def;
	const fail = (msg: string) => (name === 'limit' ? limitOutOfRange(msg) : invalidInput(msg));
	if (!/^-?\d+$/.test(raw))
		throw fail(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
	const n = Number(raw);
	if (n < min || n > max) throw fail(`${name} must be between ${min} and ${max}, got ${n}`);
	return n;
}

export function parsePageParams(query: Record<string, string>): PageParams {
	const marker = query.marker ?? MAX_MARKER;
	if (!/^[0-9a-f]{24}$/.test(marker))
		throw invalidInput(`marker must be 24 lowercase hex characters, got "${marker}"`);
	return {
		limit: intParam(query.limit, 'limit', 10, 1, 50),
		offset: intParam(query.offset, 'offset', 0, 0, 500),
		marker,
	};
}

/** Pages a list that is already sorted by descending 24-hex id (ids compare correctly as strings). */
export function pageByMarker<T>(
	items: T[],
	idOf: (item: T) => string,
	p: PageParams,
): { items: T[]; page: Page } {
	// Binary search for the first record whose id is < marker.
	let lo = 0;
	let hi = items.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (idOf(items[mid]) < p.marker) hi = mid;
		else lo = mid + 1;
	}
	const slice = items.slice(lo + p.offset, lo + p.offset + p.limit);
	const page: Page = { count: items.length };
	if (slice.length > 0) page.marker = idOf(slice[slice.length - 1]);
	return { items: slice, page };
}
