/**
 * What to check when IoTDA refuses a credential, written once: the credentials' test rules (the editor's "Test"
 * button) and the transport's error hints (nodes/HuaweiCloudIotda/transport/errors.ts) both show these texts.
 */
export const CREDENTIAL_HINTS = {
	/** 401 to an AK/SK-signed request. */
	signatureRejected:
		'The AK/SK signature was rejected: check the Access Key ID, Secret Access Key and Project ID. Standard/Enterprise instance addresses need Signing = Derived; temporary keys need their Security Token; check that this machine’s clock is right.',
	/** 401 to a request with an IAM token. */
	tokenRefused:
		'IoTDA refused the IAM token: check the credential’s Project, Endpoint and Instance ID.',
	/** 403 that is not throttling. */
	accessDenied:
		'Access denied: check that IoTDA is subscribed in this region, that the IAM user may use IoTDA (IoTDA permissions, e.g. the IoTDA FullAccess or IoTDA ReadOnlyAccess policy), and the credential’s Instance ID.',
	/** 404 for a path IoTDA does not know (IOTDA.000029), e.g. the credential test's resource space list. */
	unknownPath: 'Unknown path: check the credential’s Endpoint and Project ID.',
} as const;

/** The credential test's rules for 401 (`on401`, which depends on how the credential authenticates), 403 and 404. */
export function credentialTestRules(on401: string) {
	return [
		{ type: 'responseCode' as const, properties: { value: 401, message: on401 } },
		{
			type: 'responseCode' as const,
			properties: { value: 403, message: CREDENTIAL_HINTS.accessDenied },
		},
		{
			type: 'responseCode' as const,
			properties: { value: 404, message: CREDENTIAL_HINTS.unknownPath },
		},
	];
}
