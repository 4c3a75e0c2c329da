/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// Fake test credentials of the emulator's seeded accounts. Other tests and the demo import these.
export interface EmulatorAccount {
	/** Short label used in logs and by tests. */
	name: string;
	ak: string;
	sk: string;
	projectId: string;
	region: string;
	/** When set, requests must carry this Instance-Id header (professional-edition behaviour). */
	instanceId?: string;
	requireInstanceId?: boolean;
	/** When set, the account is "temporary": X-Security-Token must be sent and equal this value. */
	securityToken?: string;
}

export const DEFAULT_ACCOUNT: EmulatorAccount = {
	name: 'basic',
	ak: 'EMUAKBASIC0000000001',
	sk: 'EmulatorSecretKeyBasic000000000000000001',
	projectId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
	region: 'cn-north-4',
};

export const INSTANCE_ACCOUNT: EmulatorAccount = {
	name: 'instance',
	ak: 'EMUAKINSTANCE0000002',
	sk: 'EmulatorSecretKeyInstance000000000000002',
	projectId: '1b2c3d4e5f60718293a4b5c6d7e8f90a',
	region: 'cn-north-4',
	instanceId: 'b2c3d4e5-0000-4000-8000-000000000002',
	requireInstanceId: true,
};

export const TEMPORARY_ACCOUNT: EmulatorAccount = {
	name: 'temporary',
	ak: 'EMUAKTEMPORARY000003',
	sk: 'EmulatorSecretKeyTemporary00000000000003',
	projectId: '2c3d4e5f60718293a4b5c6d7e8f90a1b',
	region: 'cn-south-1',
	securityToken: 'EMULATOR-SECURITY-TOKEN-0003',
};

export const SEED_ACCOUNTS: readonly EmulatorAccount[] = [
	DEFAULT_ACCOUNT,
	INSTANCE_ACCOUNT,
	TEMPORARY_ACCOUNT,
];
