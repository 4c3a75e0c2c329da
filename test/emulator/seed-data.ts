// Per-account catalog (resource spaces, devices, groups, OTA packages, products), deterministic from the seed.
import { randomHex, randomUuid, seededRandom } from './random';
import { formatIotdaTime } from './time-format';

export interface Application {
	app_id: string;
	app_name: string;
	create_time: string;
	default_app: boolean;
}
export interface DeviceGroup {
	group_id: string;
	name: string;
	description: string;
	super_group_id: string | null;
	group_type: 'STATIC';
	app_id: string;
	device_ids: string[];
	/** Hex record id used for marker paging. */
	record_id: string;
}
export interface OtaPackage {
	package_id: string;
	app_id: string;
	package_type: 'firmwarePackage' | 'softwarePackage' | 'modulePackage';
	product_id: string;
	product_name: string;
	module_name?: string;
	version: string;
	support_source_versions: string[];
	description: string;
	custom_info: string;
	create_time: string;
}
export interface ServiceCapability {
	service_id: string;
	service_type: string;
	option: 'Master' | 'Mandatory' | 'Optional';
	description: string;
	properties: Record<string, unknown>[];
	commands: Record<string, unknown>[];
	events: unknown[];
}
export interface Product {
	app_id: string;
	app_name: string;
	product_id: string;
	name: string;
	device_type: string;
	protocol_type: string;
	data_format: string;
	manufacturer_name: string;
	industry: string;
	description: string;
	create_time: string;
	service_capabilities: ServiceCapability[];
}
/** Device status values (GO model_show_device_response.go `status`; SearchDevices field table). */
export const DEVICE_STATUSES = ['ONLINE', 'OFFLINE', 'ABNORMAL', 'INACTIVE', 'FROZEN'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];
export interface DeviceTag {
	tag_key: string;
	tag_value: string;
}
/**
 * A device: SimplifyDevice {device_id, node_id, device_name, product_id} as ShowDevicesInGroup lists it
 * (GO model_simplify_device.go), the QueryDeviceSimplify / ShowDeviceResponse fields ListDevices, ShowDevice
 * and SearchDevices show (status, fw_version, sw_version, tags; GO model_query_device_simplify.go), plus the
 * emulator's resource space, hidden 24-hex record id (also SearchDevices' `marker`) and module versions.
 */
export interface DeviceRecord {
	device_id: string;
	node_id: string;
	device_name: string;
	product_id: string;
	app_id: string;
	/** Grows with registration order, so "newest first" = descending record id. */
	record_id: string;
	status: DeviceStatus;
	fw_version: string;
	sw_version: string;
	tags: DeviceTag[];
	/** Emulator milliseconds of registration (create_time). */
	createdAt: number;
	/**
	 * Module name → version after a moduleUpgrade succeeded. No device model shows module versions, so this
	 * is read by tests only (Emulator.device()).
	 */
	moduleVersions: Record<string, string>;
}
export interface Catalog {
	apps: Application[];
	defaultAppId: string;
	/** device_id -> app_id */
	devices: Map<string, string>;
	/** device_id -> record, for the members-of-group API. */
	deviceRecords: Map<string, DeviceRecord>;
	groups: DeviceGroup[];
	packages: OtaPackage[];
	products: Product[];
}

export const SEED_DEVICE_COUNT = 200;
/** dev-0001 .. dev-0150 live in the default space, dev-0151 .. dev-0200 in the second one. */
export const DEFAULT_APP_DEVICE_COUNT = 150;
export const deviceId = (n: number) => `dev-${String(n).padStart(4, '0')}`;

const SWITCH_SERVICE: ServiceCapability = {
	service_id: 'Switch',
	service_type: 'Switch',
	option: 'Mandatory',
	description: 'On/off switch',
	properties: [
		{
			property_name: 'state',
			data_type: 'enum',
			required: true,
			enum_list: ['ON', 'OFF'],
			method: 'RW',
			description: 'switch state',
		},
	],
	commands: [
		{
			command_name: 'ON_OFF',
			paras: [
				{
					para_name: 'value',
					data_type: 'enum',
					required: true,
					enum_list: ['ON', 'OFF'],
					description: 'target state',
				},
			],
			responses: [
				{
					response_name: 'ON_OFF_RESULT',
					paras: [{ para_name: 'result', data_type: 'int', required: true, min: '0', max: '1' }],
				},
			],
		},
	],
	events: [],
};

const METER_SERVICE: ServiceCapability = {
	service_id: 'WaterMeter',
	service_type: 'WaterMeter',
	option: 'Optional',
	description: 'Water meter readings and settings',
	properties: [
		{
			property_name: 'temperature',
			data_type: 'decimal',
			required: false,
			min: '-40',
			max: '125',
			step: 0.1,
			unit: 'celsius',
			method: 'RWE',
		},
		{
			property_name: 'flow',
			data_type: 'int',
			required: false,
			min: '0',
			max: '100000',
			unit: 'L/h',
			method: 'RE',
		},
		{ property_name: 'label', data_type: 'string', required: false, max_length: 64, method: 'RW' },
	],
	commands: [
		{
			command_name: 'SET_INTERVAL',
			paras: [
				{
					para_name: 'seconds',
					data_type: 'int',
					required: true,
					min: '10',
					max: '86400',
					unit: 's',
				},
			],
			responses: [],
		},
	],
	events: [],
};

export function buildCatalog(seed: number, accountIndex: number, createdAt: number): Catalog {
	const rand = seededRandom(seed * 7919 + accountIndex + 1);
	const time = (minutesAgo: number) => formatIotdaTime(createdAt - minutesAgo * 60_000);
	const apps: Application[] = [
		{
			app_id: randomHex(rand, 32),
			app_name: 'DefaultApp',
			create_time: time(90 * 24 * 60),
			default_app: true,
		},
		{
			app_id: randomHex(rand, 32),
			app_name: 'FactoryLine2',
			create_time: time(30 * 24 * 60),
			default_app: false,
		},
	];
	const [defaultApp, otherApp] = apps;
	const devices = new Map<string, string>();
	for (let n = 1; n <= SEED_DEVICE_COUNT; n++) {
		devices.set(deviceId(n), n <= DEFAULT_APP_DEVICE_COUNT ? defaultApp.app_id : otherApp.app_id);
	}
	const range = (from: number, to: number) =>
		Array.from({ length: to - from + 1 }, (_, i) => deviceId(from + i));
	const group = (
		name: string,
		app: Application,
		ids: string[],
		superId: string | null = null,
	): DeviceGroup => ({
		group_id: randomUuid(rand),
		name,
		description: `${name} (${ids.length} devices)`,
		super_group_id: superId,
		group_type: 'STATIC',
		app_id: app.app_id,
		device_ids: ids,
		record_id: randomHex(rand, 24),
	});
	const north = group('BuildingNorth', defaultApp, range(1, 50));
	const groups = [
		north,
		group('BuildingSouth', defaultApp, range(51, 100)),
		group('NorthFloor1', defaultApp, range(1, 10), north.group_id),
		group('EmptyGroup', defaultApp, []),
		group('Line2All', otherApp, range(151, 200)),
	].sort((a, b) => (a.record_id < b.record_id ? 1 : -1));
	const products: Product[] = [
		{
			app_id: defaultApp.app_id,
			app_name: defaultApp.app_name,
			product_id: randomHex(rand, 24),
			name: 'SmartSwitch',
			device_type: 'Switch',
			protocol_type: 'MQTT',
			data_format: 'json',
			manufacturer_name: 'EmuCorp',
			industry: 'smartHome',
			description: 'Switch with an ON_OFF command',
			create_time: time(60 * 24 * 60),
			service_capabilities: [SWITCH_SERVICE],
		},
		{
			app_id: defaultApp.app_id,
			app_name: defaultApp.app_name,
			product_id: randomHex(rand, 24),
			name: 'WaterMeterPro',
			device_type: 'WaterMeter',
			protocol_type: 'CoAP',
			data_format: 'binary',
			manufacturer_name: 'EmuCorp',
			industry: 'utilities',
			description: 'Meter with properties for shadows',
			create_time: time(50 * 24 * 60),
			service_capabilities: [METER_SERVICE, SWITCH_SERVICE],
		},
		{
			app_id: otherApp.app_id,
			app_name: otherApp.app_name,
			product_id: randomHex(rand, 24),
			name: 'LineSensor',
			device_type: 'Sensor',
			protocol_type: 'HTTP',
			data_format: 'json',
			manufacturer_name: 'EmuCorp',
			industry: 'manufacturing',
			description: 'Sensor in the second resource space',
			create_time: time(20 * 24 * 60),
			service_capabilities: [METER_SERVICE],
		},
	];
	const pkg = (
		type: OtaPackage['package_type'],
		product: Product,
		version: string,
		from: string[],
		module?: string,
	): OtaPackage => ({
		package_id: randomHex(rand, 24),
		app_id: product.app_id,
		package_type: type,
		product_id: product.product_id,
		product_name: product.name,
		...(module ? { module_name: module } : {}),
		version,
		support_source_versions: from,
		description: `${product.name} ${type} ${version}`,
		custom_info: '',
		create_time: time(10 * 24 * 60),
	});
	const packages = [
		pkg('firmwarePackage', products[0], 'V1.1.0', ['V1.0.0']),
		pkg('firmwarePackage', products[0], 'V1.2.0', ['V1.0.0', 'V1.1.0']),
		pkg('firmwarePackage', products[1], 'V2.0.0', []),
		pkg('softwarePackage', products[0], 'V3.0.1', ['V3.0.0']),
		pkg('softwarePackage', products[1], 'V3.1.0', []),
		pkg('modulePackage', products[1], 'V0.9.0', [], 'modem'),
		pkg('firmwarePackage', products[2], 'V5.0.0', []),
	].sort((a, b) => (a.package_id < b.package_id ? 1 : -1));
	const catalog: Catalog = {
		apps,
		defaultAppId: defaultApp.app_id,
		devices: new Map(),
		deviceRecords: new Map(),
		groups,
		packages,
		products,
	};
	for (const [id, appId] of devices) {
		const n = Number(id.slice(4));
		const record = registerDevice(
			catalog,
			id,
			appId,
			n <= 100
				? products[0].product_id
				: n <= DEFAULT_APP_DEVICE_COUNT
					? products[1].product_id
					: products[2].product_id,
			createdAt,
		);
		seedAttributes(record, n);
	}
	return catalog;
}

/**
 * Seeded versions, statuses and tags (documented in docs/emulator.md "Seeded accounts and data"): SmartSwitch
 * devices (1–100) alternate firmware V1.0.0 / V1.1.0 / V1.2.0 by n mod 3, software V3.0.0; the others V2.0.0 /
 * V3.1.0 (WaterMeterPro) or V5.0.0 / V1.0.0 (LineSensor). Every 10th device is OFFLINE, every 25th INACTIVE;
 * odd devices carry the tag floor=1, even ones floor=2, and devices 1–20 also site=north.
 */
function seedAttributes(d: DeviceRecord, n: number): void {
	const switchFw = ['V1.2.0', 'V1.0.0', 'V1.1.0'][n % 3];
	d.fw_version = n <= 100 ? switchFw : n <= DEFAULT_APP_DEVICE_COUNT ? 'V2.0.0' : 'V5.0.0';
	d.sw_version = n <= 100 ? 'V3.0.0' : n <= DEFAULT_APP_DEVICE_COUNT ? 'V3.1.0' : 'V1.0.0';
	d.status = n % 25 === 0 ? 'INACTIVE' : n % 10 === 0 ? 'OFFLINE' : 'ONLINE';
	d.tags = [{ tag_key: 'floor', tag_value: n % 2 === 1 ? '1' : '2' }];
	if (n <= 20) d.tags.push({ tag_key: 'site', tag_value: 'north' });
}

/**
 * Adds a device (if not known yet) to a resource space; its record id follows all earlier ones. A new device
 * is ONLINE, on firmware and software V1.0.0, without tags (tests set other values on the record).
 */
export function registerDevice(
	catalog: Catalog,
	deviceId: string,
	appId: string,
	productId: string,
	createdAt = Date.now(),
): DeviceRecord {
	const known = catalog.deviceRecords.get(deviceId);
	if (known) return known;
	const seq = catalog.deviceRecords.size + 1;
	const record: DeviceRecord = {
		device_id: deviceId,
		node_id: `node_${deviceId}`,
		device_name: deviceId,
		product_id: productId,
		app_id: appId,
		record_id: '5f' + seq.toString(16).padStart(22, '0'),
		status: 'ONLINE',
		fw_version: 'V1.0.0',
		sw_version: 'V1.0.0',
		tags: [],
		createdAt,
		moduleVersions: {},
	};
	catalog.deviceRecords.set(deviceId, record);
	catalog.devices.set(deviceId, appId);
	return record;
}

/**
 * Adds a static group with these members (unknown member ids are registered as devices of the group's
 * space, with the space's first product). Returns the new group; group ids are UUIDs (≤36 hex and -).
 */
export function addStaticGroup(
	catalog: Catalog,
	o: {
		name: string;
		deviceIds: string[];
		appId?: string;
		groupId?: string;
		superGroupId?: string | null;
	},
): DeviceGroup {
	const appId = o.appId ?? catalog.defaultAppId;
	if (!catalog.apps.some((a) => a.app_id === appId)) throw new Error(`no resource space ${appId}`);
	const productId = (catalog.products.find((p) => p.app_id === appId) ?? catalog.products[0])
		.product_id;
	const members = Array.from(new Set(o.deviceIds));
	for (const id of members) registerDevice(catalog, id, appId, productId);
	const seq = catalog.groups.length + 1;
	const group: DeviceGroup = {
		group_id:
			o.groupId ??
			`${seq.toString(16).padStart(8, '0')}-0000-4000-a000-${Date.now().toString(16).padStart(12, '0').slice(-12)}`,
		name: o.name,
		description: `${o.name} (${members.length} devices)`,
		super_group_id: o.superGroupId ?? null,
		group_type: 'STATIC',
		app_id: appId,
		device_ids: members,
		record_id:
			'ff' +
			seq.toString(16).padStart(6, '0') +
			Date.now().toString(16).padStart(16, '0').slice(-16),
	};
	if (catalog.groups.some((g) => g.group_id === group.group_id))
		throw new Error(`group ${group.group_id} exists`);
	catalog.groups.push(group);
	catalog.groups.sort((a, b) => (a.record_id < b.record_id ? 1 : -1));
	return group;
}
