/**
 * How a node signs in to IoTDA — shared by the action node and the trigger, so both offer the same two
 * credentials: AK/SK (`huaweiCloudIotdaApi`, SDK-HMAC-SHA256 / V11-HMAC-SHA256 signing) or an IAM user's token
 * (`huaweiCloudIotdaIamTokenApi`, `X-Auth-Token`). The transport reads the `authentication` parameter
 * (transport/index.ts credentialTypeOf); workflows saved before it existed have none and use AK/SK.
 */
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

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

export const authenticationCredentials: INodeCredentialDescription[] = [
	{
		name: 'huaweiCloudIotdaApi',
		required: true,
		displayOptions: { show: { authentication: ['accessKey'] } },
	},
	{
		name: 'huaweiCloudIotdaIamTokenApi',
		required: true,
		displayOptions: { show: { authentication: ['iamToken'] } },
	},
];
