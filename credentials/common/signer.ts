/**
 * Huawei Cloud API request signer (SDK-HMAC-SHA256 and V11-HMAC-SHA256), as Huawei's SDKs sign.
 *
 * Pure: no n8n imports, no I/O, the clock is an input. It returns the exact URL (query folded in, in
 * canonical order) and the headers to send, so the bytes on the wire are the bytes that were signed.
 */
import { createHash, createHmac, hkdfSync } from 'crypto';

export const BASIC_ALGORITHM = 'SDK-HMAC-SHA256';
export const DERIVED_ALGORITHM = 'V11-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export type QueryValue = string | number | boolean;
export type Query = Record<string, QueryValue | QueryValue[] | undefined>;

export interface SignerCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	securityToken?: string;
}

export interface RequestToSign {
	method: string;
	/** Absolute URL without query; the path exactly as it goes on the wire (already percent-encoded). */
	url: string;
	query?: Query;
	/** Headers that are signed and sent (e.g. content-type, X-Project-Id, Instance-Id). */
	headers?: Record<string, string>;
	/** The exact body that will be sent; hashed unless the payload is unsigned. */
	body?: string | Buffer;
	/** Multipart bodies are not hashed: `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` is signed instead. */
	unsignedPayload?: boolean;
}

export interface SignOptions {
	now: Date;
	/** Present for derived (V11) signing: the scope's region id and service name (`iotdm` for IoTDA). */
	derived?: { region: string; service: string };
}

export interface SignedRequest {
	/** The URL to send: origin + path + `?` + the canonical query string. */
	url: string;
	/** Headers to send: the given ones plus X-Sdk-Date, X-Security-Token, Authorization (never `host`). */
	headers: Record<string, string>;
}

/** RFC 3986 percent-encoding with upper-case hex, as Huawei's SDKs encode (unreserved kept). */
export function percentEncode(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
	);
}

export function formatSdkDate(date: Date): string {
	return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function canonicalUri(path: string): string {
	const encoded = path.split('/').map(percentEncode).join('/');
	return encoded.endsWith('/') ? encoded : encoded + '/';
}

export function canonicalQueryString(query: Query = {}): string {
	const pairs: string[] = [];
	for (const key of Object.keys(query).sort()) {
		const value = query[key];
		if (value === undefined) continue;
		const values = (Array.isArray(value) ? value : [value]).map(String).sort();
		for (const v of values) pairs.push(`${percentEncode(key)}=${percentEncode(v)}`);
	}
	return pairs.join('&');
}

function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

function hmacHex(key: string, data: string): string {
	return createHmac('sha256', key).update(data).digest('hex');
}

/** HKDF-SHA256(ikm = SK, salt = AK, info), 32 bytes, rendered as hex: the V11 signing key. */
export function deriveSigningKey(accessKeyId: string, secretAccessKey: string, info: string): string {
	return Buffer.from(hkdfSync('sha256', secretAccessKey, accessKeyId, info, 32)).toString('hex');
}

/** Headers this signer owns: any copy of them in the input is replaced, which makes signing idempotent. */
const SIGNER_HEADERS = new Set(['authorization', 'x-sdk-date', 'host', 'x-security-token']);

export function signRequest(
	request: RequestToSign,
	credentials: SignerCredentials,
	options: SignOptions,
): SignedRequest {
	const target = new URL(request.url);
	const sdkDate = formatSdkDate(options.now);

	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		if (!SIGNER_HEADERS.has(name.toLowerCase())) headers[name] = value;
	}
	if (request.unsignedPayload) headers['X-Sdk-Content-Sha256'] = UNSIGNED_PAYLOAD;
	if (credentials.securityToken) headers['X-Security-Token'] = credentials.securityToken;
	headers['X-Sdk-Date'] = sdkDate;

	const signed = new Map<string, string>();
	for (const [name, value] of Object.entries(headers)) {
		const lower = name.toLowerCase();
		// A multipart content type is rewritten with its boundary after signing, so it is never signed.
		if (lower === 'content-type' && value.includes('multipart/form-data')) continue;
		signed.set(lower, value);
	}
	signed.set('host', target.host);
	const names = [...signed.keys()].sort();
	const signedHeaders = names.join(';');

	const query = canonicalQueryString(request.query);
	const payloadHash = request.unsignedPayload
		? UNSIGNED_PAYLOAD
		: request.body === undefined || request.body.length === 0
			? EMPTY_SHA256
			: sha256Hex(request.body);
	const canonicalRequest = [
		request.method.toUpperCase(),
		canonicalUri(target.pathname),
		query,
		names.map((n) => `${n}:${signed.get(n)}\n`).join(''),
		signedHeaders,
		payloadHash,
	].join('\n');
	const requestHash = sha256Hex(canonicalRequest);

	let authorization: string;
	if (options.derived) {
		const info = `${sdkDate.slice(0, 8)}/${options.derived.region}/${options.derived.service}`;
		const stringToSign = [DERIVED_ALGORITHM, sdkDate, info, requestHash].join('\n');
		const key = deriveSigningKey(credentials.accessKeyId, credentials.secretAccessKey, info);
		authorization = `${DERIVED_ALGORITHM} Credential=${credentials.accessKeyId}/${info}, SignedHeaders=${signedHeaders}, Signature=${hmacHex(key, stringToSign)}`;
	} else {
		const stringToSign = [BASIC_ALGORITHM, sdkDate, requestHash].join('\n');
		authorization = `${BASIC_ALGORITHM} Access=${credentials.accessKeyId}, SignedHeaders=${signedHeaders}, Signature=${hmacHex(credentials.secretAccessKey, stringToSign)}`;
	}
	headers.Authorization = authorization;

	return {
		url: `${target.origin}${target.pathname}${query ? '?' + query : ''}`,
		headers,
	};
}
