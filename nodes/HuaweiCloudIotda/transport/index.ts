/**
 * The one place HTTP happens. Every request goes through n8n's `httpRequestWithAuthentication` with our
 * credential, whose `authenticate` signs it (so n8n's proxy and TLS settings apply).
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { signingOf } from '../../../credentials/common/authenticate';
import { CREDENTIAL_TYPES } from '../../../credentials/common/types';

import { append } from '../helpers/arrays';
import { cancelSignalOf, now, pause } from '../helpers/clock';
import { LIMITS } from '../helpers/apiRules';
import { credentialError, rememberedRefusal } from './credentialErrors';
import { iotdaApiError, type SigningFacts } from './errors';
import { multipartBody, type MultipartFile } from './multipart';
import {
	classifyNetworkError,
	classifyStatus,
	DEFAULT_RETRY,
	mayRetry,
	networkErrorCode,
	parseRetryAfter,
	retryDelay,
	type RetrySettings,
} from './retryPolicy';

export const { accessKey: CREDENTIAL_TYPE, iamToken: TOKEN_CREDENTIAL_TYPE } = CREDENTIAL_TYPES;

/**
 * Every n8n context that sends IoTDA requests: the action node's execute and load-options contexts and the
 * trigger's hook, poll and webhook contexts. The transport uses only what they all have with the same
 * signatures — `helpers.httpRequestWithAuthentication`, `getNode`, `getCredentials`, `getNodeParameter` — so
 * no caller casts its context.
 */
export type Context =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions
	| IWebhookFunctions;

/** The request's settings of one item (Options → Timeout, Ignore SSL Issues, retries) and the item's index. */
export type RequestSettings = Pick<
	IotdaRequest,
	'itemIndex' | 'timeout' | 'skipSslCertificateValidation' | 'retry'
>;

/** The URL path of an IoTDA API path: `/v5/iot/{project_id}` + `path`; the credential fills in the project. */
export function apiUrl(path: string): string {
	return `/v5/iot/{project_id}${path}`;
}

export interface IotdaRequest {
	method: IHttpRequestMethods;
	/** Path below /v5/iot/{project_id}, e.g. `/apps` (apiUrl). */
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
	/** Safe to send again after a server error or a broken connection. Default: GET and DELETE. */
	idempotent?: boolean;
	/** For a request that is not safe to repeat and whose outcome is unknown: finds what it did. */
	recover?: () => Promise<IDataObject | undefined>;
	/**
	 * For a request safe to repeat that was sent again after an attempt whose answer was lost (HTTP 500/502/504,
	 * a reset or timed-out connection: IoTDA may have carried it out): reads the later attempt's answer, of any
	 * status, and returns the result to use instead, or undefined to keep the answer. A resent Stop refused
	 * because the first one already stopped the task is the first one's success, not a failure (issue #29
	 * item 4). Default for DELETE: a 404 means the earlier attempt deleted it.
	 */
	afterLostAnswer?: (answer: LostAnswerReply) => Promise<IDataObject | undefined>;
	retry?: RetrySettings;
	/** Counts this request's attempts and keeps the server's clock (RequestMeter); a rollout step reports both. */
	meter?: RequestMeter;
}

/**
 * What a caller learns from every attempt it sends: how many were sent, and the time of the last answer by
 * the server's own clock (the HTTP `Date` header, RFC 9110 §6.6.1: an origin server with a clock sends it),
 * in epoch ms with whole seconds. A rollout judges IoTDA's task times by it, not by the n8n host's clock.
 */
export interface RequestMeter {
	requests: number;
	serverTime?: number;
}

function metered(meter: RequestMeter | undefined, attempt: Attempt): void {
	if (!meter) return;
	meter.requests++;
	const date = Date.parse(headerValue(attempt.response?.headers ?? {}, 'date') ?? '');
	if (Number.isFinite(date)) meter.serverTime = date;
}

/** The answer to a request sent again after an attempt whose answer was lost. */
export interface LostAnswerReply {
	statusCode: number;
	body: IDataObject;
}

/** DELETE's reading of a resent request: nothing left to delete means the earlier attempt deleted it. */
async function deletedEarlier({ statusCode }: LostAnswerReply): Promise<IDataObject | undefined> {
	return statusCode === 404 ? { deleted_by_earlier_attempt: true } : undefined;
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

/**
 * The credential the node's Authentication parameter selects; AK/SK when unset (workflows saved before it
 * existed). Reads that one parameter: `getNode()` deep-copies every parameter on each call — 200,000 typed-in
 * device IDs made each request of a Stop cost milliseconds, quadratic over the whole run.
 */
export function credentialTypeOf(this: Context): string {
	const authentication =
		'getInputData' in this
			? this.getNodeParameter('authentication', 0, 'accessKey')
			: this.getNodeParameter('authentication', 'accessKey');
	return authentication === 'iamToken' ? TOKEN_CREDENTIAL_TYPE : CREDENTIAL_TYPE;
}

function httpOptions(request: IotdaRequest, credentialType: string): IHttpRequestOptions {
	const multipart = request.file ? multipartBody(request.file) : undefined;
	return {
		method: request.method,
		url: apiUrl(request.path),
		qs: request.qs,
		body: multipart ? multipart.body : request.body,
		headers: multipart ? { 'Content-Type': multipart.contentType } : undefined,
		json: true,
		returnFullResponse: true,
		// With a token a 401 must reach n8n-core as an error: that makes it fetch a new token and resend once.
		ignoreHttpStatusErrors:
			credentialType === TOKEN_CREDENTIAL_TYPE ? { ignore: true, except: [401] } : true,
		timeout: request.timeout,
		skipSslCertificateValidation: request.skipSslCertificateValidation,
	};
}

/** One attempt: the response (any status), or the transport failure (refused, reset, timeout). */
interface Attempt {
	response?: IN8nHttpFullResponse;
	networkError?: unknown;
	body: IDataObject;
	/** The status came as n8n-core's error (not ignored), so n8n already had its chance to refresh a token. */
	thrown?: boolean;
}

type ErrorChain = {
	cause?: ErrorChain;
	response?: { status?: unknown; headers?: IDataObject; data?: unknown };
};

/**
 * A status error n8n-core threw: with a token, a 401 that a new token did not cure. The HTTP client's error
 * (`response.status/headers/data`) is the cause of n8n's NodeApiError; n8n-core 1.x wraps the error of its
 * retry after a refresh twice (NodeApiError → NodeApiError → client error), so a few causes are followed.
 */
function thrownResponse(error: unknown): IN8nHttpFullResponse | undefined {
	let link = (error as ErrorChain | undefined)?.cause;
	for (let depth = 0; link && depth < 3; depth++, link = link.cause) {
		const response = link.response;
		if (typeof response?.status === 'number') {
			return {
				statusCode: response.status,
				headers: response.headers ?? {},
				body: (response.data ?? {}) as IDataObject,
			};
		}
	}
	return undefined;
}

/**
 * The status of a status error whose client error n8n-core did not keep: n8n-workflow 1.x's NodeApiError drops
 * its `cause` (a class field shadows Error's) but keeps `httpCode`. Headers and body are lost with it.
 */
function thrownStatus(error: unknown): IN8nHttpFullResponse | undefined {
	const code = Number((error as { httpCode?: unknown } | undefined)?.httpCode);
	return Number.isInteger(code) && code >= 400 && code < 600
		? { statusCode: code, headers: {}, body: {} }
		: undefined;
}

async function sendOnce(
	this: Context,
	options: IHttpRequestOptions,
	credentialType: string,
	itemIndex?: number,
): Promise<Attempt> {
	const remembered = rememberedRefusal.call(this, credentialType, itemIndex);
	if (remembered) throw remembered;
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			credentialType,
			options,
		)) as IN8nHttpFullResponse;
		return { response, body: parseBody(response.body) };
	} catch (error) {
		const refused = credentialError.call(this, error, credentialType, itemIndex);
		if (refused) throw refused;
		// Otherwise transport failures (refused, reset, timeout) and a token's uncured 401.
		const response = thrownResponse(error) ?? thrownStatus(error);
		return response
			? { response, body: parseBody(response.body), thrown: true }
			: { networkError: error, body: {} };
	}
}

/**
 * One request. With the IAM token credential, a 401 that came back as a response means the host ignored
 * `except: [401]` (n8n-core before 2.x only knows `ignoreHttpStatusErrors: true | false` and treats the object
 * as true), so n8n never refreshed the token: the request is sent once more with status errors not ignored,
 * which makes n8n-core 1.x see the 401, fetch a new token through the credential's `preAuthentication`, store
 * it with the credential and resend once (request-helper-functions.js, httpRequestWithAuthentication). n8n 2.x
 * throws that 401 itself (`thrown`), so it never gets here. The gateway refuses a 401 before IoTDA acts on the
 * request, so resending even a Create does nothing twice.
 */
async function send(
	this: Context,
	options: IHttpRequestOptions,
	credentialType: string,
	itemIndex?: number,
): Promise<Attempt> {
	const attempt = await sendOnce.call(this, options, credentialType, itemIndex);
	if (
		credentialType !== TOKEN_CREDENTIAL_TYPE ||
		attempt.response?.statusCode !== 401 ||
		attempt.thrown
	)
		return attempt;
	const again = await sendOnce.call(
		this,
		{ ...options, ignoreHttpStatusErrors: false },
		credentialType,
		itemIndex,
	);
	// A 401 that the new token did not cure comes back from n8n-core 1.x without its body: IoTDA's error code and
	// message are those of the 401 just received.
	if (again.response?.statusCode === 401 && Object.keys(again.body).length === 0)
		return { ...attempt, thrown: true };
	return again;
}

/** Where a failed attempt leads: another attempt, the result a recovery found, or an error. */
type NextStep = { retry: true; answerLost: boolean } | { retry: false; recovered?: IDataObject };

async function nextStep(
	this: Context,
	request: IotdaRequest,
	attempt: Attempt,
	count: { attempt: number; started: number; safeToRepeat: boolean },
): Promise<NextStep> {
	const { response, networkError } = attempt;
	// n8n aborts the request in flight when the execution is stopped (axios "canceled"): not a network fault.
	if (!response && cancelSignalOf(this)?.aborted)
		throw cancelled.call(
			this,
			request,
			'while the request was in flight',
			count.safeToRepeat ? 'Nothing more was sent. The request is safe to repeat.' : MAY_HAVE_RUN,
		);
	const kind = response
		? classifyStatus(response.statusCode, attempt.body.error_code)
		: classifyNetworkError(networkError);
	if (mayRetry(kind, count.safeToRepeat)) {
		const retryAfter = response
			? parseRetryAfter(headerValue(response.headers, 'retry-after'), Date.now())
			: undefined;
		const delay = retryDelay(
			request.retry ?? DEFAULT_RETRY,
			count.attempt,
			now() - count.started,
			retryAfter,
			Math.random,
		);
		if (delay === undefined) return { retry: false };
		if (await pause(delay, cancelSignalOf(this)))
			return { retry: true, answerLost: kind === 'serverError' || kind === 'ambiguousNetwork' };
		throw new NodeOperationError(
			this.getNode(),
			`${request.action} cancelled: the execution was stopped while waiting to retry`,
			{
				itemIndex: request.itemIndex,
			},
		);
	}
	if ((kind === 'serverError' || kind === 'ambiguousNetwork') && request.recover) {
		// The request may have been carried out: find what it did instead of doing it twice.
		const after = response
			? `HTTP ${response.statusCode}`
			: (networkErrorCode(networkError) ?? 'no response');
		const found = await recoverOrExplain.call(this, request, after);
		if (found) return { retry: false, recovered: { ...found, recovered_after: after } };
	}
	return { retry: false };
}

const MAY_HAVE_RUN =
	'IoTDA may have carried it out. It was not sent again. Check before re-running (a Create: re-run with "If a Task With This Name Exists" → "Return Existing Task").';

/**
 * The error for a request of an execution that was stopped: `when` it happened ("while the request was in
 * flight", "before the request was sent") and what the user should know about it (`description`). Nothing more
 * is sent after it: no retry, no lookup of what a Create did.
 */
function cancelled(this: Context, request: IotdaRequest, when: string, description: string) {
	return new NodeOperationError(
		this.getNode(),
		`${request.action} cancelled: the execution was stopped ${when}`,
		{ itemIndex: request.itemIndex, description },
	);
}

/**
 * Runs `request.recover` (the lookup of what a request with an unknown outcome did, e.g. a create answered with
 * HTTP 500). When the lookup cannot tell — it fails, or the execution is stopped while it runs — the error
 * names the original request (`after`: what it ended with, e.g. `HTTP 500`, `ECONNRESET`) and says that IoTDA
 * may have carried it out, with the lookup's own message: a NodeOperationError for `request.itemIndex`.
 */
async function recoverOrExplain(
	this: Context,
	request: IotdaRequest,
	after: string,
): Promise<IDataObject | undefined> {
	try {
		return await request.recover!();
	} catch (error) {
		const cancelled = cancelSignalOf(this)?.aborted === true;
		const lookup = error as { message?: string; description?: string | null };
		const explained = new NodeOperationError(this.getNode(), `${request.action} failed`, {
			itemIndex: request.itemIndex,
			description:
				cancelled || !lookup.description ? MAY_HAVE_RUN : `${MAY_HAVE_RUN} ${lookup.description}`,
		});
		// Set after construction: n8n swaps a message naming ECONNRESET & co. for its generic sentence.
		explained.message = cancelled
			? `${request.action} cancelled: the execution was stopped while looking up whether IoTDA carried it out (it ended with ${after})`
			: `${request.action} ended with ${after}, and looking up whether IoTDA carried it out failed: ${lookup.message ?? String(error)}`;
		throw explained;
	}
}

/** The n8n error for a request that failed for good, naming the action and how often it was tried. */
async function failure(
	this: Context,
	request: IotdaRequest,
	attempt: Attempt,
	count: { attempt: number; safeToRepeat: boolean },
) {
	const { response, networkError, body } = attempt;
	const attempts = count.attempt > 1 ? ` (after ${count.attempt} attempts)` : '';
	if (response) {
		return iotdaApiError(
			this.getNode(),
			{
				statusCode: response.statusCode,
				errorCode: typeof body.error_code === 'string' ? body.error_code : undefined,
				errorMsg: typeof body.error_msg === 'string' ? `${body.error_msg}${attempts}` : undefined,
				requestId: headerValue(response.headers, 'x-request-id'),
			},
			{
				itemIndex: request.itemIndex,
				action: request.action,
				signing: await signingHint.call(this, response.statusCode),
			},
		);
	}
	const reason =
		networkErrorCode(networkError) ?? (networkError as Error)?.message ?? 'no response';
	const unsure = classifyNetworkError(networkError) === 'ambiguousNetwork' && !count.safeToRepeat;
	// n8n swaps a message naming ECONNRESET & co. for its generic sentence, losing which request failed;
	// a message mapping from the bare code to the full message is the documented way to keep it.
	return new NodeApiError(this.getNode(), { message: reason } as JsonObject, {
		message: reason,
		messageMapping: { [reason]: `${request.action} failed: ${reason}${attempts}` },
		description: unsure
			? `The connection broke after the request was sent, so ${MAY_HAVE_RUN}`
			: 'IoTDA could not be reached or did not answer. Check the endpoint, the network and the timeout.',
		itemIndex: request.itemIndex,
	});
}

/**
 * Sends one IoTDA request through n8n's request helper and returns the parsed JSON body. Throttling and,
 * for requests safe to repeat, server errors and broken connections are retried (transport/retryPolicy.ts);
 * a request not safe to repeat whose outcome is unknown is looked up with `recover` instead. Throws a
 * NodeApiError naming `action`; a retry back-off ends at once when the execution is cancelled.
 */
export async function iotdaRequest(this: Context, request: IotdaRequest): Promise<IDataObject> {
	const credentialType = credentialTypeOf.call(this);
	const options = httpOptions(request, credentialType);
	const safeToRepeat =
		request.idempotent ?? (request.method === 'GET' || request.method === 'DELETE');
	const started = now();
	// Stopped already (e.g. the next item after a Stop, under Continue On Fail): nothing is sent, and the error
	// says so, not that the request may have been carried out.
	if (cancelSignalOf(this)?.aborted)
		throw cancelled.call(
			this,
			request,
			'before the request was sent',
			'Nothing was sent to IoTDA.',
		);
	const afterLostAnswer =
		request.afterLostAnswer ?? (request.method === 'DELETE' ? deletedEarlier : undefined);
	let answerLost = false;
	for (let count = 1; ; count++) {
		const attempt = await send.call(this, options, credentialType, request.itemIndex);
		metered(request.meter, attempt);
		const status = attempt.response?.statusCode;
		if (status !== undefined && answerLost && afterLostAnswer) {
			const reading = await afterLostAnswer({ statusCode: status, body: attempt.body });
			if (reading) return reading;
		}
		if (status !== undefined && status < 400) return attempt.body;
		const next = await nextStep.call(this, request, attempt, {
			attempt: count,
			started,
			safeToRepeat,
		});
		if (next.retry) {
			answerLost ||= next.answerLost;
			continue;
		}
		if (next.recovered) return next.recovered;
		throw await failure.call(this, request, attempt, { attempt: count, safeToRepeat });
	}
}

/** For a 401, whether basic signing went to an instance address (which needs derived signing). */
async function signingHint(this: Context, statusCode: number): Promise<SigningFacts | undefined> {
	if (statusCode !== 401) return undefined;
	try {
		if (credentialTypeOf.call(this) === TOKEN_CREDENTIAL_TYPE)
			return { derived: false, endpoint: '', iamToken: true };
		return signingOf(await this.getCredentials(CREDENTIAL_TYPE));
	} catch {
		return undefined;
	}
}

export interface PagedRequest extends IotdaRequest {
	/** Key of the records in each page, e.g. `batchtasks`, `task_details`, `rules`. */
	listKey: string;
	/** What the records are called in an error, e.g. "sub-tasks" (default: listKey). */
	recordName?: string;
	/** Stop after this many records (default: all). */
	max?: number;
	/** Continue below this marker (from a previous `nextMarker`), e.g. for a dropdown's next page. */
	marker?: string;
	/**
	 * Stop after the page for which this returns true: `records` is everything read so far, `latest` the
	 * page just read (e.g. "the task named X is among them", "every task seen last time is seen again").
	 */
	until?: (records: IDataObject[], latest: IDataObject[]) => boolean;
}

export interface PagedResult {
	records: IDataObject[];
	/** The first response, for responses that carry more than the list (ShowBatchTask's `batchtask`). */
	firstPage: IDataObject;
	/** Where the next records start when `max` or `until` cut the list short; undefined when it is exhausted. */
	nextMarker?: string;
}

/** Where the next page starts: below `marker`, skipping `offset` records (0 = marker paging proper). */
interface Cursor {
	marker?: string;
	offset: number;
}

/**
 * Where a page keeps its `count` (total matching records) and `marker` (where the next page starts): the
 * batch-task lists in a `page` object (Page model, GO model_page.go), ListRoutingRules and ListRuleActions at
 * the top level (GO model_list_routing_rules_response.go, model_list_rule_actions_response.go).
 */
function pageInfo(page: IDataObject): { count?: number; marker?: unknown } {
	const info =
		typeof page.page === 'object' && page.page !== null ? (page.page as IDataObject) : page;
	return { count: typeof info.count === 'number' ? info.count : undefined, marker: info.marker };
}

/**
 * The cursor after a full page. A page's own marker is followed; a page without a usable one (missing, or the
 * one just sent) falls back to `offset` below the last usable marker, as far as the API allows (every list's
 * `offset` 0–500, e.g. GO model_show_batch_task_request.go); undefined when the list is complete by its
 * `count` (docs/sources.md row 4). Throws when neither reaches on.
 */
function nextCursor(
	this: Context,
	request: PagedRequest,
	page: IDataObject,
	cursor: Cursor,
	read: { total: number; sinceMarker: number },
): Cursor | undefined {
	const { count, marker: next } = pageInfo(page);
	// count is the total matching records, so it settles completeness only for a walk from the start.
	if (count !== undefined && request.marker === undefined && read.total >= count) return undefined;
	if (typeof next === 'string' && next !== '' && next !== cursor.marker)
		return { marker: next, offset: 0 };
	if (read.sinceMarker <= LIMITS.pageOffsetMax)
		return { marker: cursor.marker, offset: read.sinceMarker };
	const name = request.recordName ?? request.listKey;
	const of = count !== undefined && request.marker === undefined ? ` of ${count}` : '';
	throw new NodeOperationError(
		this.getNode(),
		`${request.action}: read only ${read.total}${of} ${name}, then IoTDA stopped giving a page marker`,
		{
			itemIndex: request.itemIndex,
			description: `Without a marker the list can be read at most ${LIMITS.pageOffsetMax} records past the last marker (offset 0–${LIMITS.pageOffsetMax}). The records read are not output as if they were all; narrow the request with a filter (e.g. a status) to read the rest.`,
		},
	);
}

/**
 * Where a caller continues after `max` or `until` cut a list short (e.g. a dropdown's next page): the page's
 * own marker when usable (present, not the one `sent`), undefined when there is none or the walk from the
 * start already read `count` records.
 */
function nextMarkerOf(
	request: PagedRequest,
	page: IDataObject,
	sent: string | undefined,
	total: number,
): string | undefined {
	const { count, marker: next } = pageInfo(page);
	if (count !== undefined && request.marker === undefined && total >= count) return undefined;
	return typeof next === 'string' && next !== '' && next !== sent ? next : undefined;
}

/**
 * Follows IoTDA's marker paging (newest first; the next page starts below the last id seen) until the list
 * is exhausted, `max` records were collected or `until` says so; falls back to offset when a full page has no
 * marker, and never returns a list cut short without saying so (nextCursor). One pager serves every list:
 * pages of LIMITS.pageSizeMax, the marker wherever the list keeps it (pageInfo).
 */
export async function iotdaRequestPages(
	this: Context,
	request: PagedRequest,
): Promise<PagedResult> {
	const records: IDataObject[] = [];
	const max = request.max ?? Infinity;
	let firstPage: IDataObject | undefined;
	let cursor: Cursor | undefined = { marker: request.marker, offset: 0 };
	let readAtMarker = 0;
	while (cursor) {
		const limit = Math.max(1, Math.min(LIMITS.pageSizeMax, max - records.length));
		const { marker, offset }: Cursor = cursor;
		const page: IDataObject = await iotdaRequest.call(this, {
			...request,
			qs: { ...request.qs, limit, ...(marker ? { marker } : {}), ...(offset ? { offset } : {}) },
		});
		firstPage ??= page;
		const batch = (page[request.listKey] as IDataObject[] | undefined) ?? [];
		append(records, batch);
		// A short page is the end of the list.
		if (batch.length < limit) break;
		// Enough read: a list that cannot be read on (no marker past the offset bound) does not matter any more.
		if (records.length >= max || request.until?.(records, batch))
			return {
				records,
				firstPage,
				nextMarker: nextMarkerOf(request, page, marker, records.length),
			};
		cursor = nextCursor.call(this, request, page, cursor, {
			total: records.length,
			sinceMarker: records.length - readAtMarker,
		});
		if (cursor && cursor.offset === 0) readAtMarker = records.length;
	}
	return { records, firstPage: firstPage ?? {} };
}

/** Every record of a list (iotdaRequestPages without the first page and the next marker). */
export async function iotdaRequestAllPages(
	this: Context,
	request: PagedRequest,
): Promise<IDataObject[]> {
	return (await iotdaRequestPages.call(this, request)).records;
}
