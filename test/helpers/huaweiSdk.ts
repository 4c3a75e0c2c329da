/**
 * Huawei's own signing code (@huaweicloud/huaweicloud-sdk-core 3.1.211), driven the way iotda-api.md §3
 * describes: the signer classes directly, or the full HcClient pipeline with the HTTP call stubbed out.
 * The SDK reads the clock through moment, which reads Date.now, so the clock is frozen around each call.
 */
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';
import { DerivedAKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/DerivedAKSKSigner';
import { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient';
import { DefaultHttpClient } from '@huaweicloud/huaweicloud-sdk-core/http/DefaultHttpClient';
import type { IHttpRequest } from '@huaweicloud/huaweicloud-sdk-core/http/IHttpRequest';

export interface SdkCredential {
	ak: string;
	sk: string;
	projectId: string;
	securityToken?: string;
	/** Derived (V11) signing scope; absent for basic signing. */
	derived?: { region: string; service: string };
}

/** The request object the SDK's signer classes read (what HcClient hands them). */
export interface SdkSignerRequest {
	method: string;
	/** Absolute URL without query: the SDK signs `url.parse(endpoint).pathname` and its host. */
	endpoint: string;
	queryParams?: Record<string, unknown>;
	headers: Record<string, string>;
	/** Hashed as JSON.stringify(data) unless X-Sdk-Content-Sha256 is set. */
	data?: unknown;
}

type CanonicalUriFn = (inputUri?: string) => string | undefined;

/**
 * Runs `run` with the SDK's `AKSKSigner.CanonicalURI` (shared by DerivedAKSKSigner) fed the decoded path,
 * which is what Huawei's gateway verifies against: the whole path decoded once, then Huawei's own code
 * encodes each segment once (Python SDK `_process_canonical_uri`). Everything else is the SDK unchanged.
 * Without this, the Node SDK signs the wire path encoded a second time (`prod%3A01` → `prod%253A01`).
 */
export async function asGateway<T>(run: () => T | Promise<T>): Promise<T> {
	const signer = AKSKSigner as unknown as { CanonicalURI: CanonicalUriFn };
	const original = signer.CanonicalURI;
	signer.CanonicalURI = function (this: unknown, inputUri?: string) {
		return original.call(this, inputUri === undefined ? undefined : decodeURIComponent(inputUri));
	};
	try {
		return await run();
	} finally {
		signer.CanonicalURI = original;
	}
}

export function withFrozenClock<T>(now: Date, run: () => T): T {
	const realNow = Date.now;
	Date.now = () => now.getTime();
	try {
		return run();
	} finally {
		Date.now = realNow;
	}
}

export async function withFrozenClockAsync<T>(now: Date, run: () => Promise<T>): Promise<T> {
	const realNow = Date.now;
	Date.now = () => now.getTime();
	try {
		return await run();
	} finally {
		Date.now = realNow;
	}
}

export function sdkCredential(c: SdkCredential): BasicCredentials {
	const credential = new BasicCredentials().withAk(c.ak).withSk(c.sk).withProjectId(c.projectId);
	if (c.securityToken) credential.withSecurityToken(c.securityToken);
	if (c.derived) credential.processDerivedAuthParams(c.derived.service, c.derived.region);
	return credential;
}

/** Signs with AKSKSigner or DerivedAKSKSigner at the given time; returns all headers the SDK produced. */
export function sdkSign(
	request: SdkSignerRequest,
	c: SdkCredential,
	now: Date,
): Record<string, string> {
	const copy = {
		...request,
		headers: { ...request.headers },
		queryParams: cloneQuery(request.queryParams),
	} as IHttpRequest;
	const credential = sdkCredential(c);
	return withFrozenClock(now, () =>
		c.derived ? DerivedAKSKSigner.sign(copy, credential) : AKSKSigner.sign(copy, credential),
	) as Record<string, string>;
}

/** The SDK sorts array values in place; never let it touch the caller's arrays. */
function cloneQuery(
	query: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
	if (!query) return undefined;
	const copy: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(query))
		copy[key] = Array.isArray(value) ? [...value] : value;
	return copy;
}

/** Options in the shape IoTDAClient's ParamCreater gives HcClient.sendRequest. */
export interface SdkOperation {
	method: string;
	/** URL template, e.g. `/v5/iot/{project_id}/batchtasks`; `{project_id}` is filled by the credential. */
	url: string;
	contentType: string;
	queryParams: Record<string, unknown>;
	headers: Record<string, string>;
	data?: Record<string, unknown>;
}

export interface SdkPipelineCredential {
	ak: string;
	sk: string;
	projectId: string;
	securityToken?: string;
	/** The region given to the derived scope (ClientBuilder passes region.id). */
	region: string;
	/**
	 * `default`: the SDK's default derived predicate (derived unless the host is a public Huawei endpoint);
	 * `always`: a predicate that always derives; `none`: no predicate, so the SDK always signs basic.
	 */
	derivedPredicate: 'default' | 'always' | 'none';
}

/** The request HcClient would hand to axios, captured instead of sent. */
export interface CapturedSdkRequest {
	method: string;
	/** endpoint + url with the project id substituted (no query). */
	endpoint: string;
	url: string;
	queryParams: Record<string, unknown> | undefined;
	headers: Record<string, string>;
	data: unknown;
}

export async function sdkPipeline(
	endpoint: string,
	c: SdkPipelineCredential,
	operation: SdkOperation,
	now: Date,
): Promise<CapturedSdkRequest> {
	const credential = new BasicCredentials().withAk(c.ak).withSk(c.sk).withProjectId(c.projectId);
	if (c.securityToken) credential.withSecurityToken(c.securityToken);
	if (c.derivedPredicate === 'default') {
		credential.withDerivedPredicate(
			BasicCredentials.getDefaultDerivedPredicate.bind(BasicCredentials),
		);
	} else if (c.derivedPredicate === 'always') {
		credential.withDerivedPredicate(() => true);
	}
	credential.processDerivedAuthParams('iotdm', c.region);

	const http = new DefaultHttpClient({}, [endpoint]);
	let captured: CapturedSdkRequest | undefined;
	http.sendRequest = async (request: IHttpRequest) => {
		captured = {
			method: String(request.method),
			endpoint: String(request.endpoint),
			url: String(request.url),
			queryParams: request.queryParams,
			headers: { ...request.headers },
			data: request.data,
		};
		return { data: {}, statusCode: 200, headers: {} } as never;
	};
	const client = new HcClient(http).withEndpoints([endpoint]).withCredential(credential);
	// HcClient edits the headers object it is given; hand it a copy.
	const options = { ...operation, headers: { ...operation.headers }, pathParams: {} };
	await withFrozenClockAsync(now, () => client.sendRequest(options));
	if (!captured) throw new Error('the SDK pipeline did not reach the HTTP client');
	return captured;
}
