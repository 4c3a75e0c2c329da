/**
 * Issue #30: plain language in the form. Every user-facing string of both nodes and both credentials — display
 * names, descriptions, hints, placeholders, option names and descriptions, actions, notices, the node's own
 * description and subtitle — names settings as the form does, never by the IoTDA API field behind them (those
 * names are for the README).
 */
import type { ICredentialType, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { HuaweiCloudIotdaApi } from '../credentials/HuaweiCloudIotdaApi.credentials';
import { HuaweiCloudIotdaIamTokenApi } from '../credentials/HuaweiCloudIotdaIamTokenApi.credentials';
import { HuaweiCloudIotda } from '../nodes/HuaweiCloudIotda/HuaweiCloudIotda.node';
import { HuaweiCloudIotdaTrigger } from '../nodes/HuaweiCloudIotdaTrigger/HuaweiCloudIotdaTrigger.node';

/** API field names a user never types in the form. */
const API_JARGON = [
	/targets_filter/,
	/document_source/,
	/document\./,
	/package_ids?\b/,
	/\bparas\b/,
	/\(targets\)/,
	/task_ext_info/,
	/need_confirm/,
	/targets_from/,
];

type Option = { name?: string; displayName?: string; description?: string; action?: string };

/** [where, text] of every user-facing string of `properties`, through collections and their options. */
function strings(properties: readonly INodeProperties[], where: string): Array<[string, string]> {
	const out: Array<[string, string]> = [];
	for (const p of properties) {
		const at = `${where} › ${p.displayName || p.name}`;
		for (const key of ['displayName', 'description', 'hint', 'placeholder'] as const)
			if (typeof p[key] === 'string') out.push([`${at} (${key})`, p[key] as string]);
		for (const option of (p.options ?? []) as Array<Option & { values?: INodeProperties[] }>) {
			if ('type' in option) {
				out.push(...strings([option as unknown as INodeProperties], at));
				continue;
			}
			for (const key of ['name', 'displayName', 'description', 'action'] as const)
				if (typeof option[key] === 'string') out.push([`${at} › option (${key})`, option[key]!]);
			if (option.values) out.push(...strings(option.values, at));
		}
	}
	return out;
}

function nodeStrings(description: INodeTypeDescription): Array<[string, string]> {
	const where = description.displayName;
	return [
		[`${where} (description)`, description.description],
		[`${where} (subtitle)`, String(description.subtitle ?? '')],
		...strings(description.properties, where),
	];
}

const credentialStrings = (credential: ICredentialType): Array<[string, string]> =>
	strings(credential.properties, credential.displayName);

const ALL = [
	...nodeStrings(new HuaweiCloudIotda().description),
	...nodeStrings(new HuaweiCloudIotdaTrigger().description),
	...credentialStrings(new HuaweiCloudIotdaApi()),
	...credentialStrings(new HuaweiCloudIotdaIamTokenApi()),
];

describe('user-facing strings', () => {
	it('are read from both nodes and both credentials (the list is not empty)', () => {
		expect(ALL.length).toBeGreaterThan(300);
		expect(ALL.some(([where]) => where.startsWith('Huawei Cloud IoTDA Trigger'))).toBe(true);
	});

	it('name no API field', () => {
		const jargon = ALL.filter(
			([where, text]) => !where.endsWith('(subtitle)') && API_JARGON.some((re) => re.test(text)),
		).map(([where, text]) => `${where}: ${text}`);
		expect(jargon).toEqual([]);
	});

	it('the check can fail: it finds a planted API field name', () => {
		const planted = strings(
			[
				{
					displayName: 'X',
					name: 'x',
					type: 'string',
					default: '',
					description: 'sent as document.paras',
				},
			],
			'test',
		);
		expect(planted.filter(([, text]) => API_JARGON.some((re) => re.test(text)))).toHaveLength(1);
	});
});
