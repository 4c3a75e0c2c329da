import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { authenticateRequest } from './common/authenticate';
import { CREDENTIAL_HINTS, credentialTestRules } from './common/hints';
import { PROJECT_ID_PLACEHOLDER } from './common/request';
import { CREDENTIAL_TYPES } from './common/types';
import {
	customRegionField,
	endpointField,
	ignoreSslIssuesField,
	instanceIdField,
	REGION_OPTIONS,
} from './common/fields';

export class HuaweiCloudIotdaApi implements ICredentialType {
	name = CREDENTIAL_TYPES.accessKey;

	displayName = 'Huawei Cloud IoTDA API';

	icon: Icon = {
		light: 'file:../icons/huaweicloud-iotda.svg',
		dark: 'file:../icons/huaweicloud-iotda.dark.svg',
	};

	documentationUrl = 'https://support.huaweicloud.com/intl/en-us/api-iothub/iot_06_v5_0002.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			description: 'AK of an IAM user allowed to use IoTDA (My Credentials → Access Keys)',
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'SK that belongs to the access key',
		},
		{
			displayName: 'Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for temporary AK/SK (from IAM security tokens); leave empty for permanent keys',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			required: true,
			description: 'IAM project ID of the region (My Credentials → API Credentials → Projects)',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'cn-north-4',
			options: REGION_OPTIONS,
			description:
				'Region of the IoTDA instance; used for the default endpoint and the derived signing scope',
		},
		customRegionField,
		endpointField,
		instanceIdField,
		{
			displayName: 'Signing',
			name: 'signingMode',
			type: 'options',
			default: 'auto',
			options: [
				{
					name: 'Auto',
					value: 'auto',
					description:
						'Derived (V11) unless the endpoint is a public Huawei Cloud address, as Huawei SDKs decide',
				},
				{ name: 'Basic (SDK-HMAC-SHA256)', value: 'basic' },
				{
					name: 'Derived (V11-HMAC-SHA256)',
					value: 'derived',
					description: 'Needed by Standard/Enterprise instance addresses',
				},
			],
		},
		ignoreSslIssuesField,
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return authenticateRequest(credentials, requestOptions, new Date());
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: `/v5/iot/${PROJECT_ID_PLACEHOLDER}/apps`,
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
		rules: credentialTestRules(CREDENTIAL_HINTS.signatureRejected),
	};
}
