/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// Test-side client: signs requests with Huawei's SDK signer classes (basic or derived) and sends the
// exact bytes with node:http, so tests can tamper with any part of a correctly signed request.
import * as http from 'node:http';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials';
import { DerivedAKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/DerivedAKSKSigner';
import FormData from 'form-data';
import type { EmulatorAccount } from './seed-accounts';

export interface SignedRequest {
	method: string;
	/** Raw path plus query string, as sent on the wire. */
	path: string;
	headers: Record<string, string>;
	body: Buffer;
}

export interface SignOptions {
	account: EmulatorAccount;
	method: string;
	/** Path after /v5/iot/{project_id}, e.g. '/batchtasks'; or a full path starting with /v5/ or / when `rawPath` is set. */
	path: string;
	query?: Record<string, string | number>;
	json?: unknown;
	derived?: boolean;
	/** Extra headers to sign (e.g. another Instance-Id). */
	headers?: Record<string, string>;
	/** Path used verbatim (not prefixed with /v5/iot/{project_id}). */
	rawPath?: boolean;
	/** Overrides the project id in the path. */
	projectId?: string;
	/** Skips the account's Instance-Id / security token headers. */
	bare?: boolean;
	/** Content type to sign and send for a JSON body (default application/json). */
	contentType?: string;
	/** Multipart upload of one `file` part instead of a JSON body. */
	file?: { name: string; content: Buffer | string };
}

const encodeQuery = (q: Record<string, string | number>) =>
	Object.entries(q)
		.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
		.join('&');

export function signRequest(baseUrl: string, o: SignOptions): SignedRequest {
	const credential = new BasicCredentials()
		.withAk(o.account.ak)
		.withSk(o.account.sk)
		.withProjectId(o.account.projectId);
	if (o.account.securityToken && !o.bare) credential.withSecurityToken(o.account.securityToken);
	if (o.derived) credential.processDerivedAuthParams('iotdm', o.account.region);
	const path = o.rawPath ? o.path : `/v5/iot/${o.projectId ?? o.account.projectId}${o.path}`;
	const headers: Record<string, string> = {
		'X-Project-Id': o.account.projectId,
		...(o.headers ?? {}),
	};
	if (o.account.securityToken && !o.bare) headers['X-Security-Token'] = o.account.securityToken;
	if (o.account.instanceId && !o.bare && !('Instance-Id' in headers))
		headers['Instance-Id'] = o.account.instanceId;
	let body: Buffer;
	let form: FormData | undefined;
	let data: unknown;
	if (o.file) {
		form = new FormData();
		form.append('file', o.file.content, {
			filename: o.file.name,
			contentType: 'application/octet-stream',
		});
		body = form.getBuffer();
		headers['content-type'] = 'multipart/form-data';
		headers['X-Sdk-Content-Sha256'] = 'UNSIGNED-PAYLOAD';
	} else {
		headers['content-type'] = o.contentType ?? 'application/json';
		data = o.json;
		// The SDK hashes JSON.stringify(data): send exactly those bytes.
		body = data === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(data));
	}
	const request = {
		endpoint: baseUrl + path,
		method: o.method,
		headers,
		queryParams: o.query ?? {},
		data,
	};
	const signer = o.derived ? DerivedAKSKSigner : AKSKSigner;
	const signed = signer.sign(request, credential) as Record<string, string>;
	if (form) signed['content-type'] = form.getHeaders()['content-type'];
	const qs = o.query ? encodeQuery(o.query) : '';
	return { method: o.method, path: qs ? `${path}?${qs}` : path, headers: signed, body };
}

export interface Reply<T = any> {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: T;
	text: string;
}

export function send<T = any>(
	baseUrl: string,
	r: SignedRequest,
	agent?: http.Agent,
): Promise<Reply<T>> {
	const url = new URL(baseUrl);
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: url.hostname,
				port: url.port,
				method: r.method,
				path: r.path,
				headers: { ...r.headers, 'Content-Length': String(r.body.length) },
				agent,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let body: any = undefined;
					try {
						body = text ? JSON.parse(text) : undefined;
					} catch {
						body = text;
					}
					resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text });
				});
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(r.body);
	});
}

/** Signs and sends in one go. */
export function call<T = any>(baseUrl: string, o: SignOptions): Promise<Reply<T>> {
	return send<T>(baseUrl, signRequest(baseUrl, o));
}

/** Unsigned JSON request, for the admin API and robustness tests. */
export function rawCall<T = any>(
	baseUrl: string,
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<Reply<T>> {
	const buf =
		body === undefined
			? Buffer.alloc(0)
			: Buffer.isBuffer(body)
				? body
				: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	return send<T>(baseUrl, {
		method,
		path,
		headers: { 'content-type': 'application/json', ...headers },
		body: buf,
	});
}
