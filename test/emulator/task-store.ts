// Batch-task operations on an account's state: create, list, show, delete, stop, retry, confirm.
import type { AccountState, Edition } from './account-state';
import { invalidInput, taskNotFound } from './errors';
import { MAX_MARKER, pageByMarker, type Page, type PageParams } from './paging';
import {
	SUB,
	SUB_NAMES,
	TASK_TIMING,
	TERMINAL_STATUSES,
	UNKNOWN_DEVICE_ERROR,
	evaluateTask,
	statusDesc,
	subState,
	type SubCode,
	type TaskRecord,
	type TaskStatus,
} from './task-model';
import type { Generation, ValidatedTask } from './task-validation';
import { formatIotdaTime } from './time-format';

export const MAX_UNFINISHED_PER_SPACE = 10;
const MAX_BATCH_TARGETS = 100;

export interface StoreConfig {
	seed: number;
	failureRate: number;
	/** Targets that always fail (test hook), whatever the failure rate. */
	failTargets: Set<string>;
	maxUnfinishedPerSpace: number;
	/** Server generation of accounts without their own (default current). */
	generation: Generation;
	/**
	 * Test switch: ShowBatchTask pages come back without `page.marker`, as a server might for sub-task
	 * records, which have no id in the TaskDetail model (audit row 4). Offset paging (≤500) still works.
	 */
	omitDetailMarker: boolean;
	/** Instance edition of accounts without their own (default standard; device-routes.ts). */
	edition: Edition;
	/** SearchDevices requests allowed per second per account (emulator clock; default 1, 0 = unlimited). */
	searchRatePerSecond: number;
}

let idCounter = 0;
const idPrefix = Math.floor(Date.now() / 1000)
	.toString(16)
	.padStart(8, '0')
	.slice(-8);
/** 24-hex ids that grow with creation order, so "newest first" = descending id. */
export const nextTaskId = () => idPrefix + (++idCounter).toString(16).padStart(16, '0');

export function createTask(
	state: AccountState,
	v: ValidatedTask,
	body: Record<string, unknown>,
	subTargets: string[],
	cfg: StoreConfig,
	now: number,
	opts: { skipLimit?: boolean; noTargetsDesc?: string } = {},
): TaskRecord {
	if (!opts.skipLimit) enforceUnfinishedLimit(state, v.appId, cfg.maxUnfinishedPerSpace, now);
	const n = subTargets.length;
	const initEnd = now + TASK_TIMING.initMs;
	const processingStart = Math.max(initEnd, v.scheduleAt ?? initEnd + TASK_TIMING.waitMs);
	const devices = state.catalog.devices;
	const byDevice = !['createDevices', 'updateDevices'].includes(v.type);
	const t: TaskRecord = {
		id: nextTaskId(),
		seq: idCounter,
		projectId: state.account.projectId,
		appId: v.appId,
		view: {},
		name: v.name,
		type: v.type,
		createdAt: now,
		initEnd,
		processingStart,
		needConfirm: v.needConfirm,
		retryCount: v.retryCount,
		retryIntervalMs: v.retryIntervalMs,
		failureRate: state.failureRate ?? cfg.failureRate,
		seed: cfg.seed,
		subTargets,
		alwaysFails: new Uint8Array(n),
		fixedError: [],
		startAt: new Float64Array(n),
		generation: new Uint16Array(n),
		stoppedAt: new Float64Array(n).fill(NaN),
	};
	for (let i = 0; i < n; i++) {
		const target = subTargets[i];
		// Unknown devices are reported per sub-task (as IoTDA does), not rejected at creation.
		if (byDevice && devices.get(target) !== v.appId) {
			t.alwaysFails[i] = 1;
			t.fixedError[i] = UNKNOWN_DEVICE_ERROR;
		} else if (cfg.failTargets.has(target)) {
			t.alwaysFails[i] = 1;
			t.fixedError[i] = { error_code: 'IOTDA.014016', error_msg: 'The device is offline.' };
		}
		t.startAt[i] = v.needConfirm
			? NaN
			: processingStart + Math.floor(i / TASK_TIMING.parallel) * TASK_TIMING.attemptMs;
	}
	if (n === 0) t.noTargetsDesc = opts.noTargetsDesc ?? 'The task has no targets.';
	t.view = taskView(body, v, t);
	state.tasks.push(t);
	state.taskById.set(t.id, t);
	state.unfinished.add(t);
	return t;
}

function taskView(
	body: Record<string, unknown>,
	v: ValidatedTask,
	t: TaskRecord,
): Record<string, unknown> {
	const view: Record<string, unknown> = {
		task_id: t.id,
		task_name: v.name,
		task_type: v.type,
		app_id: v.appId,
	};
	for (const key of [
		'task_mode',
		'need_confirm',
		'task_ext_info',
		'targets',
		'targets_filter',
		'document',
		'document_source',
		'task_policy',
	]) {
		if (body[key] !== undefined && body[key] !== null) view[key] = body[key];
	}
	return view;
}

function enforceUnfinishedLimit(
	state: AccountState,
	appId: string,
	max: number,
	now: number,
): void {
	let open = 0;
	for (const t of state.unfinished) {
		if (TERMINAL_STATUSES.includes(evaluateTask(t, now).status)) state.unfinished.delete(t);
		else if (t.appId === appId) open++;
	}
	if (open >= max) {
		throw invalidInput(
			`unfinished task limit reached: resource space ${appId} already has ${open} unfinished batch tasks (at most ${max})`,
		);
	}
}

/**
 * The Task model of every response (GO model_task.go, PY task.py, NODE Task.ts): the stored request minus
 * `app_id` and `document_source`, which the response model does not have (audit row 21), plus status,
 * status_desc, task_progress and create_time.
 */
export function renderTask(t: TaskRecord, now: number): Record<string, unknown> {
	const { status, progress } = evaluateTask(t, now);
	const shown = { ...t.view };
	delete shown.app_id;
	delete shown.document_source;
	const desc =
		t.noTargetsDesc !== undefined && status === 'Fail'
			? t.noTargetsDesc
			: statusDesc(status, progress);
	return {
		...shown,
		status,
		status_desc: desc,
		task_progress: progress,
		create_time: formatIotdaTime(t.createdAt),
	};
}

export function getTask(state: AccountState, taskId: string): TaskRecord {
	if (!/^[0-9a-f]{1,24}$/.test(taskId))
		throw invalidInput(`task_id ${taskId} must be at most 24 lowercase hex characters`);
	const t = state.taskById.get(taskId);
	if (!t) throw taskNotFound(taskId);
	return t;
}

export function listTasks(
	state: AccountState,
	filter: { taskType: string; status?: string; appId?: string },
	paging: PageParams,
	now: number,
): { batchtasks: Record<string, unknown>[]; page: Page } {
	const matching: TaskRecord[] = [];
	for (let i = state.tasks.length - 1; i >= 0; i--) {
		const t = state.tasks[i];
		if (t.type !== filter.taskType) continue;
		if (filter.appId !== undefined && t.appId !== filter.appId) continue;
		if (filter.status !== undefined && evaluateTask(t, now).status !== filter.status) continue;
		matching.push(t);
	}
	const { items, page } = pageByMarker(matching, (t) => t.id, paging);
	return { batchtasks: items.map((t) => renderTask(t, now)), page };
}

const MAX_BIG = BigInt('0x' + MAX_MARKER);
/** Hidden record id of sub-task i (see showTask). */
const detailId = (i: number) => (MAX_BIG - BigInt(1) - BigInt(i)).toString(16).padStart(24, '0');

/**
 * ShowBatchTask → `{batchtask, task_details, page}`. TaskDetail has no id (GO model_task_detail.go), but
 * the request model still pages by `marker` ("上一次分页查询结果中最后一条记录的ID", 24 hex) and `offset`
 * (0–500). Assumption: the server keeps a hidden 24-hex record id per sub-task and returns the last one as
 * `page.marker`, like every other list; clients treat it as an opaque cursor. Sub-task i gets the id
 * `ffff…ff − 1 − i`, so details come in target order. With `omitDetailMarker` the marker is left out.
 */
export function showTask(
	t: TaskRecord,
	filter: { detailStatus?: string; target?: string },
	paging: PageParams,
	now: number,
	opts: { omitMarker?: boolean } = {},
): Record<string, unknown> {
	const firstIndex = Number(MAX_BIG - BigInt('0x' + paging.marker));
	const wanted =
		filter.detailStatus === undefined
			? -1
			: (SUB_NAMES as readonly string[]).indexOf(filter.detailStatus);
	const n = t.subTargets.length;
	let indices: number[];
	let count: number;
	if (wanted < 0 && filter.target === undefined && filter.detailStatus === undefined) {
		count = n;
		const from = Math.min(n, firstIndex + paging.offset);
		indices = [];
		for (let i = from; i < Math.min(n, from + paging.limit); i++) indices.push(i);
	} else {
		const all: number[] = [];
		const codes = finishedCodes(t, now);
		for (let i = 0; i < n; i++) {
			if (filter.target !== undefined && t.subTargets[i] !== filter.target) continue;
			if (
				filter.detailStatus !== undefined &&
				(codes ? codes[i] : subState(t, i, now).code) !== wanted
			)
				continue;
			all.push(i);
		}
		count = all.length;
		let lo = 0;
		while (lo < all.length && all[lo] < firstIndex) lo++;
		indices = all.slice(lo + paging.offset, lo + paging.offset + paging.limit);
	}
	const page: Page = { count };
	if (indices.length > 0 && !opts.omitMarker) page.marker = detailId(indices[indices.length - 1]);
	return {
		batchtask: renderTask(t, now),
		task_details: indices.map((i) => renderDetail(t, i, now)),
		page,
	};
}

/** A finished task's sub-task codes never change again, so they are computed once; undefined while it runs. */
function finishedCodes(t: TaskRecord, now: number): Uint8Array | undefined {
	if (t.finishedCodes) return t.finishedCodes;
	evaluateTask(t, now);
	if (!t.finished) return undefined;
	const codes = new Uint8Array(t.subTargets.length);
	for (let i = 0; i < codes.length; i++) codes[i] = subState(t, i, now).code;
	return (t.finishedCodes = codes);
}

function renderDetail(t: TaskRecord, i: number, now: number): Record<string, unknown> {
	const s = subState(t, i, now);
	const detail: Record<string, unknown> = { target: t.subTargets[i], status: SUB_NAMES[s.code] };
	if (s.code === SUB.Success)
		detail.output = t.type.endsWith('Upgrade') ? 'upgrade succeeded' : 'success';
	if (s.error && (s.code === SUB.Fail || s.code === SUB.FailWaitRetry)) detail.error = s.error;
	return detail;
}

const stateError = (t: TaskRecord, status: TaskStatus, op: string, rule: string) =>
	invalidInput(`batch task ${t.id} (${t.type}) is ${status}: ${op} ${rule}`);

export function deleteTask(state: AccountState, t: TaskRecord, now: number): void {
	const { status } = evaluateTask(t, now);
	if (!TERMINAL_STATUSES.includes(status))
		throw stateError(
			t,
			status,
			'delete',
			'is allowed only when Success, Fail, PartialSuccess or Stopped',
		);
	state.taskById.delete(t.id);
	state.unfinished.delete(t);
	state.tasks.splice(state.tasks.indexOf(t), 1);
}

export interface BatchTargetResult {
	target: string;
	status: 'success' | 'failure';
	error_code?: string;
	error_msg?: string;
}

type SubOp = {
	name: 'stop' | 'retry' | 'confirm';
	types: string[];
	rejected: TaskStatus[];
	/** Sub-task states the operation applies to. */
	eligible: (t: TaskRecord, i: number, code: SubCode) => boolean;
	apply: (t: TaskRecord, i: number, now: number) => void;
	onAll?: (t: TaskRecord, now: number) => void;
};

const STOP: SubOp = {
	name: 'stop',
	types: ['firmwareUpgrade', 'softwareUpgrade'],
	rejected: ['Success', 'Fail', 'PartialSuccess', 'Stopped', 'Stopping'],
	eligible: (_t, _i, c) => c === SUB.Processing || c === SUB.Waitting || c === SUB.FailWaitRetry,
	apply: (t, i, now) => {
		t.stoppedAt[i] = now;
	},
	onAll: (t, now) => {
		t.stopAllAt = now;
	},
};
const RETRY: SubOp = {
	name: 'retry',
	types: ['firmwareUpgrade', 'softwareUpgrade'],
	rejected: ['Success', 'Stopped', 'Stopping', 'Waitting', 'Initializing'],
	eligible: (_t, _i, c) => c === SUB.Fail || c === SUB.FailWaitRetry || c === SUB.Stopped,
	apply: (t, i, now) => {
		t.stoppedAt[i] = NaN;
		t.startAt[i] = now;
		t.generation[i]++;
	},
};
const CONFIRM: SubOp = {
	name: 'confirm',
	types: ['firmwareUpgrade', 'softwareUpgrade', 'moduleUpgrade'],
	rejected: ['Success', 'Fail', 'PartialSuccess', 'Stopped', 'Stopping'],
	eligible: (t, i, c) => c === SUB.Waitting && Number.isNaN(t.startAt[i]),
	apply: (t, i, now) => {
		t.startAt[i] = Math.max(now, t.processingStart);
	},
};
export const SUB_OPS = { stop: STOP, retry: RETRY, confirm: CONFIRM };

export function applySubOp(
	state: AccountState,
	t: TaskRecord,
	op: SubOp,
	body: unknown,
	now: number,
): { targets: BatchTargetResult[] } {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw invalidInput('the request body must be a JSON object');
	const targets = (body as { targets?: unknown }).targets;
	if (
		targets !== undefined &&
		(!Array.isArray(targets) || targets.some((x) => typeof x !== 'string'))
	) {
		throw invalidInput('targets must be an array of device ids');
	}
	if (Array.isArray(targets) && targets.length > MAX_BATCH_TARGETS)
		throw invalidInput(
			`targets must have at most ${MAX_BATCH_TARGETS} entries, got ${targets.length}`,
		);
	if (!op.types.includes(t.type))
		throw invalidInput(
			`batch task ${t.id} has task_type ${t.type}: ${op.name} is only supported for ${op.types.join('/')}`,
		);
	const { status } = evaluateTask(t, now);
	if (op.rejected.includes(status))
		throw stateError(t, status, op.name, `is not allowed in status ${op.rejected.join(', ')}`);

	const results: BatchTargetResult[] = [];
	if (targets === undefined || targets.length === 0) {
		for (let i = 0; i < t.subTargets.length; i++) {
			if (!op.eligible(t, i, subState(t, i, now).code)) continue;
			op.apply(t, i, now);
			results.push({ target: t.subTargets[i], status: 'success' });
		}
		op.onAll?.(t, now);
	} else {
		const index = (t.targetIndex ??= new Map(t.subTargets.map((x, i) => [x, i])));
		for (const target of targets as string[]) {
			const i = index.get(target);
			if (i === undefined) {
				results.push({
					target,
					status: 'failure',
					error_code: 'IOTDA.014302',
					error_msg: `The device ${target} is not a target of batch task ${t.id}.`,
				});
				continue;
			}
			const code = subState(t, i, now).code;
			if (!op.eligible(t, i, code)) {
				results.push({
					target,
					status: 'failure',
					error_code: 'IOTDA.014303',
					error_msg: `The sub-task of ${target} is ${SUB_NAMES[code]}; ${op.name} is not possible.`,
				});
				continue;
			}
			op.apply(t, i, now);
			results.push({ target, status: 'success' });
		}
	}
	// Any change can re-open or re-time the task.
	t.finished = undefined;
	t.finishedCodes = undefined;
	state.unfinished.add(t);
	return { targets: results };
}
