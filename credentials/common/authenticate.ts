/**
 * Turns n8n request options into a signed IoTDA request. Pure apart from reading the clock it is given.
 *
 * Idempotent: n8n re-applies `authenticate` to its own output after a 401, so everything is derived
 * from the options again (absolute URL + folded query, string body) and signature headers are replaced.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { IOTDA_DERIVED_SERVICE, resolveEndpoint, usesDerivedSigning, type SigningMode } from './endpoint';
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

export function authenticateRequest(
	raw: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	now: Date,
): IHttpRequestOptions {
	const creds = readCredentials(raw);
	const relative = options.url.replace(PROJECT_ID_PLACEHOLDER, encodeURIComponent(creds.projectId));
	const base = options.baseURL ?? creds.endpoint;
	const target = new URL(/^https?:\/\//i.test(relative) ? relative : base.replace(/\/+$/, '') + relative);
	const query = queryFrom(target, options.qs);
	target.search = '';

	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		if (name.toLowerCase() !== 'content-type' && value !== undefined) headers[name] = String(value);
	}
	headers['X-Project-Id'] = creds.projectId;
	if (creds.instanceId) headers['Instance-Id'] = creds.instanceId;

	const multipart = isMultipart(options.body);
	let body = options.body;
	if (!multipart) {
		headers['Content-Type'] = 'application/json';
		if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
			body = JSON.stringify(body);
		}
	}

	const signed = signRequest(
		{
			method: options.method ?? 'GET',
			url: target.toString(),
			query,
			headers,
			body: multipart ? undefined : (body as string | Buffer | undefined),
			unsignedPayload: multipart,
		},
		creds,
		{
			now,
			derived: usesDerivedSigning(creds.signingMode, creds.endpoint)
				? { region: creds.region, service: IOTDA_DERIVED_SERVICE }
				: undefined,
		},
	);

	return {
		...options,
		baseURL: undefined,
		url: signed.url,
		qs: undefined,
		body,
		headers: signed.headers,
		skipSslCertificateValidation: options.skipSslCertificateValidation ?? creds.ignoreSslIssues,
	};
}
