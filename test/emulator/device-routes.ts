// Device APIs under /v5/iot/{project_id}/: ShowDevice, ListDevices, SearchDevices (docs/emulator.md "Devices").
import type { AccountState } from './account-state';
import type { RouteContext, RouteResult } from './api-routes';
import {
	devicesNewestFirst,
	listDevices,
	settleUpgrades,
	showDevice,
	deviceView,
} from './device-fleet';
import { evaluate, parseSearchSql, SELECTABLE, type SearchQuery } from './device-sql';
import { ApiError, invalidInput } from './errors';
import { parseJsonBody } from './http-io';
import { hashToUnit } from './random';
import type { Catalog, DeviceRecord } from './seed-data';
import type { TaskRecord } from './task-model';

/** Per-account bookkeeping of the device APIs. */
export interface FleetState {
	upgradeMarks: WeakMap<TaskRecord, { applied: Uint8Array; settledFor?: object }>;
	newestFirst: WeakMap<Catalog, DeviceRecord[]>;
	/** Emulator ms of the last SearchDevices request counted against the rate. */
	lastSearchAt?: number;
}

export function fleetOf(state: AccountState): FleetState {
	return (state.fleet ??= { upgradeMarks: new WeakMap(), newestFirst: new WeakMap() });
}

/**
 * The refusal of SearchDevices on a Basic instance ("仅标准版实例、企业版实例支持该接口调用，基础版不支持",
 * SDK doc comment). No source names the answer; assumed 403 IOTDA.000021, the code third-party reports give
 * for a service the instance does not offer (iotda-api.md §6.1).
 */
export const basicEditionRefusal = () =>
	new ApiError(
		403,
		'IOTDA.000021',
		'The API is not supported by the Basic edition of the instance.',
	);

/**
 * "单账号调用该接口的 TPS 限制最大为1/S": a SearchDevices request sooner than 1/rate s (emulator clock) after
 * the last counted one is refused with IoTDA's rate-limit answer, 403 IOTDA.021101 "Request reached the
 * maximum rate limit." (IoTDA's HTTP API error tables; the 429 APIG.0308 gateway answer is the other
 * documented form, see faults.ts). Refused requests do not count.
 */
function checkRate(ctx: RouteContext, fleet: FleetState): void {
	const rate = ctx.cfg.searchRatePerSecond;
	if (!(rate > 0)) return;
	const last = fleet.lastSearchAt;
	if (last !== undefined && ctx.now - last < 1000 / rate)
		throw new ApiError(403, 'IOTDA.021101', 'Request reached the maximum rate limit.');
	fleet.lastSearchAt = ctx.now;
}

function groupIndex(catalog: Catalog, q: SearchQuery): (id: string) => string[] {
	if (!q.conditions.some((c) => c.field === 'group_id')) return () => [];
	const index = new Map<string, string[]>();
	for (const g of catalog.groups)
		for (const id of g.device_ids) index.set(id, [...(index.get(id) ?? []), g.group_id]);
	return (id) => index.get(id) ?? [];
}

/** Without order by the order is "随机排序" (random): modelled as a fixed hash order of the record ids. */
function ordered(matched: DeviceRecord[], q: SearchQuery): DeviceRecord[] {
	if (q.orderBy === 'desc') return matched;
	const key = (d: DeviceRecord) => hashToUnit(parseInt(d.record_id.slice(-8), 16), 97);
	return matched.slice().sort((a, b) => key(a) - key(b));
}

/**
 * A page of `order by marker asc` without filtering the whole fleet: walks the devices oldest first — from
 * the first one after a `marker >` bound when every join is AND — until offset + rows match. The same page
 * as filtering every device, ordering and slicing (every condition is still evaluated; the bound only skips
 * devices its condition refuses), so a client paging 100,000 devices by marker costs each request about a
 * page's worth of devices, not the fleet (the bench's resolution of 30,000 of 100,000 devices).
 */
function pageAscending(
	newestFirst: DeviceRecord[],
	q: SearchQuery,
	groupsOf: (id: string) => string[],
): DeviceRecord[] {
	const and = q.joins.every((j) => j === 'and');
	const bound = and
		? q.conditions.find((c) => c.field === 'marker' && c.op === '>')?.values[0]
		: undefined;
	// Newest first = descending record id: the records after the bound are the first `after` ones.
	let after = newestFirst.length;
	if (bound !== undefined) {
		let lo = 0;
		while (lo < after) {
			const mid = (lo + after) >> 1;
			if (newestFirst[mid].record_id > bound) lo = mid + 1;
			else after = mid;
		}
	}
	const wanted = q.offset + q.rows;
	const found: DeviceRecord[] = [];
	for (let i = after - 1; i >= 0 && found.length < wanted; i--)
		if (evaluate(newestFirst[i], q, groupsOf)) found.push(newestFirst[i]);
	return found.slice(q.offset);
}

function project(view: Record<string, unknown>, fields: string[]): Record<string, unknown> {
	const names = fields[0] === '*' ? SELECTABLE : fields;
	return Object.fromEntries(names.map((f) => [f, view[f]]));
}

/**
 * SearchDevices `POST /search/query-devices` `{sql}` (SDK searchDevices; PY search_devices_response.py):
 * `{devices: SearchDevice[]}`, or `{devices: [], count}` for count(*) / count(1) (assumed: the model has
 * both fields and says only that count comes with a count query).
 */
function searchDevices(ctx: RouteContext): RouteResult {
	if ((ctx.state.edition ?? ctx.cfg.edition) === 'basic') throw basicEditionRefusal();
	const fleet = fleetOf(ctx.state);
	checkRate(ctx, fleet);
	const body = parseJsonBody(ctx.body, ctx.headers['content-type'], {});
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw invalidInput('the request body must be a JSON object');
	const sql = (body as { sql?: unknown }).sql;
	const q = parseSearchSql(sql);
	settleUpgrades(ctx.state, ctx.now, fleet.upgradeMarks);
	const { catalog } = ctx.state;
	const groupsOf = groupIndex(catalog, q);
	const all = devicesNewestFirst(catalog, fleet.newestFirst);
	const matching = () => all.filter((d) => evaluate(d, q, groupsOf));
	const searchSql = String(sql);
	if (!q.fields) return { status: 200, body: { devices: [], count: matching().length }, searchSql };
	const page =
		q.orderBy === 'asc'
			? pageAscending(all, q, groupsOf)
			: ordered(matching(), q).slice(q.offset, q.offset + q.rows);
	const devices = page.map((d) =>
		project({ ...deviceView(catalog, d), marker: d.record_id }, q.fields!),
	);
	return { status: 200, body: { devices }, searchSql };
}

export const DEVICE_ROUTES = [
	{
		method: 'GET',
		pattern: /^\/devices$/,
		handle: (ctx: RouteContext): RouteResult => {
			const fleet = fleetOf(ctx.state);
			settleUpgrades(ctx.state, ctx.now, fleet.upgradeMarks);
			const all = devicesNewestFirst(ctx.state.catalog, fleet.newestFirst);
			return { status: 200, body: listDevices(ctx.state, ctx.query, all) };
		},
	},
	{
		method: 'GET',
		pattern: /^\/devices\/([^/]+)$/,
		handle: (ctx: RouteContext): RouteResult => {
			settleUpgrades(ctx.state, ctx.now, fleetOf(ctx.state).upgradeMarks);
			return { status: 200, body: showDevice(ctx.state, ctx.params[0]) };
		},
	},
	{ method: 'POST', pattern: /^\/search\/query-devices$/, handle: searchDevices },
];
