/**
 * Turns n8n request options into a signed IoTDA request. Pure apart from reading the clock it is given.
 *
 * Idempotent: n8n re-applies `authenticate` to its own output after a 401, so everything is derived
 * from the options again (absolute URL + folded query, string body) and signature headers are replaced.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { IOTDA_DERIVED_SERVICE, usesDerivedSigning, type SigningMode } from './endpoint';
import {
	IotdaCredentialError,
	readCommon,
	requestHeaders,
	requireRegionForDefaultEndpoint,
	resolveTarget,
	shapedOptions,
	text,
	type CommonFields,
} from './request';
import { signRequest } from './signer';

/** The AK/SK credential's fields: the shared ones (request.ts) plus the keys, the project and the signing mode. */
export interface IotdaCredentials extends CommonFields {
	accessKeyId: string;
	secretAccessKey: string;
	securityToken: string;
	projectId: string;
	signingMode: SigningMode;
}

function signingModeOf(raw: ICredentialDataDecryptedObject): SigningMode {
	const mode = text(raw.signingMode);
	return mode === 'basic' || mode === 'derived' ? mode : 'auto';
}

export function readCredentials(raw: ICredentialDataDecryptedObject): IotdaCredentials {
	return {
		...readCommon(raw),
		accessKeyId: text(raw.accessKeyId),
		secretAccessKey: text(raw.secretAccessKey),
		securityToken: text(raw.securityToken),
		projectId: text(raw.projectId),
		signingMode: signingModeOf(raw),
	};
}

/**
 * How a request of this credential is signed, from its non-secret fields only (to explain a 401): derived or
 * basic, and the endpoint. Throws IotdaCredentialError for an endpoint that is no URL.
 */
export function signingOf(raw: ICredentialDataDecryptedObject): {
	derived: boolean;
	endpoint: string;
} {
	const { endpoint } = readCommon(raw);
	return { derived: usesDerivedSigning(signingModeOf(raw), endpoint), endpoint };
}

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
 * the body as sent). The URL, query, project segment, Instance-Id and TLS are shaped as for the IAM Token
 * credential (request.ts); this adds `X-Project-Id`, the content type and the signature. Throws
 * IotdaCredentialError naming the credential field for a missing AK/SK/project/region or a bad endpoint.
 */
export function authenticateRequest(
	raw: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	now: Date,
): IHttpRequestOptions {
	const creds = readCredentials(raw);
	requireFields(creds);
	requireRegionForDefaultEndpoint(creds, options);
	const method = (options.method ?? 'GET').toUpperCase();
	const target = resolveTarget(options, creds, creds.projectId);
	// Huawei SDKs decide on the host actually signed (the request endpoint), not on a configured one.
	const derived = usesDerivedSigning(creds.signingMode, target.url.origin);
	if (derived && !creds.region) {
		throw new IotdaCredentialError(
			'derived signing needs a region: set "Region" (or "Custom Region ID")',
		);
	}
	const wire = wireBody(method, options);
	const headers = requestHeaders(options, creds, ['content-type']);
	headers['X-Project-Id'] = creds.projectId;
	// A built multipart type carries the boundary, so it goes out as given (the signer never signs it).
	if (wire.contentType !== undefined) headers['Content-Type'] = wire.contentType;
	const signed = signRequest(
		{
			method,
			url: target.url.toString(),
			query: target.query,
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
	return shapedOptions(options, creds, {
		url: signed.url,
		headers: signed.headers,
		body: wire.body,
	});
}
