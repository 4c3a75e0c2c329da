// /__admin/* endpoints (no authentication; the emulator binds 127.0.0.1 only) for tests and the demo.
import type { Emulator } from './emulator';
import type { FaultSpec } from './faults';
import { actionView, routingOf, ruleView } from './routing-rules';
import type { Generation } from './task-validation';
import type { Edition } from './account-state';
import type { DeviceRecord } from './seed-data';

export interface AdminResult {
	status: number;
	body?: unknown;
}

const adminError = (status: number, msg: string): AdminResult => ({
	status,
	body: { error_code: 'EMULATOR.ADMIN', error_msg: msg },
});

export async function handleAdmin(
	emu: Emulator,
	method: string,
	path: string,
	rawQuery: string,
	body: Buffer,
): Promise<AdminResult> {
	let json: Record<string, unknown> = {};
	if (body.length > 0) {
		try {
			json = JSON.parse(body.toString('utf8'));
		} catch {
			return adminError(400, 'admin request body is not valid JSON');
		}
	}
	try {
		const key = `${method} ${path}`;
		switch (key) {
			case 'POST /__admin/faults': {
				const spec = json as unknown as FaultSpec & {
					match?: { method?: string; path?: string; pathRegex?: string };
				};
				const match = spec.match
					? {
							method: spec.match.method,
							path: spec.match.pathRegex ? new RegExp(spec.match.pathRegex) : spec.match.path,
						}
					: undefined;
				const fault = emu.faults.add({ ...spec, match });
				return { status: 201, body: { id: fault.id } };
			}
			case 'GET /__admin/faults':
				return {
					status: 200,
					body: {
						faults: emu.faults
							.list()
							.map((f) => ({ ...f, match: f.match && { ...f.match, path: String(f.match.path) } })),
					},
				};
			case 'DELETE /__admin/faults':
				emu.faults.clear();
				return { status: 204 };
			case 'GET /__admin/state':
				return { status: 200, body: stateView(emu) };
			case 'GET /__admin/routing':
				return { status: 200, body: routingView(emu) };
			case 'GET /__admin/sub-task-log':
				return { status: 200, body: { sub_tasks: emu.subTaskLog() } };
			case 'GET /__admin/log': {
				const limit = Number(new URLSearchParams(rawQuery).get('limit') ?? 1000);
				return { status: 200, body: { total: emu.log.length, entries: emu.log.slice(-limit) } };
			}
			case 'DELETE /__admin/log':
				emu.requestLog.clear();
				return { status: 204 };
			case 'POST /__admin/reset':
				emu.reset();
				return { status: 204 };
			case 'POST /__admin/config':
				applyConfig(emu, json);
				return { status: 200, body: configView(emu) };
			case 'POST /__admin/groups': {
				const count = json.device_count === undefined ? undefined : Number(json.device_count);
				const prefix = String(json.device_prefix ?? `${String(json.name)}-dev`);
				const deviceIds = Array.isArray(json.device_ids)
					? json.device_ids.map(String)
					: Array.from(
							{ length: count ?? 0 },
							(_, i) => `${prefix}-${String(i + 1).padStart(5, '0')}`,
						);
				const group = emu.addStaticGroup({
					name: String(json.name ?? 'group'),
					deviceIds,
					appId: json.app_id as string | undefined,
					ak: json.ak as string | undefined,
				});
				return {
					status: 201,
					body: {
						group_id: group.group_id,
						name: group.name,
						app_id: group.app_id,
						devices: group.device_ids.length,
					},
				};
			}
			case 'POST /__admin/devices':
				return { status: 201, body: { devices: addDevices(emu, json) } };
			case 'GET /__admin/devices': {
				const q = new URLSearchParams(rawQuery);
				return {
					status: 200,
					body: { devices: devicesView(emu, q.get('product_id'), q.get('ak')) },
				};
			}
			case 'POST /__admin/seed-tasks': {
				const ids = emu.seedFinishedTasks(Number(json.count ?? 1), {
					ak: json.ak as string | undefined,
					taskType: json.task_type as string | undefined,
					namePrefix: json.name_prefix as string | undefined,
				});
				return { status: 201, body: { task_ids: ids } };
			}
			default:
				return adminError(404, `unknown admin endpoint ${key}`);
		}
	} catch (err) {
		return adminError(400, String((err as Error)?.message ?? err));
	}
}

const cycled = (list: unknown, n: number): string | undefined =>
	Array.isArray(list) && list.length ? String(list[(n - 1) % list.length]) : undefined;

/**
 * `POST /__admin/devices` `{count, prefix, product_id?, ak?, fw_versions?, sw_versions?, statuses?, tags?}`:
 * registers `count` devices `${prefix}-000001`… of the product (default: the account's first), device n taking
 * the (n−1 mod length)th of each list (e.g. fw_versions ["V1.2.0", "V1.0.0"] alternates); every device gets
 * `tags` (`[{tag_key, tag_value}]`). Returns their views.
 */
function addDevices(emu: Emulator, json: Record<string, unknown>) {
	const added = emu.addDevices({
		count: Number(json.count ?? 0),
		prefix: String(json.prefix ?? 'admin-dev'),
		productId: json.product_id as string | undefined,
		ak: json.ak as string | undefined,
		attrs: (n) => {
			const fw_version = cycled(json.fw_versions, n);
			const sw_version = cycled(json.sw_versions, n);
			const status = cycled(json.statuses, n) as DeviceRecord['status'] | undefined;
			return {
				...(Array.isArray(json.tags)
					? { tags: structuredClone(json.tags as DeviceRecord['tags']) }
					: {}),
				...(fw_version ? { fw_version } : {}),
				...(sw_version ? { sw_version } : {}),
				...(status ? { status } : {}),
			};
		},
	});
	return added.map(deviceSummary);
}

const deviceSummary = (d: DeviceRecord) => ({
	device_id: d.device_id,
	product_id: d.product_id,
	status: d.status,
	fw_version: d.fw_version,
	sw_version: d.sw_version,
});

/** `GET /__admin/devices?product_id=&ak=`: every device (of the product) with its versions, upgrades applied. */
function devicesView(emu: Emulator, productId: string | null, ak: string | null) {
	const account = ak ?? undefined;
	return [...emu.state(account).catalog.deviceRecords.keys()]
		.map((id) => emu.device(id, account)!)
		.filter((d) => productId === null || d.product_id === productId)
		.map(deviceSummary);
}

function applyConfig(emu: Emulator, c: Record<string, unknown>): void {
	if (c.failureRate !== undefined)
		emu.setFailureRate(Number(c.failureRate), c.ak as string | undefined);
	if (c.speed !== undefined) emu.clock.setSpeed(Number(c.speed));
	if (c.advanceMs !== undefined) emu.clock.advance(Number(c.advanceMs));
	if (Array.isArray(c.failTargets)) emu.failTargets(c.failTargets.map(String));
	if (c.maxUnfinishedPerSpace !== undefined)
		emu.config.maxUnfinishedPerSpace = Number(c.maxUnfinishedPerSpace);
	if (c.generation !== undefined)
		emu.setGeneration(c.generation as Generation, c.ak as string | undefined);
	if (c.tokenTtlSeconds !== undefined) {
		const ttl = Number(c.tokenTtlSeconds);
		if (!(ttl > 0)) throw new Error('tokenTtlSeconds must be a positive number');
		emu.tokens.ttlMs = ttl * 1000;
	}
	if (c.edition !== undefined) emu.setEdition(c.edition as Edition, c.ak as string | undefined);
	if (c.searchRatePerSecond !== undefined)
		emu.config.searchRatePerSecond = Number(c.searchRatePerSecond);
	if (c.omitDetailMarker !== undefined) emu.config.omitDetailMarker = c.omitDetailMarker === true;
	if (Array.isArray(c.notifyRetryDelaysMs))
		emu.notifier.settings.retryDelaysMs = c.notifyRetryDelaysMs.map(Number);
}

/** Every account's routing rules and actions (as the API shows them) and the notification deliveries. */
function routingView(emu: Emulator) {
	const accounts = emu.accounts.map((a) => emu.state(a.ak));
	return {
		rules: accounts.flatMap((s) =>
			routingOf(s).rules.map((r) => ({ ak: s.account.ak, ...ruleView(r) })),
		),
		actions: accounts.flatMap((s) =>
			routingOf(s).actions.map((x) => ({ ak: s.account.ak, ...actionView(x) })),
		),
		deliveries: emu.notifier.deliveries,
	};
}

function configView(emu: Emulator) {
	return {
		seed: emu.config.seed,
		speed: emu.clock.speed,
		failureRate: emu.config.failureRate,
		failTargets: [...emu.config.failTargets],
		maxUnfinishedPerSpace: emu.config.maxUnfinishedPerSpace,
		generation: emu.config.generation,
		omitDetailMarker: emu.config.omitDetailMarker,
		tokenTtlSeconds: emu.tokens.ttlMs / 1000,
		emulatorTime: new Date(emu.clock.now()).toISOString(),
	};
}

function stateView(emu: Emulator) {
	return {
		config: configView(emu),
		accounts: emu.accounts.map((a) => {
			const s = emu.state(a.ak);
			return {
				name: a.name,
				ak: a.ak,
				project_id: a.projectId,
				tasks: s.tasks.length,
				files: s.files.length,
				failureRate: s.failureRate,
				generation: s.generation ?? emu.config.generation,
			};
		}),
		tasks: emu.tasks(),
	};
}
