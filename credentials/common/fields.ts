/**
 * Credential fields both credential types share (AK/SK and IAM Token), so their names, defaults and texts cannot
 * drift apart. Each credential keeps its own Region description, since the region serves a different purpose in each.
 */
import type { INodeProperties } from 'n8n-workflow';

import { IOTDA_REGIONS } from './endpoint';

/** Region choices: every region of IOTDA_REGIONS plus "Custom Region ID" (read from `customRegion`). */
export const REGION_OPTIONS = [
	...IOTDA_REGIONS.map((r) => ({ name: `${r.name} (${r.id})`, value: r.id })),
	{ name: 'Custom Region ID', value: 'custom' },
];

export const customRegionField: INodeProperties = {
	displayName: 'Custom Region ID',
	name: 'customRegion',
	type: 'string',
	default: '',
	placeholder: 'e.g. cn-north-4',
	displayOptions: { show: { region: ['custom'] } },
};

export const endpointField: INodeProperties = {
	displayName: 'Endpoint',
	name: 'endpoint',
	type: 'string',
	default: '',
	placeholder: 'https://iotda.cn-north-4.myhuaweicloud.com',
	description:
		'Leave empty for the public endpoint of the region. Standard/Enterprise instances: the application access address from the instance overview (e.g. https://xxxx.st1.iotda-app.cn-north-4.myhuaweicloud.com).',
};

/** Sent as the `Instance-Id` header (the name every operation of Huawei's SDK meta uses, GO ioTDA_meta.go). */
export const instanceIdField: INodeProperties = {
	displayName: 'Instance ID',
	name: 'instanceId',
	type: 'string',
	default: '',
	description: 'Sent as the Instance-Id header; required for some Standard/Enterprise instances',
};

export const ignoreSslIssuesField: INodeProperties = {
	displayName: 'Ignore SSL Issues (Insecure)',
	name: 'ignoreSslIssues',
	type: 'boolean',
	default: false,
	description: 'Whether to connect even if SSL certificate validation is not possible',
};
