/**
 * IoTDA's device calls, the one place that knows their paths and shapes: ShowDevice, ListDevices (pages),
 * SearchDevices (one page, or a count). Sources: GO services/iotda/v5 ioTDA_meta.go (GenReqDefForShowDevice,
 * GenReqDefForListDevices, GenReqDefForSearchDevices), model_query_device_simplify.go, PY
 * search_devices_response.py; shared/reference/fleet-rollouts.md §5.
 */
import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { iotdaRequest, iotdaRequestPages, type IotdaRequest, type PagedResult } from '../transport';

type Context = IExecuteFunctions | ILoadOptionsFunctions;
/** Timeout, TLS and retry settings of the node's Options (helpers/requestOptions.ts). */
export type RequestOptions = Partial<
	Pick<IotdaRequest, 'timeout' | 'skipSslCertificateValidation' | 'retry' | 'meter'>
>;

/** ShowDevice `GET /devices/{device_id}` → the device (ShowDeviceResponse). */
export async function showDevice(
	this: Context,
	deviceId: string,
	itemIndex: number,
	options: RequestOptions = {},
): Promise<IDataObject> {
	return await iotdaRequest.call(this, {
		method: 'GET',
		path: `/devices/${encodeURIComponent(deviceId)}`,
		action: `Get device ${deviceId}`,
		itemIndex,
		...options,
	});
}

/** ListDevices query filters (GO model_list_devices_request.go); unset ones are left out. */
export interface ListDevicesFilters {
	product_id?: string;
	app_id?: string;
	gateway_id?: string;
	node_id?: string;
	device_name?: string;
}

/**
 * ListDevices `GET /devices`, newest first, followed page by page (≤ 50 a page, by marker) until `max` devices
 * or the end, from the start or below `marker` (a previous result's `nextMarker`).
 */
export async function listDevices(
	this: Context,
	filters: ListDevicesFilters,
	o: { itemIndex: number; max?: number; marker?: string; options?: RequestOptions },
): Promise<PagedResult> {
	const qs = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
	return await iotdaRequestPages.call(this, {
		method: 'GET',
		path: '/devices',
		qs,
		listKey: 'devices',
		recordName: 'devices',
		action: 'List devices',
		itemIndex: o.itemIndex,
		max: o.max,
		marker: o.marker,
		...o.options,
	});
}

/**
 * SearchDevices `POST /search/query-devices` `{sql}` → `{devices: SearchDevice[], count?}`. A read, so safe to
 * send again after a server error; throttling (403 IOTDA.0211xx, 429) is retried by the transport.
 */
export async function searchDevices(
	this: Context,
	sql: string,
	itemIndex: number,
	options: RequestOptions = {},
): Promise<{ devices: IDataObject[]; count?: number }> {
	const body = await iotdaRequest.call(this, {
		method: 'POST',
		path: '/search/query-devices',
		body: { sql },
		action: 'Search devices',
		itemIndex,
		idempotent: true,
		...options,
	});
	return {
		devices: (body.devices as IDataObject[] | undefined) ?? [],
		count: typeof body.count === 'number' ? body.count : undefined,
	};
}
