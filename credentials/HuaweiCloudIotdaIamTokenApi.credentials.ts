import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

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
import { applyIamToken, obtainIamToken, TOKEN_FIELDS } from './common/iamToken';

/**
 * Huawei Cloud IoTDA with an IAM user's password instead of access keys: n8n obtains a project-scoped IAM
 * token (`preAuthentication`), keeps it in a hidden expirable field and sends it as `X-Auth-Token`; after a
 * 401 it obtains a new one once. See credentials/common/iamToken.ts.
 */
export class HuaweiCloudIotdaIamTokenApi implements ICredentialType {
	name = CREDENTIAL_TYPES.iamToken;

	displayName = 'Huawei Cloud IoTDA (IAM Token) API';

	icon: Icon = {
		light: 'file:../icons/huaweicloud-iotda.svg',
		dark: 'file:../icons/huaweicloud-iotda.dark.svg',
	};

	documentationUrl = 'https://support.huaweicloud.com/intl/en-us/api-iam/iam_30_0001.html';

	properties: INodeProperties[] = [
		{
			displayName: 'IAM Token',
			name: TOKEN_FIELDS.token,
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'IAM Token Project ID',
			name: TOKEN_FIELDS.projectId,
			type: 'hidden',
			default: '',
		},
		{ displayName: 'IAM Token Scope', name: TOKEN_FIELDS.scope, type: 'hidden', default: '' },
		{
			displayName: 'IAM User Name',
			name: 'userName',
			type: 'string',
			default: '',
			required: true,
			description: 'An IAM user of the account with IoTDA permissions (IAM console → Users)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The IAM user’s login password',
		},
		{
			displayName: 'Account Name',
			name: 'domainName',
			type: 'string',
			default: '',
			required: true,
			description:
				'The Huawei Cloud account (domain) that owns the IAM user (My Credentials → API Credentials → Account Name)',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'cn-north-4',
			options: REGION_OPTIONS,
			description:
				'Region of the IoTDA instance; used for the default endpoints and the default project',
		},
		customRegionField,
		{
			displayName: 'Project',
			name: 'project',
			type: 'string',
			default: '',
			placeholder: 'e.g. cn-north-4 or 0a1b2c3d4e5f60718293a4b5c6d7e8f9',
			description:
				'Project ID (32 hex digits) or project name (My Credentials → API Credentials → Projects). Leave empty for the region’s default project.',
		},
		endpointField,
		instanceIdField,
		{
			displayName: 'IAM Endpoint',
			name: 'iamEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://iam.cn-north-4.myhuaweicloud.com',
			description:
				'Where tokens are requested. Leave empty for https://iam.&lt;region&gt;.myhuaweicloud.com.',
		},
		ignoreSslIssuesField,
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		return await obtainIamToken.call(this, credentials);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return applyIamToken(credentials, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: `/v5/iot/${PROJECT_ID_PLACEHOLDER}/apps`,
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
		},
		rules: credentialTestRules(CREDENTIAL_HINTS.tokenRefused),
	};
}
