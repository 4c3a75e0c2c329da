/**
 * Target Source "Devices Matching a Search": the devices that match the filters of Device → Search (the same
 * fields and reader, actions/device/filters.description.ts, here named `search…`), resolved when the node runs
 * (fleet/resolveDevices.ts: SearchDevices at 1 request per second, or ListDevices on a Basic edition
 * instance). The devices then go the way of Device IDs: de-duplicated, split into tasks, staged, dry-run.
 * A recurring rollout ("firmware version is not 2.0.1") thus targets only the devices still behind, and new
 * ones, and once every device is on the version it creates no task at all (fleet-rollouts.md §5.1).
 */
import type { IDataObject } from 'n8n-workflow';

import {
	resolveDevices,
	searchPacer,
	type DeviceQuery,
	type Resolution,
} from '../../../../fleet/resolveDevices';
import { requestOptionsFor } from '../../../../transport/requestOptions';
import { readDeviceQuery, renamedFilterFields } from '../../../device/filters.description';
import type { DeviceReader, TargetSourceModule } from './targetSource';

/** `productId` → `searchProductId`: Create has fields of the filters' names (its own `productId`). */
const named = (name: string) => `search${name[0].toUpperCase()}${name.slice(1)}`;

/** What one distinct search found: its IDs only (the device records are dropped once read). */
interface Found extends Omit<Resolution, 'devices'> {
	ids: string[];
	query: DeviceQuery;
}

/**
 * Why no task was made: with a version "is not" filter, every device the other filters select is already on
 * that version — the second run of a recurring rollout.
 */
function noneMatched(query: DeviceQuery): string {
	const on = 'sql' in query ? [] : [query.firmware, query.software];
	const kinds = ['firmware', 'software'];
	const already = on
		.map((v, n) => (v?.match === 'isNot' ? `${kinds[n]} version ${v.versions.join(' or ')}` : ''))
		.filter(Boolean);
	return already.length
		? `No device matches the search: every device the other filters select is already on ${already.join(' and ')}. Nothing to do; no task was created.`
		: 'No device matches the search. Nothing to do; no task was created.';
}

/** The output fields of the devices of some items: how many matched (de-duplicated) and how they were found. */
function originOf(found: Found[]): IDataObject {
	const distinct = (values: string[]) => [...new Set(values)].join('; ');
	const matched =
		found.length === 1 ? found[0].ids.length : new Set(found.flatMap((f) => f.ids)).size;
	return {
		targets_from: 'device search',
		matched_devices: matched,
		found_by: distinct(found.map((f) => f.foundBy)),
		search_requests: found.reduce((sum, f) => sum + f.requests, 0),
		search_sql: distinct(found.map((f) => f.sql)),
		...(matched === 0 && found.length === 1 ? { reason: noneMatched(found[0].query) } : {}),
	};
}

export const deviceSearch: TargetSourceModule = {
	option: {
		name: 'Devices Matching a Search',
		value: 'deviceSearch',
		description:
			'The devices that match filters (e.g. firmware version is not the new one) when the node runs',
	},
	sends: 'deviceIds',
	fields: renamedFilterFields(named),
	/**
	 * One pacer for the run (IoTDA's rate is per account); items with the same search share its result, so
	 * "One Task for All Items" over many items with the same filters searches once.
	 */
	itemDevices(context) {
		const pacer = searchPacer();
		const byQuery = new Map<string, Found>();
		const byItem = new Map<number, Found>();
		const read: DeviceReader = async (itemIndex) => {
			const query = readDeviceQuery.call(context, itemIndex, 'page', named);
			// readDeviceQuery builds its keys in one order, so equal filters give equal text.
			const key = JSON.stringify(query);
			let found = byQuery.get(key);
			if (!found) {
				const resolved = await resolveDevices.call(context, query, {
					itemIndex,
					pacer,
					fields: ['device_id'],
					options: requestOptionsFor.call(context, itemIndex),
				});
				const { sql, foundBy, requests } = resolved;
				const ids = resolved.devices.map((d) => String(d.device_id));
				found = { sql, foundBy, requests, ids, query };
				byQuery.set(key, found);
			}
			byItem.set(itemIndex, found);
			return found.ids;
		};
		read.origin = (items) =>
			originOf([...new Set(items.map((i) => byItem.get(i)).filter((f) => f !== undefined))]);
		return read;
	},
};
