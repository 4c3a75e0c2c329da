/**
 * How a node signs in to IoTDA — shared by the action node and the trigger, so both offer the same two
 * credentials: AK/SK (`huaweiCloudIotdaApi`, SDK-HMAC-SHA256 / V11-HMAC-SHA256 signing) or an IAM user's token
 * (`huaweiCloudIotdaIamTokenApi`, `X-Auth-Token`). The transport reads the `authentication` parameter
 * (transport/index.ts credentialTypeOf); workflows saved before it existed have none and use AK/SK.
 */
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../../../credentials/common/types';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Access Key (AK/SK)', value: 'accessKey' },
		{ name: 'IAM Token (User Name and Password)', value: 'iamToken' },
	],
	default: 'accessKey',
};

/** Each credential type, shown when Authentication has the value it is listed under in CREDENTIAL_TYPES. */
export const authenticationCredentials: INodeCredentialDescription[] = Object.entries(
	CREDENTIAL_TYPES,
).map(([authentication, name]) => ({
	name,
	required: true,
	displayOptions: { show: { authentication: [authentication] } },
}));
