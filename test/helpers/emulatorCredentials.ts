import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { EmulatorAccount } from '../emulator';
import { iamUserOf } from '../emulator/iam';

/** The node's credential data for one of the emulator's seeded accounts. */
export function credentialsFor(
	account: EmulatorAccount,
	url: string,
	extra: Record<string, unknown> = {},
): ICredentialDataDecryptedObject {
	return {
		accessKeyId: account.ak,
		secretAccessKey: account.sk,
		securityToken: account.securityToken ?? '',
		projectId: account.projectId,
		region: account.region,
		endpoint: url,
		instanceId: account.instanceId ?? '',
		signingMode: 'auto',
		...(extra as ICredentialDataDecryptedObject),
	};
}

/**
 * Data of the IAM Token credential for a seeded account's IAM user (test/emulator/iam.ts), with both IoTDA
 * and IAM pointed at the emulator. The hidden token fields start empty, as in a newly saved credential.
 */
export function tokenCredentialsFor(
	account: EmulatorAccount,
	url: string,
	extra: Record<string, unknown> = {},
): ICredentialDataDecryptedObject {
	const user = iamUserOf(account);
	return {
		userName: user.userName,
		password: user.password,
		domainName: user.domainName,
		region: account.region,
		project: account.projectId,
		endpoint: url,
		iamEndpoint: url,
		instanceId: account.instanceId ?? '',
		ignoreSslIssues: false,
		iamToken: '',
		iamTokenProjectId: '',
		iamTokenScope: '',
		...(extra as ICredentialDataDecryptedObject),
	};
}
