import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { EmulatorAccount } from '../emulator';

/** The node's credential data for one of the emulator's seeded accounts. */
export function credentialsFor(account: EmulatorAccount, url: string, extra: Record<string, unknown> = {}): ICredentialDataDecryptedObject {
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
