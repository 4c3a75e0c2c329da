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

/** IAM page iam_30_0001: "The validity period of a token is 24 hours." */
export const DEFAULT_TOKEN_TTL_MS = 24 * 3_600_000;

interface IssuedToken {
	account: EmulatorAccount;
	expiresAt: number;
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
		if (
			(project.id !== undefined && project.id !== account.projectId) ||
			(project.name !== undefined && project.name !== account.region)
		) {
			throw iamError(
				401,
				'Unauthorized',
				'The project is not found or the user has no access to it.',
			);
		}
		const token = 'MIIemu' + crypto.randomBytes(96).toString('base64url');
		const expiresAt = now + this.ttlMs;
		this.tokens.set(token, { account, expiresAt });
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
					project: { id: account.projectId, name: account.region, domain },
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
	 * The account of a valid token. Unknown: 401 APIG.0301 "Incorrect IAM authentication information: decrypt
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
		return issued.account;
	}
}

/** IAM's time format, e.g. `2020-01-04T09:08:49.965000Z`. */
function iamTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
