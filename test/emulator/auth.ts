/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// AK/SK signature verification (SDK-HMAC-SHA256 and V11-HMAC-SHA256) from the raw request, computed with
// the static helpers of Huawei's SDK (never this package's signer). See iotda-api.md §1, §2 and §8.
import * as crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { authError } from './errors';
import type { EmulatorAccount } from './seed-accounts';
import { gatewayCanonicalUri, sdkBasic, sdkDerived, sdkDeriveKey } from './sdk-signer-helpers';
import { parseIotdaTime } from './time-format';

export const MAX_CLOCK_SKEW_MS = 15 * 60_000;
export const DERIVED_SERVICE = 'iotdm';

export interface RawRequest {
	method: string;
	/** Path exactly as received on the wire (still percent-encoded). */
	rawPath: string;
	/** Query string as received, without '?'. */
	rawQuery: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

const BASIC_RE =
	/^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/;
const DERIVED_RE =
	/^V11-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/;

/** Percent-decoded query params; '+' is a space (axios, used by the SDK, encodes spaces so). */
export function decodeQuery(rawQuery: string): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	if (!rawQuery) return out;
	for (const pair of rawQuery.split('&')) {
		if (pair === '') continue;
		const eq = pair.indexOf('=');
		const dec = (s: string) => {
			try {
				return decodeURIComponent(s.replace(/\+/g, ' '));
			} catch {
				throw authError('malformed percent-encoding in the query string');
			}
		};
		const key = dec(eq < 0 ? pair : pair.slice(0, eq));
		const value = dec(eq < 0 ? '' : pair.slice(eq + 1));
		const prev = out[key];
		out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
	}
	return out;
}

const headerValue = (h: IncomingHttpHeaders, name: string): string | undefined => {
	const v = h[name];
	return Array.isArray(v) ? v.join(',') : v;
};

/** Returns the account whose AK/SK signed the request, or throws 401. */
export function verifySignature(
	req: RawRequest,
	findAccount: (ak: string) => EmulatorAccount | undefined,
): EmulatorAccount {
	const authorization = headerValue(req.headers, 'authorization');
	if (!authorization) throw authError('missing Authorization header');
	const basic = BASIC_RE.exec(authorization);
	const derived = basic ? null : DERIVED_RE.exec(authorization);
	if (!basic && !derived) throw authError('malformed Authorization header');
	const ak = basic ? basic[1] : derived![1];
	const signedHeaders = basic ? basic[2] : derived![5];
	const signature = basic ? basic[3] : derived![6];

	const date = headerValue(req.headers, 'x-sdk-date');
	if (!date) throw authError('missing X-Sdk-Date header');
	const dateMs = parseIotdaTime(date);
	if (dateMs === undefined) throw authError("malformed X-Sdk-Date (expected yyyyMMdd'T'HHmmss'Z')");
	if (Math.abs(Date.now() - dateMs) > MAX_CLOCK_SKEW_MS)
		throw authError('X-Sdk-Date differs from the server time by more than 15 minutes');

	const account = findAccount(ak);
	if (!account) throw authError(`unknown access key ${ak}`);

	const names = signedHeaders.split(';');
	if (!names.includes('x-sdk-date')) throw authError('SignedHeaders must include x-sdk-date');
	let canonicalHeaders = '';
	for (const name of names) {
		const value = headerValue(req.headers, name);
		if (value === undefined) throw authError(`signed header ${name} is missing from the request`);
		canonicalHeaders += `${name}:${value.trim()}\n`;
	}
	const payloadHash =
		headerValue(req.headers, 'x-sdk-content-sha256') ??
		crypto.createHash('sha256').update(req.body).digest('hex');
	// Like the gateway: the decoded path, encoded once by Huawei's code (a double-encoded signature fails).
	const canonicalUri = gatewayCanonicalUri(req.rawPath);
	if (canonicalUri === undefined) throw authError('malformed percent-encoding in the path');
	const canonicalRequest = sdkBasic.buildCanonicalRequest(
		req.method,
		canonicalUri,
		sdkBasic.CanonicalQueryString({ queryParams: decodeQuery(req.rawQuery) }),
		canonicalHeaders,
		signedHeaders,
		payloadHash,
	);
	const requestHash = sdkBasic.Hex(canonicalRequest);

	let expected: string;
	if (basic) {
		expected = sdkBasic.hmacSHA256(
			account.sk,
			sdkBasic.getStringToSign('SDK-HMAC-SHA256', date, requestHash),
		);
	} else {
		const [, , scopeDate, region, service] = derived!;
		if (scopeDate !== date.slice(0, 8))
			throw authError(`credential scope date ${scopeDate} does not match X-Sdk-Date`);
		if (region !== account.region)
			throw authError(`credential scope region ${region} is not ${account.region}`);
		if (service !== DERIVED_SERVICE)
			throw authError(`credential scope service ${service} is not ${DERIVED_SERVICE}`);
		const info = `${scopeDate}/${region}/${service}`;
		const key = sdkDeriveKey(account.ak, account.sk, info);
		expected = sdkDerived.hmacSHA256(
			key,
			sdkDerived.getStringToSignByInfo('V11-HMAC-SHA256', date, info, requestHash),
		);
	}
	if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature)))
		throw authError('signature does not match');

	const token = headerValue(req.headers, 'x-security-token');
	if (account.securityToken !== undefined || token !== undefined) {
		if (token === undefined)
			throw authError('X-Security-Token is required for temporary credentials');
		if (!constantEqual(token, account.securityToken ?? ''))
			throw authError('unknown security token');
	}
	if (account.requireInstanceId) {
		const instanceId = headerValue(req.headers, 'instance-id');
		if (instanceId === undefined)
			throw authError('Instance-Id header is required for this instance');
		if (instanceId !== account.instanceId)
			throw authError(`Instance-Id ${instanceId} does not belong to this account`);
	}
	return account;
}

function constantEqual(a: string, b: string): boolean {
	const ha = crypto.createHash('sha256').update(a).digest();
	const hb = crypto.createHash('sha256').update(b).digest();
	return crypto.timingSafeEqual(ha, hb) && a === b;
}
