/**
 * The rollout's FleetReader (state.ts) for its two target sources:
 * - Devices Matching a Search: the devices matching the operator's filters that are not on the target
 *   version (fleet/resolveDevices.ts: SearchDevices at 1 request per second, ListDevices on a Basic edition);
 *   wave devices that left that listing (because they now report the target version) are read by the same
 *   filters without Status and with "version is the target", so reading everything costs ⌈targets / 50⌉ search
 *   pages whatever the progress; a wave device neither search finds (it left the other filters, or went
 *   offline before it upgraded) is read by ShowDevice.
 *   With SQL Conditions the operator's SQL is the listing, and wave devices are read one by one (ShowDevice).
 *   Without a version filter of its own, the search also counts (`counting`, for a step that lists nothing:
 *   stepReading.ts).
 * - Device IDs: ShowDevice per device; a device IoTDA does not have (404) is yielded `deleted`.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { showDevice, type RequestOptions } from '../../api/devices';
import type { DeviceFilters } from '../../fleet/searchSql';
import {
	countBySearch,
	resolveDevices,
	searchPacer,
	type DeviceQuery,
	type SearchPacer,
} from '../../fleet/resolveDevices';
import type { ReportedDevice } from './observed';
import type { RolloutSettings } from './plan';
import type { CountingReader, FleetReader } from './state';

/** Where the rollout's devices come from (rollout.description.ts "Target Devices"). */
export type RolloutTargets =
	| { source: 'search'; query: DeviceQuery }
	| { source: 'deviceIds'; ids: string[] };

function reported(device: Record<string, unknown>): ReportedDevice {
	const version = (key: string) =>
		typeof device[key] === 'string' ? (device[key] as string) : undefined;
	return {
		device_id: String(device.device_id),
		fw_version: version('fw_version'),
		sw_version: version('sw_version'),
	};
}

async function* showEach(
	context: IExecuteFunctions,
	ids: readonly string[],
	itemIndex: number,
	options: RequestOptions,
): AsyncIterable<ReportedDevice> {
	for (const id of new Set(ids)) {
		const outcome = await showDevice.call(context, id, itemIndex, options).then(
			(device) => ({ device }),
			(error: unknown) => ({ error }),
		);
		if ('device' in outcome) yield reported(outcome.device);
		// A device IoTDA no longer has is yielded as deleted: the caller decides (state.ts readRolloutState).
		else if (outcome.error instanceof NodeApiError && outcome.error.httpCode === '404')
			yield { device_id: id, deleted: true };
		else throw outcome.error;
	}
}

/**
 * The operator's filters with the version filter of the rollout's task type set to `match` the target: for
 * the listing (`isNot`) only when the operator set none (e.g. "firmware is 1.0" already leaves the target out).
 * The on-version side (`is`) drops Status: Status chooses which devices a wave is sent to, while a device that
 * upgraded and then went offline still reports the version (fw_version / sw_version are kept by IoTDA).
 */
function withVersion(
	settings: RolloutSettings,
	filters: DeviceFilters,
	match: 'is' | 'isNot',
): DeviceFilters {
	const key = settings.taskType === 'firmwareUpgrade' ? 'firmware' : 'software';
	if (match === 'isNot' && filters[key]) return filters;
	const version = { [key]: { match, versions: [settings.targetVersion] } };
	if (match === 'isNot') return { ...filters, ...version };
	return { ...filters, statuses: undefined, ...version };
}

/**
 * The counting side of a search whose listing is exactly "not on the version" (the operator set no version
 * filter of the task type's field): one SearchDevices `count(*)` per count (undefined when SearchDevices is
 * refused, as on a Basic edition), and the devices on the version.
 */
function countingReader(
	context: IExecuteFunctions,
	settings: RolloutSettings,
	filters: DeviceFilters,
	search: (query: DeviceQuery) => AsyncIterable<ReportedDevice>,
	o: { itemIndex: number; pacer: SearchPacer; options: RequestOptions },
): CountingReader {
	const count = async (query: DeviceQuery) => await countBySearch.call(context, query, o);
	return {
		countNotOnVersion: async () => await count(withVersion(settings, filters, 'isNot')),
		countOnVersion: async () => await count(withVersion(settings, filters, 'is')),
		listOnVersion: () => search(withVersion(settings, filters, 'is')),
	};
}

/**
 * Wave devices `ids` as `found` has them (the devices on the version: a search, or what the step read
 * already), then each one `found` left out by ShowDevice (a device that left the search, or is not on the
 * version and left the listing too; a 404 is yielded `deleted`). Each device once.
 */
async function* readWaveDevices(
	context: IExecuteFunctions,
	ids: readonly string[],
	found: AsyncIterable<ReportedDevice> | Iterable<ReportedDevice>,
	o: { itemIndex: number; options: RequestOptions },
): AsyncIterable<ReportedDevice> {
	const wanted = new Set(ids);
	for await (const device of found) if (wanted.delete(device.device_id)) yield device;
	yield* showEach(context, [...wanted], o.itemIndex, o.options);
}

/** The FleetReader of `targets` for item `itemIndex`; requests go with `options` (and its RequestMeter). */
export function fleetReader(
	context: IExecuteFunctions,
	settings: RolloutSettings,
	targets: RolloutTargets,
	itemIndex: number,
	options: RequestOptions,
): FleetReader {
	const shown = (ids: readonly string[]) => showEach(context, ids, itemIndex, options);
	if (targets.source === 'deviceIds')
		return { listTargets: () => shown(targets.ids), readDevices: shown };
	const pacer = searchPacer();
	const search = async function* (query: DeviceQuery) {
		const found = await resolveDevices.call(context, query, { itemIndex, pacer, options });
		for (const device of found.devices) yield reported(device);
	};
	const query = targets.query;
	if ('sql' in query) return { listTargets: () => search(query), readDevices: shown };
	const key = settings.taskType === 'firmwareUpgrade' ? 'firmware' : 'software';
	return {
		listTargets: () => search(withVersion(settings, query, 'isNot')),
		readDevices: (ids, onVersion) =>
			readWaveDevices(context, ids, onVersion ?? search(withVersion(settings, query, 'is')), {
				itemIndex,
				options,
			}),
		counting: query[key]
			? undefined
			: countingReader(context, settings, query, search, { itemIndex, pacer, options }),
	};
}
