/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// The IoTDA API surface under /v5/iot/{project_id}/ (iotda-api.md §4–§5).
import * as crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AccountState, BatchTaskFile } from './account-state';
import { ApiError, badFormat, invalidInput, notFound } from './errors';
import { rowsOfFile } from './file-rows';
import { parseJsonBody } from './http-io';
import { parseMultipart } from './multipart';
import { pageByMarker, parsePageParams } from './paging';
import { DEVICE_ROUTES } from './device-routes';
import { ROUTING_ROUTES } from './routing-rules';
import { SUB_NAMES, type TaskStatus } from './task-model';
import {
	SUB_OPS,
	applySubOp,
	createTask,
	deleteTask,
	getTask,
	listTasks,
	renderTask,
	showTask,
	type StoreConfig,
} from './task-store';
import { TASK_TYPES, validateCreateTask, type ValidatedTask } from './task-validation';
import { formatIotdaTime } from './time-format';

export interface RouteContext {
	state: AccountState;
	params: string[];
	query: Record<string, string>;
	body: Buffer;
	headers: IncomingHttpHeaders;
	now: number;
	cfg: StoreConfig;
}
export interface RouteResult {
	status: number;
	body?: unknown;
	/** task_name of a created task, for the request log. */
	taskName?: string;
	/** The SQL of a SearchDevices request, for the request log. */
	searchSql?: string;
}
interface Route {
	method: string;
	/** Matched against the path after /v5/iot/{project_id}; groups become params. */
	pattern: RegExp;
	handle: (ctx: RouteContext) => RouteResult;
}

export const MAX_HELD_FILES = 10;
/**
 * Rows per batch task file: the current UploadBatchTaskFile page (DOC-UP, CN 2025-12-02 and intl EN) says
 * 100,000; the SDK models' older text says 30,000 (audit rows 27, 44). The page is the newer source.
 */
export const MAX_FILE_ROWS = 100_000;
/** Batch task files age out one hour after upload (emulator clock). */
export const FILE_TTL_MS = 3_600_000;
const TASK_STATUSES: TaskStatus[] = [
	'Initializing',
	'Waitting',
	'Processing',
	'Success',
	'Fail',
	'PartialSuccess',
	'Stopped',
	'Stopping',
];

const jsonBody = (ctx: RouteContext, emptyAs?: unknown) =>
	parseJsonBody(ctx.body, ctx.headers['content-type'], { emptyAs });

function enumParam(
	ctx: RouteContext,
	name: string,
	allowed: readonly string[],
): string | undefined {
	const v = ctx.query[name];
	if (v !== undefined && !allowed.includes(v))
		throw invalidInput(`${name} must be one of ${allowed.join(', ')}, got "${v}"`);
	return v;
}
function idParam(ctx: RouteContext, name: string, max = 36): string | undefined {
	const v = ctx.query[name];
	if (v !== undefined && !new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`).test(v))
		throw invalidInput(`${name} must match [A-Za-z0-9_-]{1,${max}}`);
	return v;
}

/**
 * Sub-task targets of a validated task (deduplicated, order kept), and the status_desc to show when there
 * are none. Group targets are the members of the listed static groups; unknown group ids contribute no
 * targets (IoTDA creates the task anyway and it ends Fail; audit rows 5, 6).
 */
export function resolveTargets(
	state: AccountState,
	v: ValidatedTask,
	now: number,
): { targets: string[]; noTargetsDesc?: string } {
	let list: string[];
	let desc: string | undefined;
	if (v.source.kind === 'targets') list = v.source.ids;
	else if (v.source.kind === 'groups') {
		const ids = v.source.groupIds;
		const groups = state.catalog.groups.filter((g) => ids.includes(g.group_id));
		list = groups.flatMap((g) => g.device_ids);
		const unknown = ids.filter((id) => !groups.some((g) => g.group_id === id));
		desc =
			unknown.length > 0
				? `No devices found: device group(s) ${unknown.join(', ')} do not exist.`
				: 'No devices found in the device group(s).';
	} else {
		const fileId = v.source.fileId;
		list = liveFiles(state, now).find((f) => f.file_id === fileId)?.rows ?? [];
		desc = `The batch task file ${fileId} has no rows.`;
	}
	const targets = Array.from(new Set(list));
	return targets.length > 0 ? { targets } : { targets, noTargetsDesc: desc };
}

/**
 * The account's batch task files that have not aged out. DOC-FILES (iot_06_v5_0013): "Files can be stored
 * for a maximum duration of one hour ... automatically aged by the platform" (audit row 10); measured on
 * the emulator clock.
 */
export function liveFiles(state: AccountState, now: number): BatchTaskFile[] {
	state.files = state.files.filter(
		(f) => f.uploadedAt === undefined || now < f.uploadedAt + FILE_TTL_MS,
	);
	return state.files;
}

function createBatchTask(ctx: RouteContext): RouteResult {
	const body = jsonBody(ctx);
	const v = validateCreateTask(body, {
		catalog: ctx.state.catalog,
		fileExists: (id) => liveFiles(ctx.state, ctx.now).some((f) => f.file_id === id),
		now: ctx.now,
		generation: ctx.state.generation ?? ctx.cfg.generation,
	});
	const { targets, noTargetsDesc } = resolveTargets(ctx.state, v, ctx.now);
	const t = createTask(ctx.state, v, body as Record<string, unknown>, targets, ctx.cfg, ctx.now, {
		noTargetsDesc,
	});
	return { status: 201, body: renderTask(t, ctx.now), taskName: v.name };
}

function uploadFile(ctx: RouteContext): RouteResult {
	const ct = ctx.headers['content-type'] ?? '';
	if (!/^multipart\/form-data/i.test(ct))
		throw badFormat(`Content-Type must be multipart/form-data, got ${ct || 'none'}`);
	const part = parseMultipart(ctx.body, ct).find((p) => p.fieldName === 'file');
	if (!part || part.fileName === undefined)
		throw invalidInput('the multipart field file (with a filename) is required');
	const fileName = part.fileName;
	if (!/\.(xlsx|xls)$/i.test(fileName))
		throw invalidInput(`file ${fileName}: only .xlsx and .xls files are accepted`);
	if (fileName.length > 60) throw invalidInput('file name must be at most 60 characters');
	// Old UploadBatchTaskFile page's error table (~2020; audit row 45): 400 IOTDA.014602. Only held files count:
	// an aged file is gone (assumption).
	if (liveFiles(ctx.state, ctx.now).some((f) => f.file_name === fileName))
		throw new ApiError(400, 'IOTDA.014602', `The batch task file name already exists: ${fileName}`);
	if (liveFiles(ctx.state, ctx.now).length >= MAX_HELD_FILES)
		throw invalidInput(
			`file: at most ${MAX_HELD_FILES} batch task files can be held; delete one first`,
		);
	const rows = rowsOfFile(part.data);
	// MAX_FILE_ROWS (DOC-UP). Assumption: the header row does not count.
	if (rows.length > MAX_FILE_ROWS)
		throw invalidInput(
			`file ${fileName}: at most ${MAX_FILE_ROWS} rows are allowed, got ${rows.length}`,
		);
	const file = {
		file_id: crypto.randomUUID(),
		file_name: fileName,
		upload_time: formatIotdaTime(ctx.now),
		rows,
		uploadedAt: ctx.now,
	};
	ctx.state.files.push(file);
	return {
		status: 201,
		body: { file_id: file.file_id, file_name: file.file_name, upload_time: file.upload_time },
	};
}

/**
 * ShowDevicesInGroup, `GET /device-group/{group_id}/devices` (GO ioTDA_meta.go GenReqDefForShowDevicesInGroup,
 * model_show_devices_in_group_request/response.go): query `limit` 1–50 (default 10), `marker` (24 hex),
 * `offset` 0–500; response `{devices: SimplifyDevice[], page: {count, marker}}`, newest device first.
 * `group_id`: "长度不超过36，十六进制字符串和连接符（-）的组合". An unknown group answers 404 IOTDA.000029
 * (code assumed: no source names it).
 */
function showDevicesInGroup(ctx: RouteContext): RouteResult {
	const groupId = ctx.params[0];
	if (!/^[0-9a-fA-F-]{1,36}$/.test(groupId))
		throw invalidInput(
			`group_id must be at most 36 hex characters and -, got "${groupId.slice(0, 40)}"`,
		);
	const group = ctx.state.catalog.groups.find((g) => g.group_id === groupId);
	if (!group) throw notFound(`Device group ${groupId} does not exist.`);
	const records = ctx.state.catalog.deviceRecords;
	const members = group.device_ids
		.map((id) => records.get(id))
		.filter((r): r is NonNullable<typeof r> => r !== undefined)
		.sort((a, b) => (a.record_id < b.record_id ? 1 : -1));
	const { items, page } = pageByMarker(members, (d) => d.record_id, parsePageParams(ctx.query));
	const devices = items.map((d) => ({
		device_id: d.device_id,
		node_id: d.node_id,
		device_name: d.device_name,
		product_id: d.product_id,
	}));
	return { status: 200, body: { devices, page } };
}

const ROUTES: Route[] = [
	{ method: 'POST', pattern: /^\/batchtasks$/, handle: createBatchTask },
	{
		method: 'GET',
		pattern: /^\/batchtasks$/,
		handle: (ctx) => {
			const taskType = ctx.query.task_type;
			if (taskType === undefined) throw invalidInput('task_type is required');
			enumParam(ctx, 'task_type', TASK_TYPES);
			const status = enumParam(ctx, 'status', TASK_STATUSES);
			const appId = idParam(ctx, 'app_id');
			return {
				status: 200,
				body: listTasks(
					ctx.state,
					{ taskType, status, appId },
					parsePageParams(ctx.query),
					ctx.now,
				),
			};
		},
	},
	{
		method: 'GET',
		pattern: /^\/batchtasks\/([^/]+)$/,
		handle: (ctx) => {
			const t = getTask(ctx.state, ctx.params[0]);
			const detailStatus = enumParam(ctx, 'task_detail_status', [...SUB_NAMES, 'Removed']);
			const target = idParam(ctx, 'target', 128);
			return {
				status: 200,
				body: showTask(t, { detailStatus, target }, parsePageParams(ctx.query), ctx.now, {
					omitMarker: ctx.cfg.omitDetailMarker,
				}),
			};
		},
	},
	{
		method: 'DELETE',
		pattern: /^\/batchtasks\/([^/]+)$/,
		handle: (ctx) => {
			deleteTask(ctx.state, getTask(ctx.state, ctx.params[0]), ctx.now);
			return { status: 204 };
		},
	},
	...(['stop', 'retry', 'confirm'] as const).map(
		(name): Route => ({
			method: 'POST',
			pattern: new RegExp(`^/batchtasks/([^/]+)/${name}$`),
			handle: (ctx) => {
				const t = getTask(ctx.state, ctx.params[0]);
				return {
					status: 200,
					body: applySubOp(ctx.state, t, SUB_OPS[name], jsonBody(ctx, {}), ctx.now),
				};
			},
		}),
	),
	{ method: 'POST', pattern: /^\/batchtask-files$/, handle: uploadFile },
	{
		method: 'GET',
		pattern: /^\/batchtask-files$/,
		handle: (ctx) => ({
			status: 200,
			body: {
				files: liveFiles(ctx.state, ctx.now).map((f) => ({
					file_id: f.file_id,
					file_name: f.file_name,
					upload_time: f.upload_time,
				})),
			},
		}),
	},
	{
		method: 'DELETE',
		pattern: /^\/batchtask-files\/([^/]+)$/,
		handle: (ctx) => {
			const i = liveFiles(ctx.state, ctx.now).findIndex((f) => f.file_id === ctx.params[0]);
			if (i < 0) throw notFound(`Batch task file ${ctx.params[0]} does not exist.`);
			ctx.state.files.splice(i, 1);
			return { status: 204 };
		},
	},
	{
		method: 'GET',
		pattern: /^\/apps$/,
		handle: (ctx) => {
			const d = enumParam(ctx, 'default_app', ['true', 'false']);
			const apps = ctx.state.catalog.apps.filter(
				(a) => d === undefined || String(a.default_app) === d,
			);
			return { status: 200, body: { applications: apps } };
		},
	},
	{
		method: 'GET',
		pattern: /^\/apps\/([^/]+)$/,
		handle: (ctx) => {
			const app = ctx.state.catalog.apps.find((a) => a.app_id === ctx.params[0]);
			if (!app) throw notFound(`Resource space ${ctx.params[0]} does not exist.`);
			return { status: 200, body: app };
		},
	},
	{
		method: 'GET',
		pattern: /^\/device-group$/,
		handle: (ctx) => {
			const appId = idParam(ctx, 'app_id');
			const name = ctx.query.name;
			const groupType = ctx.query.group_type;
			const groups = ctx.state.catalog.groups.filter(
				(g) =>
					(appId === undefined || g.app_id === appId) &&
					(name === undefined || g.name.includes(name)) &&
					(groupType === undefined || g.group_type === groupType),
			);
			const { items, page } = pageByMarker(groups, (g) => g.record_id, parsePageParams(ctx.query));
			const device_groups = items.map((g) => ({
				group_id: g.group_id,
				name: g.name,
				description: g.description,
				super_group_id: g.super_group_id,
				group_type: g.group_type,
			}));
			return { status: 200, body: { device_groups, page } };
		},
	},
	{ method: 'GET', pattern: /^\/device-group\/([^/]+)\/devices$/, handle: showDevicesInGroup },
	{
		method: 'GET',
		pattern: /^\/ota-upgrades\/packages$/,
		handle: (ctx) => {
			if (ctx.query.package_type === undefined) throw invalidInput('package_type is required');
			const type = enumParam(ctx, 'package_type', [
				'softwarePackage',
				'firmwarePackage',
				'modulePackage',
			]);
			const appId = idParam(ctx, 'app_id');
			const productId = idParam(ctx, 'product_id');
			const version = ctx.query.version;
			const packages = ctx.state.catalog.packages.filter(
				(p) =>
					p.package_type === type &&
					(appId === undefined || p.app_id === appId) &&
					(productId === undefined || p.product_id === productId) &&
					(version === undefined || p.version === version),
			);
			const { items, page } = pageByMarker(
				packages,
				(p) => p.package_id,
				parsePageParams(ctx.query),
			);
			return { status: 200, body: { packages: items, page } };
		},
	},
	{
		method: 'GET',
		pattern: /^\/products$/,
		handle: (ctx) => {
			const appId = idParam(ctx, 'app_id');
			const name = ctx.query.product_name;
			const products = ctx.state.catalog.products
				.filter(
					(p) =>
						(appId === undefined || p.app_id === appId) &&
						(name === undefined || p.name.includes(name)),
				)
				.sort((a, b) => (a.product_id < b.product_id ? 1 : -1));
			const { items, page } = pageByMarker(
				products,
				(p) => p.product_id,
				parsePageParams(ctx.query),
			);
			// The list shows ProductSummary only; capabilities come from ShowProduct.
			const summaries = items.map((p) => {
				const summary: Partial<typeof p> = { ...p };
				delete summary.service_capabilities;
				return summary;
			});
			return { status: 200, body: { products: summaries, page } };
		},
	},
	{
		method: 'GET',
		pattern: /^\/products\/([^/]+)$/,
		handle: (ctx) => {
			const product = ctx.state.catalog.products.find((p) => p.product_id === ctx.params[0]);
			if (!product) throw notFound(`Product ${ctx.params[0]} does not exist.`);
			return { status: 200, body: product };
		},
	},
	...ROUTING_ROUTES,
	...DEVICE_ROUTES,
];

/** The route for a method and sub-path, or undefined (unknown path or method → 404 IOTDA.000029). */
export function matchRoute(
	method: string,
	subPath: string,
): { route: Route; params: string[] } | undefined {
	for (const route of ROUTES) {
		if (route.method !== method) continue;
		const m = route.pattern.exec(subPath);
		if (m) return { route, params: m.slice(1) };
	}
	return undefined;
}
