/**
 * IAM-token authentication for IoTDA: the `preAuthentication` that obtains a project-scoped IAM user token
 * (IAM "Obtaining a User Token Through Password Authentication", iam_30_0001: `POST /v3/auth/tokens`, password
 * method, 201 with the token in the `X-Subject-Token` header, valid 24 hours) and the `authenticate` that puts
 * it on IoTDA requests as `X-Auth-Token` (CreateBatchTask page: "X-Auth-Token … user token"). Nothing is signed.
 *
 * Caching is n8n's: the token lives in the credential's hidden `expirable` field, which n8n persists after
 * `preAuthentication` and fills again only when it is empty or a request answered 401 (n8n-core's
 * `httpRequestWithAuthentication`: one refresh, one retry). There is no cache in this module.
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import {
	IotdaCredentialError,
	PROJECT_ID_PLACEHOLDER,
	readCommon,
	requestHeaders,
	requireRegionForDefaultEndpoint,
	resolveEndpoint,
	resolveTarget,
	shapedOptions,
	targetUrl,
	text,
	urlWithQuery,
	type CommonFields,
} from './request';

/** Names of the credential's hidden fields written by `preAuthentication`. */
export const TOKEN_FIELDS = {
	/** The `expirable` field: n8n calls `preAuthentication` when it is empty or after a 401. */
	token: 'iamToken',
	/** The project id IAM scoped the token to (`token.project.id` of the 201 body); IoTDA paths need it. */
	projectId: 'iamTokenProjectId',
	/** Which user/account/project/IAM endpoint the token was issued for, to notice edited fields. */
	scope: 'iamTokenScope',
} as const;

/** The IAM Token credential's fields: the shared ones (request.ts) plus the IAM user, project and IAM endpoint. */
export interface IamTokenCredentials extends CommonFields {
	userName: string;
	password: string;
	domainName: string;
	/** The project as typed: an id (32 hex digits) or a name; empty = the region's default project. */
	project: string;
	iamEndpoint: string;
}

/** Huawei project ids are 32 hex digits (IAM "Querying Project Information"); anything else is a name. */
const PROJECT_ID = /^[0-9a-f]{32}$/i;

/** IAM's regional endpoint (IAM "Regions and Endpoints": `iam.{region}.myhuaweicloud.com`). */
export function defaultIamEndpoint(region: string): string {
	return `https://iam.${region}.myhuaweicloud.com`;
}

/** The credential's fields, trimmed, with both endpoints resolved to `https://host[:port]` without a slash. */
export function readIamTokenCredentials(raw: ICredentialDataDecryptedObject): IamTokenCredentials {
	const common = readCommon(raw);
	return {
		...common,
		userName: text(raw.userName),
		password: typeof raw.password === 'string' ? raw.password : '',
		domainName: text(raw.domainName),
		project: text(raw.project),
		iamEndpoint: resolveEndpoint(text(raw.iamEndpoint) || defaultIamEndpoint(common.region)),
	};
}

/** `auth.scope.project` of the token request: by id, by name, or the region's default project (named like the region). */
function projectScope(creds: IamTokenCredentials): { id: string } | { name: string } {
	if (PROJECT_ID.test(creds.project)) return { id: creds.project };
	return { name: creds.project || creds.region };
}

/** Identifies what a cached token was issued for; no secret in it. */
export function tokenScopeOf(creds: IamTokenCredentials): string {
	return JSON.stringify([creds.iamEndpoint, creds.domainName, creds.userName, projectScope(creds)]);
}

/**
 * The token could not be obtained. Carries IAM's message and a hint; never the password or a token. `answered`:
 * IAM gave an answer (asking again in the same execution gets the same one), as opposed to not being reached.
 */
export class IamTokenError extends Error {
	constructor(
		message: string,
		readonly hint: string,
		readonly answered = true,
	) {
		super(`Huawei Cloud IAM token: ${message}`);
		this.name = 'IamTokenError';
	}
}

/**
 * Names the first empty field the token request needs. The region is needed for the default project and for
 * the default IAM endpoint (`iam.<region>…`): without it and without an "IAM Endpoint" nothing is sent (the AK/SK
 * credential's rule for its "Endpoint", authenticate.ts). Throws IotdaCredentialError.
 */
function requireTokenFields(creds: IamTokenCredentials, raw: ICredentialDataDecryptedObject): void {
	if (!creds.userName) throw new IotdaCredentialError('"IAM User Name" is empty');
	if (!creds.password) throw new IotdaCredentialError('"Password" is empty');
	if (!creds.domainName) throw new IotdaCredentialError('"Account Name" is empty');
	if (!creds.region && !creds.project)
		throw new IotdaCredentialError('"Region" (or "Project") is empty');
	if (!creds.region && !text(raw.iamEndpoint))
		throw new IotdaCredentialError(
			'"Region" (or "Custom Region ID") is empty and no "IAM Endpoint" is set',
		);
}

/** IAM's error text from `{error: {message}}` (Keystone shape) or `{error_msg}` (gateway shape). */
function iamMessage(body: unknown): string {
	const data = (typeof body === 'string' ? safeJson(body) : body) as IDataObject | undefined;
	const nested = (data?.error as IDataObject | undefined)?.message;
	const message = typeof nested === 'string' ? nested : data?.error_msg;
	return typeof message === 'string' && message ? message.slice(0, 300) : 'no message';
}

function safeJson(body: string): unknown {
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}

/**
 * What to do about a refused token request. IAM answers 401 for a wrong user name, password or account
 * name, and refuses users with login protection (virtual MFA) on the password method (they need the
 * "password + MFA" method, iam_03_0006); a locked user is refused until the lock ends. The texts
 * matched are assumptions where IAM's pages give no error table.
 */
function iamHint(status: number, message: string): string {
	if (/mfa|totp|verification code|login protection/i.test(message))
		return 'The IAM user has login protection (virtual MFA), which the password method cannot pass: use an IAM user without login protection for API access, or the AK/SK credential.';
	if (/lock/i.test(message))
		return 'The IAM user is locked (too many wrong passwords or locked by an administrator): wait for the lock to end or ask the account administrator to unlock it.';
	if (status === 401)
		return 'Check "IAM User Name", "Password" and "Account Name" (the account that owns the IAM user, shown on My Credentials). A HUAWEI ID cannot obtain tokens: use an IAM user.';
	if (status === 400)
		return 'IAM refused the request: check "Project" (an id of 32 hex digits, or a project name such as cn-north-4).';
	if (status === 403)
		return 'IAM refused the user: check that it is enabled and may log in with a password (programmatic access).';
	if (status === 404)
		return 'Not found: check "IAM Endpoint" (e.g. https://iam.cn-north-4.myhuaweicloud.com).';
	return 'Check "IAM Endpoint" and try again later.';
}

function headerOf(headers: IDataObject | undefined, name: string): string {
	const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
	const value = Array.isArray(entry?.[1]) ? entry?.[1][0] : entry?.[1];
	return typeof value === 'string' ? value : '';
}

/** Removes any echo of the password from a text IAM sent back. */
const withoutPassword = (value: string, password: string) =>
	password ? value.split(password).join('***') : value;

/** `token.project` of IAM's 201 body (KeystoneCreateUserTokenByPassword response). */
function tokenProject(body: unknown): IDataObject | undefined {
	return ((body as IDataObject | undefined)?.token as IDataObject | undefined)?.project as
		| IDataObject
		| undefined;
}

/**
 * The project id the token is scoped to: IAM's `token.project.id` (KeystoneCreateUserTokenByPassword response),
 * else the credential's Project when it already is an id; '' when neither is known.
 */
function tokenProjectId(body: unknown, configured: string): string {
	const project = tokenProject(body);
	if (typeof project?.id === 'string') return project.id;
	return PROJECT_ID.test(configured) ? configured : '';
}

/**
 * The `preAuthentication` of the IAM Token credential: asks IAM for a project-scoped token and returns the
 * hidden fields to store (`iamToken`, `iamTokenProjectId`, `iamTokenScope`). Throws `IotdaCredentialError`
 * for empty fields and `IamTokenError` (no `response`, so n8n does not retry it as an expired credential)
 * for every IAM failure.
 */
export async function obtainIamToken(
	this: IHttpRequestHelper,
	raw: ICredentialDataDecryptedObject,
): Promise<IDataObject> {
	const creds = readIamTokenCredentials(raw);
	requireTokenFields(creds, raw);
	const user = {
		name: creds.userName,
		password: creds.password,
		domain: { name: creds.domainName },
	};
	let response: IamAnswer | undefined;
	let failure = 'no response';
	try {
		response = (await this.helpers.httpRequest({
			method: 'POST',
			url: targetUrl('/v3/auth/tokens', creds.iamEndpoint, 'IAM Endpoint').toString(),
			headers: { 'Content-Type': 'application/json;charset=utf8' },
			body: {
				auth: {
					identity: { methods: ['password'], password: { user } },
					scope: { project: projectScope(creds) },
				},
			},
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			skipSslCertificateValidation: creds.ignoreSslIssues,
		})) as typeof response;
	} catch (error) {
		// The HTTP error holds the request, password included: only its code leaves this function.
		const code = (error as { code?: unknown }).code;
		if (typeof code === 'string') failure = code;
	}
	if (!response)
		throw new IamTokenError(
			`IAM at ${creds.iamEndpoint} could not be reached (${failure})`,
			iamHint(0, ''),
			false,
		);
	return tokenFields(response, creds);
}

type IamAnswer = { statusCode: number; headers?: IDataObject; body?: unknown };

/**
 * The hidden fields to store from IAM's answer (201, the token in `X-Subject-Token`, the project in
 * `token.project`, iam_30_0001), or the IamTokenError naming what is wrong with it: IAM's refusal with its message,
 * the missing header, a project of another region than IoTDA's, or no project id.
 */
function tokenFields(response: IamAnswer, creds: IamTokenCredentials): IDataObject {
	if (response.statusCode !== 201) {
		const message = withoutPassword(iamMessage(response.body), creds.password);
		throw new IamTokenError(
			`IAM refused the token request (HTTP ${response.statusCode}): ${message}`,
			iamHint(response.statusCode, message),
		);
	}
	const token = headerOf(response.headers, 'x-subject-token');
	if (!token)
		throw new IamTokenError(
			'IAM answered HTTP 201 without the X-Subject-Token header, which carries the token',
			'Something between n8n and IAM (a proxy or gateway) may drop the header, or "IAM Endpoint" is not IAM: check "IAM Endpoint" (e.g. https://iam.cn-north-4.myhuaweicloud.com).',
		);
	checkProjectRegion(response.body, creds);
	const projectId = tokenProjectId(response.body, creds.project);
	if (!projectId)
		throw new IamTokenError('IAM answered without the project id of the token', iamHint(400, ''));
	return {
		[TOKEN_FIELDS.token]: token,
		[TOKEN_FIELDS.projectId]: projectId,
		[TOKEN_FIELDS.scope]: tokenScopeOf(creds),
	};
}

/** A region id in a Huawei Cloud host, e.g. `cn-north-4` in `x.st1.iotda-app.cn-north-4.myhuaweicloud.com`. */
const HOST_REGION = /\.([a-z]{2}-[a-z]+-\d{1,2})\.myhuaweicloud\.com$/i;

/** The region IoTDA is called in: the one its endpoint's host names, else the credential's Region. */
function iotdaRegionOf(creds: IamTokenCredentials): string {
	try {
		return HOST_REGION.exec(new URL(creds.endpoint).hostname)?.[1] ?? creds.region;
	} catch {
		return creds.region; // an endpoint that is no URL is named when a request is shaped (request.ts)
	}
}

/**
 * IAM issues a token for a project of any region (IAM is global), but the token serves only its project's region:
 * Huawei's FAQs on 401 APIG.0301 "decrypt token fail" list a token of another region among its causes (MetaStudio
 * metastudio_04_0079, OCR ocr_01_0063). The project's region is its name up to `_` (IAM user guide iam_05_0001:
 * default projects are named like the region, subprojects `<region>_<name>`). Throws IamTokenError naming both.
 */
function checkProjectRegion(body: unknown, creds: IamTokenCredentials): void {
	const name = tokenProject(body)?.name;
	const projectRegion = typeof name === 'string' ? name.split('_')[0] : '';
	const iotdaRegion = iotdaRegionOf(creds);
	if (!projectRegion || !iotdaRegion || projectRegion === iotdaRegion) return;
	throw new IamTokenError(
		`the project "${name}" is in region ${projectRegion}, but IoTDA is called in region ${iotdaRegion}: IoTDA refuses a token of another region's project`,
		`Set "Region" to ${projectRegion} (and "Endpoint", if set, to IoTDA of ${projectRegion}), or "Project" to a project of ${iotdaRegion} (its default project is named ${iotdaRegion}).`,
	);
}

/**
 * The `authenticate` of the IAM Token credential: `X-Auth-Token` (+ `Instance-Id`) on the request, the
 * endpoint joined in, the query folded into the URL and the token's project id in the `/v5/iot/{project_id}`
 * segment. Idempotent: n8n
 * applies it again to its own output after refreshing the token, so the header is replaced and the project
 * segment set again. A token issued for other fields (the user, account, project or IAM endpoint was edited)
 * is not sent: IoTDA then answers 401 and n8n fetches one for the current fields. Throws IotdaCredentialError
 * for an empty region with no "Endpoint" (the default address needs it) and for an endpoint that is no URL.
 */
export function applyIamToken(
	raw: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const creds = readIamTokenCredentials(raw);
	requireRegionForDefaultEndpoint(creds, options);
	const token = text(raw[TOKEN_FIELDS.token]);
	const current = token !== '' && raw[TOKEN_FIELDS.scope] === tokenScopeOf(creds);
	const projectId =
		text(raw[TOKEN_FIELDS.projectId]) ||
		(PROJECT_ID.test(creds.project) ? creds.project : PROJECT_ID_PLACEHOLDER);
	const url = urlWithQuery(resolveTarget(options, creds, projectId));
	const headers = requestHeaders(options, creds, ['x-auth-token']);
	if (current) headers['X-Auth-Token'] = token;
	return shapedOptions(options, creds, { url, headers });
}
