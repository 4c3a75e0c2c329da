/**
 * The one place HTTP happens. Every request goes through n8n's `httpRequestWithAuthentication` with our
 * credential, whose `authenticate` signs it (so n8n's proxy and TLS settings apply).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { LIMITS } from '../helpers/taskTypes';
import { iotdaApiError } from './errors';
import { multipartBody, type MultipartFile } from './multipart';

export const CREDENTIAL_TYPE = 'huaweiCloudIotdaApi';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export interface IotdaRequest {
	method: IHttpRequestMethods;
	/** Path below /v5/iot/{project_id}, e.g. `/batchtasks`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | Buffer | object;
	/** Sends this file as multipart/form-data instead of `body`. */
	file?: MultipartFile;
	/** Describes the call in error messages, e.g. "Create batch task". */
	action: string;
	itemIndex?: number;
	timeout?: number;
	skipSslCertificateValidation?: boolean;
}

export function encodePathSegment(value: string): string {
	return encodeURIComponent(value);
}

function headerValue(headers: IN8nHttpFullResponse['headers'], name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

function parseBody(body: unknown): IDataObject {
	if (body === undefined || body === null || body === '') return {};
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			return { raw: body.slice(0, 200) };
		}
	}
	if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	return body as IDataObject;
}

export async function iotdaRequest(this: Context, request: IotdaRequest): Promise<IDataObject> {
	const multipart = request.file ? multipartBody(request.file) : undefined;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `/v5/iot/{project_id}${request.path}`,
		qs: request.qs,
		body: multipart ? multipart.body : request.body,
		headers: multipart ? { 'Content-Type': multipart.contentType } : undefined,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeout,
		skipSslCertificateValidation: request.skipSslCertificateValidation,
	};
	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		// Only transport failures land here (status errors are returned): reset, refused, timeout.
		const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
		throw new NodeApiError(this.getNode(), { message: reason } as JsonObject, {
			message: `${request.action} failed: ${reason}`,
			description: 'IoTDA could not be reached or did not answer. Check the endpoint, the network and the timeout.',
			itemIndex: request.itemIndex,
		});
	}
	const body = parseBody(response.body);
	if (response.statusCode >= 400) {
		throw iotdaApiError(
			this.getNode(),
			{
				statusCode: response.statusCode,
				errorCode: typeof body.error_code === 'string' ? body.error_code : undefined,
				errorMsg: typeof body.error_msg === 'string' ? body.error_msg : undefined,
				requestId: headerValue(response.headers, 'x-request-id'),
			},
			{ itemIndex: request.itemIndex, action: request.action },
		);
	}
	return body;
}

export interface PagedRequest extends IotdaRequest {
	/** Key of the records in each page, e.g. `batchtasks`, `task_details`. */
	listKey: string;
	/** Stop after this many records (default: all). */
	max?: number;
	/** Continue below this marker (from a previous `nextMarker`), e.g. for a dropdown's next page. */
	marker?: string;
}

export interface PagedResult {
	records: IDataObject[];
	/** The first response, for responses that carry more than the list (ShowBatchTask's `batchtask`). */
	firstPage: IDataObject;
	/** Where the next records start when `max` cut the list short; undefined when the list is exhausted. */
	nextMarker?: string;
}

/**
 * Follows IoTDA's marker paging (newest first; the next page starts below the last id seen) until the
 * list is exhausted or `max` records were collected. One helper serves every list.
 */
export async function iotdaRequestPages(this: Context, request: PagedRequest): Promise<PagedResult> {
	const records: IDataObject[] = [];
	const max = request.max ?? Infinity;
	let firstPage: IDataObject | undefined;
	let marker = request.marker;
	for (;;) {
		const limit = Math.max(1, Math.min(LIMITS.pageSizeMax, max - records.length));
		const page = await iotdaRequest.call(this, {
			...request,
			qs: { ...request.qs, limit, ...(marker ? { marker } : {}) },
		});
		firstPage ??= page;
		const batch = (page[request.listKey] as IDataObject[] | undefined) ?? [];
		records.push(...batch);
		const next = (page.page as IDataObject | undefined)?.marker;
		// A short page, a missing marker or one that does not move on all mean: nothing more to fetch.
		if (batch.length < limit || typeof next !== 'string' || next === marker) {
			return { records, firstPage };
		}
		if (records.length >= max) return { records, firstPage, nextMarker: next };
		marker = next;
	}
}

export async function iotdaRequestAllPages(this: Context, request: PagedRequest): Promise<IDataObject[]> {
	return (await iotdaRequestPages.call(this, request)).records;
}
