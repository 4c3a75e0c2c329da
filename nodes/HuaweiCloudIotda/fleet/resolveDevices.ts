/**
 * Finds the devices (or their number) that device filters name: SearchDevices page by page at IoTDA's 1
 * request per second per account, or — when SearchDevices is refused, as on a Basic edition instance —
 * ListDevices by product and resource space with the other filters applied in the node. Never a different set:
 * a filter ListDevices' records cannot answer (device group, raw SQL) is refused by name instead.
 * Sources: SDK searchDevices doc comment ("仅标准版实例、企业版实例支持", "TPS 限制最大为1/S"); fleet-rollouts.md §5.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { listDevices, searchDevices, type RequestOptions } from '../api/devices';
import { cancelSignalOf, now, pause } from '../helpers/clock';
import { RATE_LIMIT_CODE } from '../transport/retryPolicy';
import {
	buildSearchSql,
	matchesFilters,
	SEARCH_PAGE_ROWS,
	type DeviceFilters,
	type RawConditions,
} from './searchSql';

/** IoTDA's SearchDevices rate: "单账号调用该接口的 TPS 限制最大为1/S". */
export const SEARCH_INTERVAL_MS = 1000;

/**
 * Spaces SearchDevices requests of one execution: the next is sent SEARCH_INTERVAL_MS after the previous
 * one's answer arrived. Counting from the answer (not from the send) keeps the gap at IoTDA at least the
 * interval whatever the network delays of the two requests.
 */
export interface SearchPacer {
	/** Sends `request` when it may go; undefined (nothing sent) when the execution was stopped while waiting. */
	send<T>(request: () => Promise<T>, signal?: AbortSignal): Promise<{ answer: T } | undefined>;
}

/** A pacer for one execution (no state outlives it; other executions are kept apart by throttling back-off). */
export function searchPacer(intervalMs = SEARCH_INTERVAL_MS): SearchPacer {
	let last: number | undefined;
	return {
		async send(request, signal) {
			const due = last === undefined ? 0 : last + intervalMs - now();
			if (due > 0 && !(await pause(due, signal))) return undefined;
			try {
				return { answer: await request() };
			} finally {
				last = now();
			}
		},
	};
}

export type DeviceQuery = DeviceFilters | RawConditions;

export interface Resolution {
	/** The devices, de-duplicated by device_id, in marker order (SearchDevices) or newest first (ListDevices). */
	devices: IDataObject[];
	/** How they were found, for the output: "SearchDevices" or the ListDevices fallback and why. */
	foundBy: string;
	/** Requests sent (pages read). */
	requests: number;
	/** The first page's SearchDevices statement (the one checked before anything was sent). */
	sql: string;
}

export interface ResolveOptions {
	itemIndex: number;
	pacer: SearchPacer;
	/** Stop after this many devices (default: all). */
	max?: number;
	/**
	 * Keep only these fields of each device (default: all): a search selects them (and the marker it pages by),
	 * the ListDevices fallback drops the others after filtering. Shrinks what a long resolution holds.
	 */
	fields?: readonly string[];
	options?: RequestOptions;
}

/** Reports progress where n8n shows it: the browser console of a manual run and the n8n log. */
function progress(this: IExecuteFunctions, text: string): void {
	this.logger?.info(`Huawei Cloud IoTDA: ${text}`);
	if (typeof this.sendMessageToUI === 'function') this.sendMessageToUI(text);
}

/** IoTDA's error code in a transport error's message, `<action> failed: <code> – <text>` (transport/errors.ts). */
const errorCodeIn = (message: string): string => /failed: (\S+)/.exec(message)?.[1] ?? '';

/**
 * Why SearchDevices was refused for good (not throttled): a 403 other than IoTDA's rate-limit codes. A throttled
 * search whose retries ran out is the transport's throttling error, never a reason to list another way.
 */
function refusedSearch(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError) || error.httpCode !== '403') return undefined;
	if (RATE_LIMIT_CODE.test(errorCodeIn(error.message))) return undefined;
	return error.message.replace(/^Search devices failed: /, '');
}

function stopped(this: IExecuteFunctions, itemIndex: number, read: number): NodeOperationError {
	return new NodeOperationError(
		this.getNode(),
		'Device search cancelled: the execution was stopped',
		{
			itemIndex,
			description: `${read} devices had been read. Nothing was changed in IoTDA.`,
		},
	);
}

/** The select list of a search: the fields kept and the marker it pages by, or every field. */
const selected = (o: ResolveOptions) => o.fields && [...o.fields, 'marker'];

async function searchPages(this: IExecuteFunctions, query: DeviceQuery, o: ResolveOptions) {
	const seen = new Set<string>();
	const devices: IDataObject[] = [];
	const max = o.max ?? Infinity;
	let after: string | undefined;
	for (let requests = 1; ; requests++) {
		const sql = buildSearchSql(query, { kind: 'page', afterMarker: after, fields: selected(o) });
		const sent = await o.pacer.send(
			async () => await searchDevices.call(this, sql, o.itemIndex, o.options),
			cancelSignalOf(this),
		);
		if (!sent) throw stopped.call(this, o.itemIndex, devices.length);
		const page = sent.answer;
		for (const d of page.devices) {
			const id = String(d.device_id);
			if (seen.has(id) || devices.length >= max) continue;
			seen.add(id);
			devices.push(d);
		}
		progress.call(this, `SearchDevices page ${requests}: ${devices.length} devices so far`);
		if (page.devices.length < SEARCH_PAGE_ROWS || devices.length >= max)
			return { devices, requests };
		after = String(page.devices[page.devices.length - 1].marker);
	}
}

/** Refuses, by name, what ListDevices' records cannot filter on; returns the filters when all can be applied. */
function fallbackFilters(
	this: IExecuteFunctions,
	query: DeviceQuery,
	why: string,
	itemIndex: number,
): DeviceFilters {
	const cannot =
		'sql' in query ? 'SQL Conditions' : query.groupId !== undefined ? 'Device Group ID' : undefined;
	if (cannot === undefined) return query as DeviceFilters;
	throw new NodeOperationError(
		this.getNode(),
		`SearchDevices was refused (${why}), and ${cannot} cannot be applied to the devices ListDevices returns`,
		{
			itemIndex,
			description: `SearchDevices is offered by Standard and Enterprise instances only. ListDevices (every edition) has no ${cannot === 'SQL Conditions' ? 'SQL' : 'device group'} filter, so the node would target a different set: use Product, Resource Space, Status, versions and Tag only, or a Standard/Enterprise instance.`,
		},
	);
}

const picked = (d: IDataObject, fields?: readonly string[]): IDataObject =>
	fields ? Object.fromEntries(fields.map((f) => [f, d[f]])) : d;

async function listAndFilter(this: IExecuteFunctions, filters: DeviceFilters, o: ResolveOptions) {
	const devices: IDataObject[] = [];
	const max = o.max ?? Infinity;
	let marker: string | undefined;
	for (let requests = 1; ; requests++) {
		if (cancelSignalOf(this)?.aborted) throw stopped.call(this, o.itemIndex, devices.length);
		const page = await listDevices.call(
			this,
			{ product_id: filters.productId, app_id: filters.appId },
			{ itemIndex: o.itemIndex, max: SEARCH_PAGE_ROWS, marker, options: o.options },
		);
		for (const d of page.records)
			if (devices.length < max && matchesFilters(d, filters)) devices.push(picked(d, o.fields));
		progress.call(this, `ListDevices page ${requests}: ${devices.length} matching devices so far`);
		if (!page.nextMarker || devices.length >= max) return { devices, requests };
		marker = page.nextMarker;
	}
}

/**
 * The devices `query` names (at most `o.max`). SearchDevices first; when it is refused (403 other than
 * throttling, e.g. a Basic edition instance), ListDevices by product/resource space filtered in the node, and
 * `foundBy` says so. Throws InputError for bad filters (before anything is sent), NodeOperationError when
 * stopped or when the fallback cannot honour a filter, NodeApiError for IoTDA's other refusals.
 */
export async function resolveDevices(
	this: IExecuteFunctions,
	query: DeviceQuery,
	o: ResolveOptions,
): Promise<Resolution> {
	// Refuses bad filters before anything is sent.
	const sql = buildSearchSql(query, { kind: 'page', fields: selected(o) });
	const found = await searchOrFallback<Omit<Resolution, 'sql'>>(
		this,
		query,
		o,
		async () => ({ ...(await searchPages.call(this, query, o)), foundBy: 'SearchDevices' }),
		async (filters, why) => {
			const listed = await listAndFilter.call(this, filters, o);
			return { ...listed, requests: listed.requests + 1, foundBy: fallbackNote(why) };
		},
	);
	return { ...found, sql };
}

const fallbackNote = (why: string) =>
	`ListDevices, filtered in the node: SearchDevices was refused (${why}); it is offered by Standard and Enterprise instances only`;

/**
 * `search()`, or when SearchDevices refuses (refusedSearch) `fallback` with the filters ListDevices' records
 * can answer (fallbackFilters refuses the others by name). Other errors pass through unchanged (they are
 * the transport's NodeApiError / NodeOperationError or an InputError the router reports).
 */
async function searchOrFallback<T>(
	context: IExecuteFunctions,
	query: DeviceQuery,
	o: ResolveOptions,
	search: () => Promise<T>,
	fallback: (filters: DeviceFilters, why: string) => Promise<T>,
): Promise<T> {
	const outcome: { value: T } | { error: unknown } = await search().then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
	if ('value' in outcome) return outcome.value;
	const why = refusedSearch(outcome.error);
	if (why === undefined) throw outcome.error;
	return await fallback(fallbackFilters.call(context, query, why, o.itemIndex), why);
}

/** One paced SearchDevices `count(*)` statement → IoTDA's `count`. */
async function countOnce(this: IExecuteFunctions, sql: string, o: ResolveOptions): Promise<number> {
	const sent = await o.pacer.send(
		async () => await searchDevices.call(this, sql, o.itemIndex, o.options),
		cancelSignalOf(this),
	);
	if (!sent) throw stopped.call(this, o.itemIndex, 0);
	return sent.answer.count ?? 0;
}

/**
 * How many devices `query` names by one SearchDevices `count(*)` (paced), or undefined when SearchDevices is
 * refused (refusedSearch: a Basic edition) — for a caller with a listing to fall back on, which counting by
 * ListDevices would only repeat. Other errors as resolveDevices.
 */
export async function countBySearch(
	this: IExecuteFunctions,
	query: DeviceQuery,
	o: ResolveOptions,
): Promise<number | undefined> {
	const sql = buildSearchSql(query, { kind: 'count' });
	const outcome = await countOnce.call(this, sql, o).then(
		(count) => ({ count }),
		(error: unknown) => ({ error }),
	);
	if ('count' in outcome) return outcome.count;
	if (refusedSearch(outcome.error) === undefined) throw outcome.error;
	return undefined;
}

/**
 * How many devices `query` names: one SearchDevices `count(*)` (paced), or on refusal the ListDevices
 * fallback counted in the node. Same errors as resolveDevices.
 */
export async function countDevices(
	this: IExecuteFunctions,
	query: DeviceQuery,
	o: ResolveOptions,
): Promise<{ count: number; foundBy: string; requests: number; sql: string }> {
	const sql = buildSearchSql(query, { kind: 'count' });
	return await searchOrFallback(
		this,
		query,
		o,
		async () => ({
			count: await countOnce.call(this, sql, o),
			foundBy: 'SearchDevices',
			requests: 1,
			sql,
		}),
		async (filters, why) => {
			const listed = await listAndFilter.call(this, filters, { ...o, max: undefined });
			return {
				count: listed.devices.length,
				foundBy: fallbackNote(why),
				requests: listed.requests + 1,
				sql,
			};
		},
	);
}
