/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// IAM token authentication (issue #19, emulator part): `POST /v3/auth/tokens` with the password method and a
// project scope issues a token in `X-Subject-Token`; IoTDA routes accept it in `X-Auth-Token`. Shapes follow
// Huawei's IAM page "Obtaining a User Token Through Password Authentication" (iam_30_0001: 201, token in the
// X-Subject-Token header, body `{token: {expires_at, issued_at, methods, project, user, roles, catalog}}`,
// tokens valid 24 hours). Error bodies and codes are assumptions (see docs/emulator.md).
import * as crypto from 'node:crypto';
import { ApiError } from './errors';
import type { EmulatorAccount } from './seed-accounts';

/** Fake IAM user of an emulator account: domain (account) name, user name and password. */
export interface IamUser {
	domainName: string;
	userName: string;
	password: string;
}

/** The IAM user the emulator knows for an account (derived from its name, so nothing extra is stored). */
export const iamUserOf = (a: EmulatorAccount): IamUser => ({
	domainName: `emu_domain_${a.name}`,
	userName: `emu_user_${a.name}`,
	password: `EmuIamPassword-${a.name}-1`,
});

/**
 * The account's project in another region: IAM is a global service and issues a token for any project of the
 * account, whichever region's IAM endpoint is asked (IAM API "Obtaining a User Token Through Password
 * Authentication", iam_30_0001; IAM user guide iam_05_0001: one default project per region, named like the region,
 * subprojects named `<region>_<name>`). The emulator's IoTDA serves the account's own region only.
 */
export function otherRegionProjectOf(a: EmulatorAccount): { id: string; name: string } {
	return {
		id: crypto.createHash('sha256').update(`project:${a.name}`).digest('hex').slice(0, 32),
		name: a.region === 'ap-southeast-1' ? 'cn-north-4' : 'ap-southeast-1',
	};
}

/** IAM page iam_30_0001: "The validity period of a token is 24 hours." */
export const DEFAULT_TOKEN_TTL_MS = 24 * 3_600_000;

interface IssuedToken {
	account: EmulatorAccount;
	expiresAt: number;
	/** Scoped to the account's project of another region (otherRegionProjectOf). */
	otherRegion: boolean;
}

/** IAM-style error (assumed shape: IAM's v3 API answers Keystone-like `{error: {code, message, title}}`). */
const iamError = (status: number, title: string, message: string) =>
	new ApiError(status, String(status), message, {}, { error: { code: status, message, title } });

/**
 * Tokens issued by one emulator (instance state; dropped by reset()). Expiry runs on the emulator clock,
 * so tests can age a token with `emu.clock.advance()` or shorten new ones with `ttlMs`.
 */
export class TokenStore {
	private tokens = new Map<string, IssuedToken>();
	ttlMs = DEFAULT_TOKEN_TTL_MS;

	clear(): void {
		this.tokens.clear();
	}

	/**
	 * Checks a `POST /v3/auth/tokens` body against the accounts' IAM users. Returns the new token, the
	 * header and the 201 body; throws 400 for a malformed body and 401 for wrong credentials or a project
	 * that is not the user's.
	 */
	issue(
		body: unknown,
		accounts: readonly EmulatorAccount[],
		now: number,
	): { token: string; body: Record<string, unknown> } {
		const auth = (body as { auth?: Record<string, any> } | undefined)?.auth;
		const identity = auth?.identity;
		if (!identity || !Array.isArray(identity.methods) || !identity.methods.includes('password')) {
			throw iamError(400, 'Bad Request', 'auth.identity.methods must contain "password"');
		}
		const user = identity.password?.user;
		const project = auth?.scope?.project;
		if (
			typeof user?.name !== 'string' ||
			typeof user?.password !== 'string' ||
			typeof user?.domain?.name !== 'string'
		) {
			throw iamError(
				400,
				'Bad Request',
				'auth.identity.password.user needs name, password and domain.name',
			);
		}
		if (typeof project?.id !== 'string' && typeof project?.name !== 'string') {
			throw iamError(
				400,
				'Bad Request',
				'auth.scope.project needs id or name (only project-scoped tokens are supported)',
			);
		}
		const account = accounts.find((a) => {
			const u = iamUserOf(a);
			return (
				u.domainName === user.domain.name &&
				u.userName === user.name &&
				u.password === user.password
			);
		});
		if (!account) throw iamError(401, 'Unauthorized', 'The username or password is wrong.');
		const scoped = projectOf(account, project);
		const token = 'MIIemu' + crypto.randomBytes(96).toString('base64url');
		const expiresAt = now + this.ttlMs;
		this.tokens.set(token, { account, expiresAt, otherRegion: scoped.id !== account.projectId });
		const domain = {
			id: crypto.createHash('sha256').update(account.name).digest('hex').slice(0, 32),
			name: iamUserOf(account).domainName,
		};
		return {
			token,
			body: {
				token: {
					expires_at: iamTime(expiresAt),
					issued_at: iamTime(now),
					methods: ['password'],
					project: { ...scoped, domain },
					user: {
						id: crypto
							.createHash('sha256')
							.update(`user:${account.name}`)
							.digest('hex')
							.slice(0, 32),
						name: iamUserOf(account).userName,
						domain,
					},
					roles: [{ id: '0', name: 'te_admin' }],
					catalog: [],
				},
			},
		};
	}

	/**
	 * The account of a valid token. A token of the account's project in another region: 401 APIG.0301 "decrypt
	 * token fail" — Huawei's FAQs on that message list a token obtained for another region than the service's
	 * among its causes (MetaStudio metastudio_04_0079, OCR ocr_01_0063); the code for exactly this case is
	 * assumed. Unknown: 401 APIG.0301 "Incorrect IAM authentication information: decrypt
	 * token fail" (the gateway's text as quoted on Huawei's doc pages); expired: 401 APIG.0307 "The token
	 * must be updated." (code assumed).
	 */
	verify(token: string, now: number): EmulatorAccount {
		const issued = this.tokens.get(token);
		if (!issued)
			throw new ApiError(
				401,
				'APIG.0301',
				'Incorrect IAM authentication information: decrypt token fail',
			);
		if (now >= issued.expiresAt) throw new ApiError(401, 'APIG.0307', 'The token must be updated.');
		if (issued.otherRegion)
			throw new ApiError(
				401,
				'APIG.0301',
				'Incorrect IAM authentication information: decrypt token fail',
			);
		return issued.account;
	}
}

/**
 * The project a token request's scope names: the account's own (by id, or by name = its region) or its project in
 * another region; 401 for any other (the user has no such project).
 */
function projectOf(
	account: EmulatorAccount,
	scope: { id?: unknown; name?: unknown },
): { id: string; name: string } {
	const own = { id: account.projectId, name: account.region };
	const found = [own, otherRegionProjectOf(account)].find((p) =>
		scope.id !== undefined ? scope.id === p.id : scope.name === p.name,
	);
	if (!found)
		throw iamError(
			401,
			'Unauthorized',
			'The project is not found or the user has no access to it.',
		);
	return found;
}

/** IAM's time format, e.g. `2020-01-04T09:08:49.965000Z`. */
function iamTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
