/**
 * Turns n8n request options into a signed IoTDA request. Pure apart from reading the clock it is given.
 *
 * Idempotent: n8n re-applies `authenticate` to its own output after a 401, so everything is derived
 * from the options again (absolute URL + folded query, string body) and signature headers are replaced.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

import {
	IOTDA_DERIVED_SERVICE,
	resolveEndpoint,
	usesDerivedSigning,
	type SigningMode,
} from './endpoint';
import { signRequest, type Query } from './signer';

export interface IotdaCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	securityToken: string;
	projectId: string;
	region: string;
	endpoint: string;
	instanceId: string;
	signingMode: SigningMode;
	ignoreSslIssues: boolean;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function readCredentials(raw: ICredentialDataDecryptedObject): IotdaCredentials {
	const region = text(raw.region) === 'custom' ? text(raw.customRegion) : text(raw.region);
	const mode = text(raw.signingMode);
	return {
		accessKeyId: text(raw.accessKeyId),
		secretAccessKey: text(raw.secretAccessKey),
		securityToken: text(raw.securityToken),
		projectId: text(raw.projectId),
		region,
		endpoint: resolveEndpoint(region, text(raw.endpoint)),
		instanceId: text(raw.instanceId),
		signingMode: mode === 'basic' || mode === 'derived' ? mode : 'auto',
		ignoreSslIssues: raw.ignoreSslIssues === true,
	};
}

export const PROJECT_ID_PLACEHOLDER = '{project_id}';

function isMultipart(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as { getHeaders?: unknown }).getHeaders === 'function'
	);
}

/**
 * A multipart body the node built itself (a Buffer, as nodes may not depend on form-data) is declared by
 * its Content-Type header, which carries the boundary and must therefore be sent as given.
 */
function multipartContentType(
	headers: IHttpRequestOptions['headers'],
	body: unknown,
): string | undefined {
	if (!Buffer.isBuffer(body)) return undefined;
	const entry = Object.entries(headers ?? {}).find(
		([name]) => name.toLowerCase() === 'content-type',
	);
	const value = entry === undefined ? '' : String(entry[1]);
	return /^multipart\/form-data;\s*boundary=/i.test(value) ? value : undefined;
}

function queryFrom(url: URL, qs: IDataObject | undefined): Query {
	const query: Query = {};
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		query[key] = values.length === 1 ? values[0] : values;
	}
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value === undefined || value === null || value === '') continue;
		query[key] = Array.isArray(value) ? value.map(String) : String(value);
	}
	return query;
}

/** A credential or request problem, named by its field. Never carries a credential value. */
export class IotdaCredentialError extends Error {
	constructor(message: string) {
		super(`Huawei Cloud IoTDA credential: ${message}`);
		this.name = 'IotdaCredentialError';
	}
}

function requireFields(creds: IotdaCredentials): void {
	if (!creds.accessKeyId) throw new IotdaCredentialError('"Access Key ID" is empty');
	if (!creds.secretAccessKey) throw new IotdaCredentialError('"Secret Access Key" is empty');
	if (!creds.projectId) throw new IotdaCredentialError('"Project ID" is empty');
}

/** n8n's own request layer (removeEmptyBody / httpRequest) never sends a body with these methods. */
const NO_BODY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isEmptyObject(body: unknown): boolean {
	return (
		typeof body === 'object' &&
		body !== null &&
		!Buffer.isBuffer(body) &&
		Object.keys(body).length === 0
	);
}

function targetUrl(relative: string, base: string): URL {
	const absolute = /^https?:\/\//i.test(relative);
	const invalid = () =>
		new IotdaCredentialError(
			'"Endpoint" is not a valid URL (expected e.g. https://iotda.cn-north-4.myhuaweicloud.com)',
		);
	// Checked before parsing: WHATWG URL would turn "https:" + "/v5/..." into the host "v5".
	if (!/^https?:\/\/[^/?#\s]+/i.test(absolute ? relative : base)) throw invalid();
	const joined = absolute
		? relative
		: base.replace(/\/+$/, '') + (relative.startsWith('/') ? '' : '/') + relative;
	try {
		return new URL(joined);
	} catch {
		throw invalid(); // the URL error would echo its input
	}
}

/** Operation headers to sign and send: the caller's (its content type is decided below), project, instance. */
function operationHeaders(
	options: IHttpRequestOptions,
	creds: IotdaCredentials,
): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		if (name.toLowerCase() !== 'content-type' && value !== undefined) headers[name] = String(value);
	}
	headers['X-Project-Id'] = creds.projectId;
	if (creds.instanceId) headers['Instance-Id'] = creds.instanceId;
	return headers;
}

/** What goes on the wire: the body (JSON serialised once), its content type, and whether it is multipart. */
interface WireBody {
	body: IHttpRequestOptions['body'];
	/** Absent for a form-data body, which sets its own boundary header when n8n sends it. */
	contentType?: string;
	multipart: boolean;
}

/**
 * Sign exactly what goes out: n8n drops GET/HEAD/OPTIONS bodies; the SDK drops an empty DELETE body; a JSON
 * body is serialised here once, so the hashed bytes are the sent bytes (what the Node SDK does before signing, docs/sources.md §1).
 */
function wireBody(method: string, options: IHttpRequestOptions): WireBody {
	let body = options.body;
	if (NO_BODY_METHODS.has(method) || (method === 'DELETE' && isEmptyObject(body))) body = undefined;
	const builtMultipart = multipartContentType(options.headers, body);
	if (builtMultipart !== undefined) return { body, contentType: builtMultipart, multipart: true };
	if (isMultipart(body)) return { body, multipart: true };
	if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body))
		body = JSON.stringify(body);
	return { body, contentType: 'application/json', multipart: false };
}

/**
 * n8n request options → signed request options (absolute URL with the canonical query, signed headers,
 * the body as sent). `{project_id}` in the URL is filled with the credential's project id, encoded once;
 * every other path segment must arrive encoded once (the signer signs the decoded path, encoded once).
 * Throws IotdaCredentialError naming the credential field for a missing AK/SK/project/region or a bad endpoint.
 */
export function authenticateRequest(
	raw: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	now: Date,
): IHttpRequestOptions {
	const creds = readCredentials(raw);
	requireFields(creds);
	const method = (options.method ?? 'GET').toUpperCase();
	const relative = options.url.replace(PROJECT_ID_PLACEHOLDER, encodeURIComponent(creds.projectId));
	const usesDefaultEndpoint =
		!options.baseURL && !text(raw.endpoint) && !/^https?:\/\//i.test(relative);
	if (usesDefaultEndpoint && !creds.region) {
		throw new IotdaCredentialError(
			'"Region" (or "Custom Region ID") is empty and no "Endpoint" is set',
		);
	}
	const target = targetUrl(relative, options.baseURL ?? creds.endpoint);
	const query = queryFrom(target, options.qs);
	target.search = '';
	// Huawei SDKs decide on the host actually signed (the request endpoint), not on a configured one.
	const derived = usesDerivedSigning(creds.signingMode, target.origin);
	if (derived && !creds.region) {
		throw new IotdaCredentialError(
			'derived signing needs a region: set "Region" (or "Custom Region ID")',
		);
	}
	const wire = wireBody(method, options);
	const headers = operationHeaders(options, creds);
	// A built multipart type carries the boundary, so it goes out as given (the signer never signs it).
	if (wire.contentType !== undefined) headers['Content-Type'] = wire.contentType;
	const signed = signRequest(
		{
			method,
			url: target.toString(),
			query,
			headers,
			body: wire.multipart ? undefined : (wire.body as string | Buffer | undefined),
			unsignedPayload: wire.multipart,
		},
		creds,
		{
			now,
			derived: derived ? { region: creds.region, service: IOTDA_DERIVED_SERVICE } : undefined,
		},
	);
	return {
		...options,
		baseURL: undefined,
		url: signed.url,
		qs: undefined,
		body: wire.body,
		headers: signed.headers,
		skipSslCertificateValidation: options.skipSslCertificateValidation ?? creds.ignoreSslIssues,
	};
}
