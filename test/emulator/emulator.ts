/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// The emulator server: node:http on 127.0.0.1, raw-request authentication, routing, faults and the log.
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccountState, Edition } from './account-state';
import { handleAdmin } from './admin';
import { BatchTaskNotifier } from './batch-task-notifier';
import { matchRoute } from './api-routes';
import { verifySignature, decodeQuery, type RawRequest } from './auth';
import { EmulatorClock } from './clock';
import { ApiError, authError, badFormat, notFound } from './errors';
import { FaultRegistry, faultBody, type ActiveFault } from './faults';
import { parseJsonBody, readBody, sendError, sendJson } from './http-io';
import { TokenStore } from './iam';
import { RequestLog, type LogEntry } from './request-log';
import { SEED_ACCOUNTS, type EmulatorAccount } from './seed-accounts';
import { fleetOf } from './device-routes';
import { settleUpgrades } from './device-fleet';
import {
	addStaticGroup,
	buildCatalog,
	registerDevice,
	type DeviceGroup,
	type DeviceRecord,
} from './seed-data';
import { evaluateTask, SUB, subState, type TaskProgress, type TaskStatus } from './task-model';
import { MAX_UNFINISHED_PER_SPACE, createTask, type StoreConfig } from './task-store';
import { GENERATIONS, TASK_TYPES, type Generation } from './task-validation';

export interface EmulatorOptions {
	/** 0 (default) = a random free port. */
	port?: number;
	/** Only 127.0.0.1 is supported: the emulator never listens on other interfaces. */
	host?: '127.0.0.1';
	seed?: number;
	/** Task clock speed factor (default 1). */
	speed?: number;
	/** Probability in [0, 1] that one sub-task attempt fails (default 0). */
	failureRate?: number;
	accounts?: readonly EmulatorAccount[];
	/** Server generation of every account (default current); see setGeneration. */
	generation?: Generation;
	/** Instance edition of every account (default standard); see setEdition. */
	edition?: Edition;
	/** SearchDevices requests per second per account (default 1, IoTDA's; 0 = unlimited). */
	searchRatePerSecond?: number;
}

/** One sub-task as Emulator.subTaskLog() reports it. */
export interface SubTaskLogRow {
	task_id: string;
	task_name: string;
	target: string;
	started: boolean;
	succeeded: boolean;
}

export interface TaskSummary {
	task_id: string;
	task_name: string;
	task_type: string;
	app_id: string;
	project_id: string;
	status: TaskStatus;
	progress: TaskProgress;
	targets: number;
	/** The task file the task was created from (admin view only: IoTDA's Task model has no such field). */
	document_source?: string;
}

export class Emulator {
	readonly clock: EmulatorClock;
	readonly faults = new FaultRegistry();
	readonly requestLog = new RequestLog();
	/** IAM tokens issued by POST /v3/auth/tokens; `tokens.ttlMs` sets the lifetime of new ones. */
	readonly tokens = new TokenStore();
	readonly config: StoreConfig;
	readonly accounts: readonly EmulatorAccount[];
	private states = new Map<string, AccountState>();
	/** Pushes batch task status changes to active HTTP rule actions (batch-task-notifier.ts). */
	readonly notifier = new BatchTaskNotifier(
		() => this.states.values(),
		() => this.clock.now(),
	);
	private server?: http.Server;
	private sockets = new Set<import('node:net').Socket>();
	url = '';
	port = 0;

	constructor(opts: EmulatorOptions = {}) {
		this.clock = new EmulatorClock(opts.speed ?? 1);
		this.accounts = opts.accounts ?? SEED_ACCOUNTS;
		this.config = {
			seed: opts.seed ?? 1,
			failureRate: checkRate(opts.failureRate ?? 0),
			failTargets: new Set(),
			maxUnfinishedPerSpace: MAX_UNFINISHED_PER_SPACE,
			generation: checkGeneration(opts.generation ?? 'current'),
			omitDetailMarker: false,
			edition: opts.edition ?? 'standard',
			searchRatePerSecond: opts.searchRatePerSecond ?? 1,
		};
		this.reset();
	}

	/** Request log entries, oldest first. */
	get log(): LogEntry[] {
		return this.requestLog.entries;
	}

	/** Drops every task, file, fault and log entry and re-seeds the catalog; config and clock are kept. */
	reset(): void {
		this.states.clear();
		this.accounts.forEach((account, i) => {
			this.states.set(account.ak, {
				account,
				catalog: buildCatalog(this.config.seed, i, this.clock.now()),
				tasks: [],
				taskById: new Map(),
				unfinished: new Set(),
				files: [],
			});
		});
		this.faults.clear();
		this.requestLog.clear();
		this.tokens.clear();
		this.notifier.clear();
	}

	private authenticate(req: RawRequest): EmulatorAccount {
		return authenticateRequest(this, req);
	}

	/** The stored state of an account, or undefined when no account has this AK. */
	stateOrUndefined(ak: string): AccountState | undefined {
		return this.states.get(ak);
	}

	/** The stored state of an account (default: the first seeded account). */
	state(ak: string = this.accounts[0].ak): AccountState {
		const s = this.states.get(ak);
		if (!s) throw new Error(`no account with AK ${ak}`);
		return s;
	}

	setFailureRate(rate: number, ak?: string): void {
		if (ak === undefined) this.config.failureRate = checkRate(rate);
		else this.state(ak).failureRate = checkRate(rate);
	}

	/**
	 * Which CreateBatchTask request model the server enforces: `current` (upgrade `document.package_ids`,
	 * moduleUpgrade) or `legacy` (`document.package_id`, no moduleUpgrade). Without `ak` it sets the
	 * default for every account without its own (kept by reset()); with `ak` only that account (dropped by
	 * reset(), like the rest of the account state).
	 */
	setGeneration(generation: Generation, ak?: string): void {
		if (ak === undefined) this.config.generation = checkGeneration(generation);
		else this.state(ak).generation = checkGeneration(generation);
	}

	/**
	 * Test hook: adds a static device group with these members to an account (default: the first); member
	 * ids that are not devices yet are registered in the group's resource space (default: the default one).
	 */
	addStaticGroup(o: {
		name: string;
		deviceIds: string[];
		appId?: string;
		groupId?: string;
		ak?: string;
	}): DeviceGroup {
		return addStaticGroup(this.state(o.ak).catalog, o);
	}

	/**
	 * The instance edition: on `basic` SearchDevices is refused (device-routes.ts). Without `ak` the default of
	 * every account without its own (kept by reset()); with `ak` only that account.
	 */
	setEdition(edition: Edition, ak?: string): void {
		if (!['basic', 'standard', 'enterprise'].includes(edition))
			throw new Error(`edition must be basic, standard or enterprise, got ${edition}`);
		if (ak === undefined) this.config.edition = edition;
		else this.state(ak).edition = edition;
	}

	/** A device's record after settling succeeded upgrades (test hook), or undefined. */
	device(deviceId: string, ak?: string): DeviceRecord | undefined {
		const state = this.state(ak);
		settleUpgrades(state, this.clock.now(), fleetOf(state).upgradeMarks);
		return state.catalog.deviceRecords.get(deviceId);
	}

	/**
	 * Test hook: registers `count` devices of a product (default: the account's first) named
	 * `${prefix}-000001`…, with the versions, status and tags `attrs(n)` gives (n from 1).
	 */
	addDevices(o: {
		count: number;
		prefix: string;
		productId?: string;
		ak?: string;
		attrs?: (
			n: number,
		) => Partial<Pick<DeviceRecord, 'fw_version' | 'sw_version' | 'status' | 'tags'>>;
	}): DeviceRecord[] {
		const catalog = this.state(o.ak).catalog;
		const product = o.productId
			? catalog.products.find((p) => p.product_id === o.productId)
			: catalog.products[0];
		if (!product) throw new Error(`no product ${o.productId}`);
		const added: DeviceRecord[] = [];
		for (let n = 1; n <= o.count; n++) {
			const id = `${o.prefix}-${String(n).padStart(6, '0')}`;
			const d = registerDevice(catalog, id, product.app_id, product.product_id, this.clock.now());
			added.push(Object.assign(d, o.attrs?.(n) ?? {}));
		}
		return added;
	}

	/** Devices that always fail their sub-task (IOTDA.014016 offline), in every new task. */
	failTargets(ids: string[]): void {
		ids.forEach((id) => this.config.failTargets.add(id));
	}

	tasks(ak?: string): TaskSummary[] {
		const states = ak === undefined ? [...this.states.values()] : [this.state(ak)];
		const now = this.clock.now();
		return states.flatMap((s) =>
			s.tasks.map((t) => {
				const { status, progress } = evaluateTask(t, now);
				return {
					task_id: t.id,
					task_name: t.name,
					task_type: t.type,
					app_id: t.appId,
					project_id: t.projectId,
					status,
					progress,
					targets: t.subTargets.length,
					document_source: t.view.document_source as string | undefined,
				};
			}),
		);
	}

	/**
	 * Every sub-task of every task (of one account, or all) at the emulator's time now: whether it has started
	 * (its start time has come and it was not stopped before it; a retry counts its latest start only) and
	 * whether it ended Success. The record the rollout tests check "upgraded exactly once" against.
	 */
	subTaskLog(ak?: string): SubTaskLogRow[] {
		const states = ak === undefined ? [...this.states.values()] : [this.state(ak)];
		const now = this.clock.now();
		return states.flatMap((s) =>
			s.tasks.flatMap((t) =>
				t.subTargets.map((target, i) => ({
					task_id: t.id,
					task_name: t.name,
					target,
					started: now >= t.startAt[i] && !(t.stoppedAt[i] <= t.startAt[i]),
					succeeded: subState(t, i, now).code === SUB.Success,
				})),
			),
		);
	}

	tasksNamed(name: string): TaskSummary[] {
		return this.tasks().filter((t) => t.task_name === name);
	}

	/**
	 * Test hook: inserts `count` tasks created long ago (so already finished), bypassing HTTP and the
	 * 10-unfinished limit. Used to test listing of many tasks.
	 */
	seedFinishedTasks(
		count: number,
		opts: { ak?: string; taskType?: string; namePrefix?: string; targets?: string[] } = {},
	): string[] {
		const state = this.state(opts.ak);
		const type = opts.taskType ?? 'freezeDevices';
		if (!(TASK_TYPES as readonly string[]).includes(type))
			throw new Error(`unknown task type ${type}`);
		const targets = opts.targets ?? ['dev-0001'];
		const past = this.clock.now() - 24 * 3600_000;
		const ids: string[] = [];
		for (let i = 0; i < count; i++) {
			const name = `${opts.namePrefix ?? 'seeded'}_${i}`;
			const body = { task_name: name, task_type: type, targets };
			const v = {
				name,
				type,
				appId: state.catalog.defaultAppId,
				source: { kind: 'targets' as const, ids: targets },
				retryCount: 0,
				retryIntervalMs: 0,
				needConfirm: false,
			};
			ids.push(createTask(state, v, body, targets, this.config, past, { skipLimit: true }).id);
		}
		return ids;
	}

	async listen(port = 0): Promise<void> {
		const server = http.createServer((req, res) => {
			this.handle(req, res).catch((err) => {
				// Last line of defence: never crash, always answer in IoTDA's shape.
				if (!res.headersSent)
					sendJson(res, 500, {
						error_code: 'IOTDA.000001',
						error_msg: `Internal emulator error: ${String(err?.message ?? err)}`,
					});
				else res.destroy();
			});
		});
		server.on('connection', (s) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
		server.on('clientError', (_err, socket) => socket.destroy());
		server.maxHeadersCount = 200;
		server.keepAliveTimeout = 5_000;
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => resolve());
		});
		this.server = server;
		this.port = (server.address() as AddressInfo).port;
		this.url = `http://127.0.0.1:${this.port}`;
		this.notifier.start();
	}

	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		this.notifier.stop();
		for (const s of this.sockets) s.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const requestId = crypto.randomUUID().replace(/-/g, '');
		res.setHeader('X-Request-Id', requestId);
		// The server's clock is the emulator's (RFC 9110 §6.6.1 Date), so a client that reads IoTDA's time sees
		// the accelerated clock its task times follow.
		res.setHeader('Date', new Date(this.clock.now()).toUTCString());
		const url = req.url ?? '/';
		const q = url.indexOf('?');
		const rawPath = q < 0 ? url : url.slice(0, q);
		const rawQuery = q < 0 ? '' : url.slice(q + 1);
		const method = (req.method ?? 'GET').toUpperCase();
		const entry: LogEntry = {
			time: new Date().toISOString(),
			method,
			path: rawPath,
			query: rawQuery,
			status: null,
			requestId,
			bodySize: 0,
		};
		const finish = (status: number | null, errorCode?: string) => {
			entry.status = status;
			if (errorCode) entry.errorCode = errorCode;
			this.requestLog.push(entry);
		};

		let body: Buffer;
		try {
			const read = await readBody(req);
			entry.bodySize = read.size;
			if (read.tooLarge) throw badFormat('the request body exceeds 10 MB', 413);
			body = read.body;
		} catch (err) {
			if (err instanceof ApiError) {
				sendError(res, err);
				return finish(err.status, err.errorCode);
			}
			res.destroy();
			return finish(null);
		}

		if (rawPath.startsWith('/__admin/')) {
			const result = await handleAdmin(this, method, rawPath, rawQuery, body);
			sendJson(res, result.status, result.body);
			return; // admin calls are not logged: the log is about client traffic
		}

		const fault = this.faults.take(method, rawPath);
		if (fault) entry.faultApplied = fault.kind === 'status' ? `status ${fault.status}` : fault.kind;
		if (fault?.kind === 'reset') {
			res.destroy();
			return finish(null);
		}
		if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
		if (fault?.kind === 'status') {
			const headers: Record<string, string> =
				fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
			const fb = faultBody(fault);
			sendJson(res, fault.status ?? 500, fb, headers);
			return finish(fault.status ?? 500, fb.error_code);
		}

		let status: number;
		let errorCode: string | undefined;
		try {
			const result = this.route(method, rawPath, rawQuery, req.headers, body, entry);
			status = result.status;
			if (fault?.kind === 'commitThenDrop') return this.drop(res, finish);
			sendJson(res, status, result.body, result.headers);
		} catch (err) {
			const apiErr =
				err instanceof ApiError
					? err
					: new ApiError(
							500,
							'IOTDA.000001',
							`Internal emulator error: ${String((err as Error)?.message ?? err)}`,
						);
			status = apiErr.status;
			errorCode = apiErr.errorCode;
			if (fault?.kind === 'commitThenDrop') return this.drop(res, finish);
			sendError(res, apiErr);
		}
		finish(status, errorCode);
	}

	private drop(res: http.ServerResponse, finish: (status: number | null) => void): void {
		res.destroy();
		finish(null);
	}

	private route(
		method: string,
		rawPath: string,
		rawQuery: string,
		headers: http.IncomingHttpHeaders,
		body: Buffer,
		entry: LogEntry,
	): {
		status: number;
		body?: unknown;
		headers?: Record<string, string>;
		taskName?: string;
		searchSql?: string;
	} {
		if (method === 'POST' && rawPath === '/v3/auth/tokens') {
			const issued = this.tokens.issue(
				parseJsonBody(body, headers['content-type']),
				this.accounts,
				this.clock.now(),
			);
			return { status: 201, body: issued.body, headers: { 'X-Subject-Token': issued.token } };
		}
		if (!rawPath.startsWith('/v5/')) throw notFound(`No such API: ${method} ${rawPath}`);
		const account = this.authenticate({ method, rawPath, rawQuery, headers, body });
		entry.ak = account.ak;
		let segments: string[];
		try {
			segments = rawPath.split('/').map((s) => decodeURIComponent(s));
		} catch {
			throw badFormat('malformed percent-encoding in the path');
		}
		// segments: ['', 'v5', 'iot', project_id, ...rest]
		if (segments[2] !== 'iot' || segments.length < 5)
			throw notFound(`No such API: ${method} ${rawPath}`);
		const subPath = '/' + segments.slice(4).join('/');
		const match = matchRoute(method, subPath);
		if (!match) throw notFound(`No such API: ${method} ${rawPath}`);
		const projectId = segments[3];
		const headerProject = headers['x-project-id'];
		if (
			projectId !== account.projectId ||
			(headerProject !== undefined && headerProject !== account.projectId)
		) {
			throw new ApiError(
				403,
				'IOTDA.000004',
				`project_id ${projectId} does not belong to the credentials' account`,
			);
		}
		const decoded = decodeQuery(rawQuery);
		const query: Record<string, string> = {};
		for (const [k, v] of Object.entries(decoded)) query[k] = Array.isArray(v) ? v[0] : v;
		const result = match.route.handle({
			state: this.state(account.ak),
			params: match.params,
			query,
			body,
			headers,
			now: this.clock.now(),
			cfg: this.config,
		});
		if (result.taskName) entry.taskName = result.taskName;
		if (result.searchSql) entry.searchSql = result.searchSql;
		return result;
	}
}

/**
 * AK/SK signature (Authorization) or, when an `X-Auth-Token` header is present, an IAM token issued by
 * this emulator (the older CreateBatchTask pages list X-Auth-Token as an alternative to AK/SK). With a
 * token, an account that requires an Instance-Id still needs the header.
 */
function authenticateRequest(emu: Emulator, req: RawRequest): EmulatorAccount {
	const token = req.headers['x-auth-token'];
	if (token === undefined) return verifySignature(req, (ak) => emu.stateOrUndefined(ak)?.account);
	const account = emu.tokens.verify(String(token), emu.clock.now());
	if (account.requireInstanceId && req.headers['instance-id'] !== account.instanceId)
		throw authError('missing or wrong Instance-Id header');
	return account;
}

function checkGeneration(g: string): Generation {
	if (!(GENERATIONS as readonly string[]).includes(g))
		throw new Error(`generation must be one of ${GENERATIONS.join(', ')}, got ${g}`);
	return g as Generation;
}

function checkRate(rate: number): number {
	if (!(rate >= 0 && rate <= 1)) throw new Error(`failureRate must be within [0, 1], got ${rate}`);
	return rate;
}

export type { ActiveFault };

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
	if (opts.host !== undefined && opts.host !== '127.0.0.1')
		throw new Error('the emulator binds 127.0.0.1 only');
	const emulator = new Emulator(opts);
	await emulator.listen(opts.port ?? 0);
	return emulator;
}
