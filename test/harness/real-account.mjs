// A real Huawei Cloud IoTDA account from environment variables, for `npm run demo`:
//
//   IOTDA_ENDPOINT IOTDA_AK IOTDA_SK IOTDA_PROJECT_ID IOTDA_REGION   (all required together)
//   IOTDA_INSTANCE_ID                                                (optional)
//   IOTDA_FIRMWARE_PACKAGE_ID  IOTDA_DEVICE_IDS (comma separated)     (what the rollout uses)
//
// Values are never printed: only which variables are set.

const REQUIRED = ['IOTDA_ENDPOINT', 'IOTDA_AK', 'IOTDA_SK', 'IOTDA_PROJECT_ID', 'IOTDA_REGION'];
const FOR_ROLLOUT = ['IOTDA_FIRMWARE_PACKAGE_ID', 'IOTDA_DEVICE_IDS'];

/** undefined when no IOTDA_* account variable is set; throws when only some are set. */
export function realAccountFromEnv(env = process.env) {
	const set = REQUIRED.filter((name) => (env[name] ?? '').trim() !== '');
	if (set.length === 0) return undefined;
	const missing = [...REQUIRED, ...FOR_ROLLOUT].filter((name) => (env[name] ?? '').trim() === '');
	if (missing.length) {
		throw new Error(
			`A real IoTDA account is configured only partly: ${missing.join(', ')} not set. ` +
				`Set all of ${[...REQUIRED, ...FOR_ROLLOUT].join(', ')} (IOTDA_INSTANCE_ID optional), or none to use the local emulator.`,
		);
	}
	const region = env.IOTDA_REGION.trim();
	const endpoint = env.IOTDA_ENDPOINT.trim();
	return {
		label: `REAL Huawei Cloud IoTDA account at ${new URL(endpoint).host} (region ${region})`,
		credentialData: {
			accessKeyId: env.IOTDA_AK.trim(),
			secretAccessKey: env.IOTDA_SK.trim(),
			securityToken: (env.IOTDA_SECURITY_TOKEN ?? '').trim(),
			projectId: env.IOTDA_PROJECT_ID.trim(),
			// "custom" takes any region id as typed (the listed regions would need the built package).
			region: 'custom',
			customRegion: region,
			endpoint,
			instanceId: (env.IOTDA_INSTANCE_ID ?? '').trim(),
			signingMode: 'auto',
			ignoreSslIssues: false,
		},
		firmwarePackageId: env.IOTDA_FIRMWARE_PACKAGE_ID.trim(),
		deviceIds: env.IOTDA_DEVICE_IDS.split(/[\s,;]+/).filter(Boolean),
	};
}
