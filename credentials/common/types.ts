/**
 * The two credential type names, by the value of the nodes' Authentication parameter that selects each
 * (nodes/HuaweiCloudIotda/descriptions/authentication.description.ts). The credential classes, the nodes'
 * credential list and the transport all read them from here.
 */
export const CREDENTIAL_TYPES = {
	/** AK/SK, signed (SDK-HMAC-SHA256 / V11-HMAC-SHA256): HuaweiCloudIotdaApi.credentials.ts. */
	accessKey: 'huaweiCloudIotdaApi',
	/** An IAM user's token (`X-Auth-Token`): HuaweiCloudIotdaIamTokenApi.credentials.ts. */
	iamToken: 'huaweiCloudIotdaIamTokenApi',
} as const;

/** An Authentication parameter value: `accessKey` or `iamToken`. */
export type AuthenticationMethod = keyof typeof CREDENTIAL_TYPES;
