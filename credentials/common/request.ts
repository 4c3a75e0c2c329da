/**
 * How both credentials shape a request for IoTDA, whatever then authenticates it (the AK/SK signature,
 * authenticate.ts, or the IAM token, iamToken.ts): the region (or custom region), the endpoint and the one rule
 * for joining it with a path, the `Instance-Id` header, TLS, the query folded from `qs`, and the project segment.
 * Pure: no I/O, no n8n runtime imports. Every error is an IotdaCredentialError naming the field, never its value.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

import type { Query } from './signer';

/** A credential field as typed, trimmed; '' for anything that is not a string. */
export const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** A credential or request problem, named by its field. Never carries a credential value. */
export class IotdaCredentialError extends Error {
	constructor(message: string) {
		super(`Huawei Cloud IoTDA credential: ${message}`);
		this.name = 'IotdaCredentialError';
	}
}

/** The fields both credential types share (credentials/common/fields.ts), read once. */
export interface CommonFields {
	/** "Region", or "Custom Region ID" when Region is `custom`; '' when neither is set. */
	region: string;
	/** "Endpoint" as typed (trimmed); '' means the region's public IoTDA endpoint. */
	endpointField: string;
	/** The IoTDA base URL requests are joined to (resolveEndpoint). */
	endpoint: string;
	instanceId: string;
	ignoreSslIssues: boolean;
}

/** Reads the shared fields of either credential type. */
export function readCommon(raw: ICredentialDataDecryptedObject): CommonFields {
	const region = text(raw.region) === 'custom' ? text(raw.customRegion) : text(raw.region);
	const endpointField = text(raw.endpoint);
	return {
		region,
		endpointField,
		endpoint: resolveEndpoint(endpointField || `https://iotda.${region}.myhuaweicloud.com`),
		instanceId: text(raw.instanceId),
		ignoreSslIssues: raw.ignoreSslIssues === true,
	};
}

/**
 * An endpoint as typed → a base URL: `https://` when it has no scheme (Huawei's public endpoints are HTTPS,
 * e.g. `https://iotda.cn-north-4.myhuaweicloud.com` in Node `services/iotda/v5/IoTDARegion.ts`), trailing slashes
 * removed. Another scheme is kept, so the URL rule (targetUrl) refuses it instead of making it a host.
 */
export function resolveEndpoint(endpoint: string): string {
	const chosen = endpoint.trim();
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(chosen) ? chosen : `https://${chosen}`;
	return withScheme.replace(/\/+$/, '');
}

const ABSOLUTE = /^https?:\/\//i;

/**
 * An endpoint is `http(s)://host[:port][/path prefix]`: Huawei's SDK appends the API path to it as a string
 * (Node core `HcClient.ts` buildRequest: `url = this.endpoint + options.url`), so a query or fragment in it
 * would swallow the path, user info would travel in the URL, and whitespace is never part of an address.
 */
const ENDPOINT = /^https?:\/\/[^/?#@\s]+(?:\/[^?#\s]*)?$/i;
/** A request's own absolute URL: the same, with its query allowed. */
const REQUEST_URL = /^https?:\/\/[^/?#@\s]+(?:[/?][^#\s]*)?$/i;

/**
 * THE endpoint-URL rule of both credentials: `path` joined to `base` (an absolute `path` is taken as it is),
 * checked by pattern and parsed. Throws IotdaCredentialError naming `field` (never echoing the value, which a URL
 * error would do) when the result is not such a URL or does not parse (a port over 65535, a broken host).
 */
export function targetUrl(path: string, base: string, field = 'Endpoint'): URL {
	const absolute = ABSOLUTE.test(path);
	const invalid = () =>
		new IotdaCredentialError(
			`"${field}" is not a valid URL (expected e.g. https://iotda.cn-north-4.myhuaweicloud.com)`,
		);
	if (absolute ? !REQUEST_URL.test(path) : !ENDPOINT.test(base)) throw invalid();
	const joined = absolute
		? path
		: base.replace(/\/+$/, '') + (path.startsWith('/') ? '' : '/') + path;
	try {
		return new URL(joined);
	} catch {
		throw invalid();
	}
}

/**
 * The default IoTDA address needs the region: named before anything is sent when neither "Endpoint", the
 * request's `baseURL` nor an absolute URL gives the host.
 */
export function requireRegionForDefaultEndpoint(
	common: CommonFields,
	options: IHttpRequestOptions,
): void {
	if (common.region || options.baseURL || common.endpointField || ABSOLUTE.test(options.url))
		return;
	throw new IotdaCredentialError(
		'"Region" (or "Custom Region ID") is empty and no "Endpoint" is set',
	);
}

/** What the node writes where the project id goes: `/v5/iot/{project_id}/…` (transport/index.ts). */
export const PROJECT_ID_PLACEHOLDER = '{project_id}';

/** IoTDA paths are `/v5/iot/{project_id}/…` (GO `ioTDA_meta.go`): this segment is (re)set on every application. */
const PROJECT_SEGMENT = /\/v5\/iot\/[^/?#]+/;

/**
 * The query of a request: the URL's own parameters, then `qs` (empty values dropped, arrays as repeated keys,
 * a key of `qs` replacing the URL's). The URL keeps no query afterwards.
 */
function foldQuery(url: URL, qs: IDataObject | undefined): Query {
	const query: Query = {};
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value === undefined || value === null || value === '') continue;
		query[key] = Array.isArray(value) ? value.map(String) : String(value);
	}
	url.search = '';
	return query;
}

/** Where a request goes: the absolute URL (no query) and its query, kept apart because AK/SK signs the query. */
export interface Target {
	url: URL;
	query: Query;
}

/**
 * The target of a request for either credential: the project segment set to `projectId` (encoded once; every
 * other segment must arrive encoded once), joined to `options.baseURL` or the credential's endpoint by the one
 * URL rule, the query folded. Idempotent on its own output, as n8n may apply `authenticate` twice.
 */
export function resolveTarget(
	options: IHttpRequestOptions,
	common: CommonFields,
	projectId: string,
): Target {
	const path = options.url.replace(PROJECT_SEGMENT, `/v5/iot/${encodeURIComponent(projectId)}`);
	const url = targetUrl(path, options.baseURL ?? common.endpoint);
	return { url, query: foldQuery(url, options.qs) };
}

/** `target` as one URL string: the query written back with repeated keys for arrays. */
export function urlWithQuery(target: Target): string {
	const url = new URL(target.url.toString());
	for (const [key, value] of Object.entries(target.query)) {
		for (const one of Array.isArray(value) ? value : [value]) {
			if (one !== undefined) url.searchParams.append(key, String(one));
		}
	}
	return url.toString();
}

/**
 * The caller's headers minus those named in `drop` (lower case), values as strings, plus `Instance-Id` when the
 * credential has one (the header every IoTDA operation of Huawei's SDK meta carries, GO `ioTDA_meta.go`).
 */
export function requestHeaders(
	options: IHttpRequestOptions,
	common: CommonFields,
	drop: readonly string[],
): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		const lower = name.toLowerCase();
		if (value !== undefined && lower !== 'instance-id' && !drop.includes(lower))
			headers[name] = String(value);
	}
	if (common.instanceId) headers['Instance-Id'] = common.instanceId;
	return headers;
}

/**
 * The options n8n sends: everything the caller set, with the shaped URL (no `baseURL`, no `qs`), headers and
 * body, and TLS checking as the request asks or else as the credential's "Ignore SSL Issues" says.
 */
export function shapedOptions(
	options: IHttpRequestOptions,
	common: CommonFields,
	shaped: Pick<IHttpRequestOptions, 'url' | 'headers' | 'body'>,
): IHttpRequestOptions {
	return {
		...options,
		...shaped,
		baseURL: undefined,
		qs: undefined,
		skipSslCertificateValidation: options.skipSslCertificateValidation ?? common.ignoreSslIssues,
	};
}
