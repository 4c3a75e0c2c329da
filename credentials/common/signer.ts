/**
 * Huawei Cloud API request signer (SDK-HMAC-SHA256 and V11-HMAC-SHA256), as Huawei's API gateway verifies.
 *
 * Pure: no n8n imports, no I/O, the clock is an input. Every step of the algorithm is a named, exported
 * function (in the order they run: canonicalUri → canonicalQueryString → signableHeaders → canonicalHeaders /
 * signedHeaderNames → payloadHash → canonicalRequest → credentialScope → stringToSign → signingKey →
 * signature → authorization), and `signRequest` only composes them. `signRequest` returns the exact URL
 * (query folded in, in canonical order) and the headers to send, so the bytes on the wire are the bytes signed.
 *
 * Source of every rule: Huawei's SDKs (Node `core/auth/AKSKSigner.ts`, `DerivedAKSKSigner.ts`, `HKDF.ts`; Python
 * `signer.py`; Go `signer.go`) and IoTDA's AK/SK authentication page (docs/sources.md: §1.2–§1.3 basic, §2.1 derived).
 */
import { createHash, createHmac, hkdfSync } from 'crypto';

const BASIC_ALGORITHM = 'SDK-HMAC-SHA256';
const DERIVED_ALGORITHM = 'V11-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** SHA-256 of the empty string: the payload hash of a request without a body. */
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Header names the signer writes (as Huawei's SDKs spell them on the wire). */
const DATE_HEADER = 'X-Sdk-Date';
const SECURITY_TOKEN_HEADER = 'X-Security-Token';
const CONTENT_SHA256_HEADER = 'X-Sdk-Content-Sha256';
const AUTHORIZATION_HEADER = 'Authorization';

export type QueryValue = string | number | boolean;
export type Query = Record<string, QueryValue | QueryValue[] | undefined>;

export interface SignerCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	securityToken?: string;
}

export interface RequestToSign {
	method: string;
	/**
	 * Absolute URL without query; the path exactly as it goes on the wire, each segment percent-encoded once
	 * (e.g. `https://host/v5/iot/p/products/prod%3A01`). The signer never changes it.
	 */
	url: string;
	query?: Query;
	/** Headers that are signed and sent (e.g. content-type, X-Project-Id, Instance-Id). */
	headers?: Record<string, string>;
	/** The exact body that will be sent; hashed unless the payload is unsigned. */
	body?: string | Buffer;
	/** Multipart bodies are not hashed: `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` is signed instead. */
	unsignedPayload?: boolean;
}

/** Scope of a derived (V11) signature: the region id and the service name (`iotdm` for IoTDA, §2.2). */
export interface DerivedScope {
	region: string;
	service: string;
}

export interface SignOptions {
	now: Date;
	/** Present for derived (V11) signing. */
	derived?: DerivedScope;
}

export interface SignedRequest {
	/** The URL to send: origin + path (unchanged) + `?` + the canonical query string. */
	url: string;
	/** Headers to send: the given ones plus X-Sdk-Date, X-Security-Token, Authorization (never `host`). */
	headers: Record<string, string>;
}

/** The inputs of the canonical request, each already in canonical form except the wire path. */
export interface CanonicalRequestParts {
	/** HTTP method; upper-cased here. */
	method: string;
	/** The request path as sent on the wire (percent-encoded), e.g. `/v5/iot/p/products/prod%3A01`. */
	path: string;
	/** Output of canonicalQueryString, e.g. `limit=10&offset=0` ('' for none). */
	query: string;
	/** Lower-case header name → value, exactly the headers to sign (see signableHeaders). */
	headers: Record<string, string>;
	/** Output of payloadHash: 64 lower-case hex digits or `UNSIGNED-PAYLOAD`. */
	payloadHash: string;
}

/**
 * RFC 3986 percent-encoding with upper-case hex: UTF-8, unreserved `A-Z a-z 0-9 - _ . ~` kept, everything
 * else `%XX` (space → `%20`, `/` → `%2F`). Same table as Node `AKSKSigner.urlEncode` / Python `quote(s, '~')`.
 */
export function percentEncode(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
	);
}

/**
 * Percent-decodes a wire path like Python's `urllib.parse.unquote`: every run of valid `%XX` escapes is read as
 * UTF-8 bytes (an invalid sequence becomes U+FFFD); a `%` not followed by two hex digits stays as it is.
 */
export function percentDecode(value: string): string {
	return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) =>
		Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'),
	);
}

/** `Date` → X-Sdk-Date, UTC `yyyyMMdd'T'HHmmss'Z'` (e.g. `20240115T083000Z`; §1.3). */
export function formatSdkDate(date: Date): string {
	return date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Step 1, CanonicalURI of a wire path: decode the whole path once, split on `/`, percentEncode each segment,
 * re-join and end with `/` (`/products/prod%3A01` → `/products/prod%3A01/`; `/` → `/`).
 * Decoding first is what Huawei's gateway does (it canonicalises the decoded path; Python SDK
 * `_process_canonical_uri`: `unquote(path).split('/')`). Encoding the wire path as it is — as the Node SDK's
 * `AKSKSigner.CanonicalURI` does — signs `prod%253A01`, which the gateway rejects (issue #14 item 1).
 */
export function canonicalUri(wirePath: string): string {
	const encoded = percentDecode(wirePath).split('/').map(percentEncode).join('/');
	return encoded.endsWith('/') ? encoded : encoded + '/';
}

/**
 * Step 2, CanonicalQueryString: keys sorted by code unit, the values of a repeated key sorted, each pair
 * `enc(key)=enc(value)`, joined with `&`, no `?` ('' for no query). Numbers and booleans are stringified;
 * `undefined` values are left out (§1.2; Node `AKSKSigner.CanonicalQueryString`).
 */
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

/**
 * Step 3, the headers to sign: lower-case name → value for every header sent, plus `host` (the URL's
 * `host[:port]`). A multipart content type is left out because its boundary is only known after signing
 * (§1.1; Node `AKSKSigner.sign` deletes it the same way).
 */
export function signableHeaders(
	headers: Record<string, string>,
	host: string,
): Record<string, string> {
	const signed: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		const lower = name.toLowerCase();
		if (lower === 'content-type' && value.includes('multipart/form-data')) continue;
		signed[lower] = value;
	}
	signed.host = host;
	return signed;
}

/** Step 4a, SignedHeaders: the lower-case names, sorted, joined with `;` (e.g. `content-type;host;x-sdk-date`). */
export function signedHeaderNames(headers: Record<string, string>): string {
	return Object.keys(headers).sort().join(';');
}

/** Step 4b, CanonicalHeaders: `name:value\n` per signed header in sorted order (values not trimmed, as Node). */
export function canonicalHeaders(headers: Record<string, string>): string {
	return Object.keys(headers)
		.sort()
		.map((name) => `${name}:${headers[name]}\n`)
		.join('');
}

/** Step 5, HexPayloadHash: `UNSIGNED-PAYLOAD` for multipart, else lower-case hex SHA-256 of the exact body. */
export function payloadHash(body: string | Buffer | undefined, unsigned = false): string {
	if (unsigned) return UNSIGNED_PAYLOAD;
	return body === undefined || body.length === 0 ? EMPTY_SHA256 : sha256Hex(body);
}

/**
 * Step 6, the canonical request: method, CanonicalURI, query, CanonicalHeaders, SignedHeaders and payload
 * hash joined with `\n` (the header block ends with its own `\n`, so a blank line follows it; §1.2).
 */
export function canonicalRequest(parts: CanonicalRequestParts): string {
	return [
		parts.method.toUpperCase(),
		canonicalUri(parts.path),
		parts.query,
		canonicalHeaders(parts.headers),
		signedHeaderNames(parts.headers),
		parts.payloadHash,
	].join('\n');
}

/** Step 7, the V11 credential scope ("info"): `yyyyMMdd/region/service`, e.g. `20240115/cn-north-4/iotdm` (§2.1). */
export function credentialScope(sdkDate: string, scope: DerivedScope): string {
	return `${sdkDate.slice(0, 8)}/${scope.region}/${scope.service}`;
}

/**
 * Step 8, StringToSign: `SDK-HMAC-SHA256\n<date>\n<hex sha256(canonical request)>` (basic, §1.3), or for a
 * derived signature `V11-HMAC-SHA256\n<date>\n<scope>\n<hash>` (§2.1). `info` is the credentialScope output.
 */
export function stringToSign(canonical: string, sdkDate: string, info?: string): string {
	const hash = sha256Hex(canonical);
	return info === undefined
		? [BASIC_ALGORITHM, sdkDate, hash].join('\n')
		: [DERIVED_ALGORITHM, sdkDate, info, hash].join('\n');
}

/**
 * Step 9, the HMAC key: the SK itself (basic), or for V11 HKDF-SHA256(ikm = SK, salt = AK, info), 32 bytes,
 * rendered as 64 lower-case hex characters — the hex text, not the raw bytes, is the key (§2.1;
 * Node `HKDF.getDerKeySHA256`).
 */
export function signingKey(credentials: SignerCredentials, info?: string): string {
	return info === undefined
		? credentials.secretAccessKey
		: deriveSigningKey(credentials.accessKeyId, credentials.secretAccessKey, info);
}

/** HKDF-SHA256(ikm = SK, salt = AK, info), 32 bytes, as hex: the V11 signing key (§2.1 step 4). */
export function deriveSigningKey(
	accessKeyId: string,
	secretAccessKey: string,
	info: string,
): string {
	return Buffer.from(hkdfSync('sha256', secretAccessKey, accessKeyId, info, 32)).toString('hex');
}

/** Step 10, Signature: lower-case hex HMAC-SHA256(key = UTF-8 bytes of the key text, data = StringToSign). */
export function signature(key: string, toSign: string): string {
	return createHmac('sha256', key).update(toSign).digest('hex');
}

/**
 * Step 11, the Authorization header value (exact spacing, §1.3/§2.1):
 * `SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<names>, Signature=<hex>` or
 * `V11-HMAC-SHA256 Credential=<AK>/<info>, SignedHeaders=<names>, Signature=<hex>`.
 */
export function authorization(
	accessKeyId: string,
	names: string,
	sig: string,
	info?: string,
): string {
	const credential =
		info === undefined
			? `${BASIC_ALGORITHM} Access=${accessKeyId}`
			: `${DERIVED_ALGORITHM} Credential=${accessKeyId}/${info}`;
	return `${credential}, SignedHeaders=${names}, Signature=${sig}`;
}

function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Headers this signer owns: any copy of them in the input is replaced, which makes signing idempotent. */
const SIGNER_HEADERS = new Set(['authorization', 'x-sdk-date', 'host', 'x-security-token']);

/** The headers to send before Authorization: the caller's (minus signer-owned ones) + date, token, payload mark. */
function headersToSend(
	request: RequestToSign,
	credentials: SignerCredentials,
	sdkDate: string,
): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		if (!SIGNER_HEADERS.has(name.toLowerCase())) headers[name] = value;
	}
	if (request.unsignedPayload) headers[CONTENT_SHA256_HEADER] = UNSIGNED_PAYLOAD;
	if (credentials.securityToken) headers[SECURITY_TOKEN_HEADER] = credentials.securityToken;
	headers[DATE_HEADER] = sdkDate;
	return headers;
}

/**
 * Signs one request (basic, or derived when `options.derived` is set). Shape: see RequestToSign → SignedRequest.
 * Throws only on an invalid `request.url` (TypeError from WHATWG URL).
 */
export function signRequest(
	request: RequestToSign,
	credentials: SignerCredentials,
	options: SignOptions,
): SignedRequest {
	const target = new URL(request.url);
	const sdkDate = formatSdkDate(options.now);
	const headers = headersToSend(request, credentials, sdkDate);
	const signed = signableHeaders(headers, target.host);
	const query = canonicalQueryString(request.query);
	const canonical = canonicalRequest({
		method: request.method,
		path: target.pathname,
		query,
		headers: signed,
		payloadHash: payloadHash(request.body, request.unsignedPayload),
	});
	const info = options.derived ? credentialScope(sdkDate, options.derived) : undefined;
	const sig = signature(signingKey(credentials, info), stringToSign(canonical, sdkDate, info));
	headers[AUTHORIZATION_HEADER] = authorization(
		credentials.accessKeyId,
		signedHeaderNames(signed),
		sig,
		info,
	);
	return { url: `${target.origin}${target.pathname}${query ? '?' + query : ''}`, headers };
}
