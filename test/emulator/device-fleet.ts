// The account's devices as the device APIs show them: ShowDevice, ListDevices, and the versions that
// succeeded upgrade sub-tasks leave on a device (docs/emulator.md "Devices").
import type { AccountState } from './account-state';
import { invalidInput, notFound } from './errors';
import { pageByMarker, parsePageParams } from './paging';
import type { Catalog, DeviceRecord } from './seed-data';
import { SUB, subState, type TaskRecord } from './task-model';
import { formatIotdaTime } from './time-format';

/** Per task: which sub-tasks' upgrades are applied, and the finished state they were settled for. */
interface UpgradeMarks {
	applied: Uint8Array;
	settledFor?: object;
}
const UPGRADE_FIELD: Record<string, 'fw_version' | 'sw_version' | 'module'> = {
	firmwareUpgrade: 'fw_version',
	softwareUpgrade: 'sw_version',
	moduleUpgrade: 'module',
};

function packageIdsOf(t: TaskRecord): string[] {
	const d = (t.view.document ?? {}) as { package_ids?: unknown; package_id?: unknown };
	if (Array.isArray(d.package_ids)) return d.package_ids.map(String);
	return typeof d.package_id === 'string' ? [d.package_id] : [];
}

/**
 * Moves every device whose upgrade sub-task has succeeded by `now` to the package's version (the package of
 * the task's `package_ids` for the device's product, else the first): firmware → fw_version, software →
 * sw_version, module → the module's version. Lazy like the task model: run before any device is read. Tasks
 * are applied in creation order, so of two succeeded upgrades the later-created one wins. A finished task is
 * scanned once (again only after a retry re-opens it).
 */
export function settleUpgrades(
	state: AccountState,
	now: number,
	marks: WeakMap<TaskRecord, UpgradeMarks>,
) {
	const { packages, deviceRecords } = state.catalog;
	for (const t of state.tasks) {
		const field = UPGRADE_FIELD[t.type];
		if (!field) continue;
		const m = marks.get(t) ?? { applied: new Uint8Array(t.subTargets.length) };
		marks.set(t, m);
		if (t.finished && m.settledFor === t.finished) continue;
		const pkgs = packageIdsOf(t)
			.map((id) => packages.find((p) => p.package_id === id))
			.filter((p) => p !== undefined);
		for (let i = 0; i < t.subTargets.length; i++) {
			if (m.applied[i] || subState(t, i, now).code !== SUB.Success) continue;
			m.applied[i] = 1;
			const device = deviceRecords.get(t.subTargets[i]);
			const pkg = pkgs.find((p) => p.product_id === device?.product_id) ?? pkgs[0];
			if (!device || !pkg) continue;
			if (field === 'module') device.moduleVersions[pkg.module_name ?? ''] = pkg.version;
			else device[field] = pkg.version;
		}
		if (t.finished) m.settledFor = t.finished;
	}
}

/** Devices newest first (descending record id); cached per catalog until a device is registered. */
export function devicesNewestFirst(
	catalog: Catalog,
	cache: WeakMap<Catalog, DeviceRecord[]>,
): DeviceRecord[] {
	const known = cache.get(catalog);
	if (known && known.length === catalog.deviceRecords.size) return known;
	const list = [...catalog.deviceRecords.values()].reverse();
	cache.set(catalog, list);
	return list;
}

/**
 * A device as ListDevices (QueryDeviceSimplify) and SearchDevices (SearchDevice) show it: GO
 * model_query_device_simplify.go, PY search_device.py. Directly connected (gateway_id = device_id,
 * node_type GATEWAY); the product name is the catalog's.
 */
export function deviceView(catalog: Catalog, d: DeviceRecord): Record<string, unknown> {
	const app = catalog.apps.find((a) => a.app_id === d.app_id);
	const product = catalog.products.find((p) => p.product_id === d.product_id);
	return {
		app_id: d.app_id,
		app_name: app?.app_name ?? '',
		device_id: d.device_id,
		node_id: d.node_id,
		gateway_id: d.device_id,
		device_name: d.device_name,
		node_type: 'GATEWAY',
		description: '',
		fw_version: d.fw_version,
		sw_version: d.sw_version,
		device_sdk_version: '',
		product_id: d.product_id,
		product_name: product?.name ?? '',
		status: d.status,
		tags: d.tags.map((t) => ({ ...t })),
	};
}

/** ShowDevice `GET /devices/{device_id}` (GO model_show_device_response.go): the list view plus create_time. */
export function showDevice(state: AccountState, deviceId: string): Record<string, unknown> {
	const d = state.catalog.deviceRecords.get(deviceId);
	if (!d) throw notFound(`The device ${deviceId.slice(0, 128)} does not exist.`);
	return { ...deviceView(state.catalog, d), create_time: formatIotdaTime(d.createdAt) };
}

const LIST_FILTERS = ['product_id', 'app_id', 'gateway_id', 'node_id', 'device_name'] as const;
const UNMODELLED = ['start_time', 'end_time', 'is_cascade_query'];

/**
 * ListDevices `GET /devices` (fleet-rollouts.md §5.2; GO model_list_devices_request.go): exact filters
 * product_id, app_id, gateway_id, node_id, device_name; limit 1–50 (default 10), marker, offset 0–500;
 * `{devices: QueryDeviceSimplify[], page: {count, marker}}`, newest first. start_time, end_time and
 * is_cascade_query are not modelled and answer 400 (a known difference).
 */
export function listDevices(
	state: AccountState,
	query: Record<string, string>,
	all: DeviceRecord[],
): Record<string, unknown> {
	const bad = UNMODELLED.find((k) => query[k] !== undefined);
	if (bad) throw invalidInput(`${bad} is not modelled by the emulator`);
	for (const k of ['product_id', 'app_id'] as const) {
		const v = query[k];
		if (v !== undefined && !/^[A-Za-z0-9_-]{1,36}$/.test(v))
			throw invalidInput(`${k} must match [A-Za-z0-9_-]{1,36}`);
	}
	const wanted = LIST_FILTERS.filter((k) => query[k] !== undefined);
	const matching =
		wanted.length === 0 ? all : all.filter((d) => wanted.every((k) => fieldOf(d, k) === query[k]));
	const { items, page } = pageByMarker(matching, (d) => d.record_id, parsePageParams(query));
	return { devices: items.map((d) => deviceView(state.catalog, d)), page };
}

const fieldOf = (d: DeviceRecord, k: (typeof LIST_FILTERS)[number]) =>
	k === 'gateway_id' ? d.device_id : d[k];
