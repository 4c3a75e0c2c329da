/**
 * The device filters of Device → Search and Device → Count, and of Create's Target Source "Devices Matching a
 * Search" (under renamed fields there): the form's fields and how an item's values become fleet/searchSql.ts
 * DeviceFilters.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	checkRawConditions,
	DEVICE_STATUSES,
	SEARCH_MAX_CONDITIONS,
	type DeviceFilters,
	type SqlPurpose,
	type VersionFilter,
} from '../../fleet/searchSql';
import type { DeviceQuery } from '../../fleet/resolveDevices';
import { InputError } from '../../helpers/inputErrors';
import { optionalText, requireText } from '../../helpers/validate';

const versionMatch = (name: string, kind: string): INodeProperties => ({
	displayName: `${kind} Version`,
	name,
	type: 'options',
	options: [
		{ name: 'Any', value: 'any', description: `Do not filter by ${kind.toLowerCase()} version` },
		{ name: 'Is', value: 'is', description: 'The device runs one of the versions given' },
		{ name: 'Is Not', value: 'isNot', description: 'The device runs none of the versions given' },
	],
	default: 'any',
	displayOptions: { show: { filterMode: ['form'] } },
});
const versionList = (name: string, match: string, kind: string): INodeProperties => ({
	displayName: `${kind} Versions`,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. 2.0.1, 2.0.2',
	description: `One or more ${kind.toLowerCase()} versions, separated by commas`,
	displayOptions: { show: { filterMode: ['form'], [match]: ['is', 'isNot'] } },
});
const text = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
	displayOptions: { show: { filterMode: ['form'] } },
});

/** The filter fields (the operation adds its own display condition). */
export const deviceFilterFields: INodeProperties[] = [
	{
		displayName: 'Define Devices',
		name: 'filterMode',
		type: 'options',
		options: [
			{
				name: 'Using Filters',
				value: 'form',
				description: 'Combine the filters below (all must hold)',
			},
			{
				name: 'Using SQL Conditions',
				value: 'sql',
				description: 'Write the WHERE conditions of IoTDA’s device search yourself',
			},
		],
		default: 'form',
	},
	text('Product ID', 'productId', 'Only devices of this product. Leave empty for every product.'),
	{
		displayName: 'Status',
		name: 'statuses',
		type: 'multiOptions',
		options: DEVICE_STATUSES.map((s) => ({ name: s, value: s })),
		default: [],
		description: 'Only devices in one of these states. None selected: any state.',
		displayOptions: { show: { filterMode: ['form'] } },
	},
	versionMatch('firmwareMatch', 'Firmware'),
	versionList('firmwareVersions', 'firmwareMatch', 'Firmware'),
	versionMatch('softwareMatch', 'Software'),
	versionList('softwareVersions', 'softwareMatch', 'Software'),
	text(
		'Device Group ID',
		'groupId',
		'Only members of this device group (Standard and Enterprise editions only)',
	),
	text('Resource Space ID', 'appId', 'Only devices of this resource space (app_id)'),
	text('Tag Key', 'tagKey', 'Only devices with a tag of this key'),
	text(
		'Tag Value',
		'tagValue',
		'Only devices with a tag of this value (IoTDA does not tie it to the Tag Key’s tag)',
	),
	{
		displayName: 'SQL Conditions',
		name: 'sqlConditions',
		type: 'string',
		required: true,
		default: '',
		placeholder: "e.g. product_id = 'abc' and fw_version != '2.0.1'",
		description: `The conditions after WHERE in IoTDA’s device search (fields such as product_id, status, fw_version, sw_version, group_id, app_id, tag_key; =, !=, in, not in, like). AND only: at most ${SEARCH_MAX_CONDITIONS - 1} conditions for Search (paging needs one), ${SEARCH_MAX_CONDITIONS} for Count.`,
		displayOptions: { show: { filterMode: ['sql'] } },
	},
];

/** A field's name in a form: the filter field's own name, or the name a form gave it (renamedFilterFields). */
export type FieldName = (name: string) => string;
const sameName: FieldName = (name) => name;

/**
 * The filter fields under other names (`rename`), display conditions included, for a form whose own fields
 * would collide with them (Create has a `productId` of its own).
 */
export function renamedFilterFields(rename: FieldName): INodeProperties[] {
	return deviceFilterFields.map((field) => {
		const show = field.displayOptions?.show;
		const renamed = { ...field, name: rename(field.name) };
		if (!show) return renamed;
		const keys = Object.entries(show).map(([key, values]) => [rename(key), values]);
		return { ...renamed, displayOptions: { show: Object.fromEntries(keys) } };
	});
}

function versionFilter(
	this: IExecuteFunctions,
	i: number,
	kind: 'firmware' | 'software',
	named: FieldName,
): VersionFilter | undefined {
	const match = this.getNodeParameter(named(`${kind}Match`), i, 'any') as string;
	if (match === 'any') return undefined;
	const field = kind === 'firmware' ? 'Firmware Versions' : 'Software Versions';
	const raw = this.getNodeParameter(named(`${kind}Versions`), i, '') as unknown;
	const versions = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(','))
		.map((v) => v.trim())
		.filter((v) => v !== '');
	if (versions.length === 0) throw new InputError(field, raw, 'needs at least one version');
	return { match: match === 'isNot' ? 'isNot' : 'is', versions: [...new Set(versions)] };
}

/**
 * Item `i`'s filters (or raw conditions) for `purpose`, read from the fields as `named` names them; throws
 * InputError naming the field.
 */
export function readDeviceQuery(
	this: IExecuteFunctions,
	i: number,
	purpose: SqlPurpose['kind'],
	named: FieldName = sameName,
): DeviceQuery {
	if (this.getNodeParameter(named('filterMode'), i, 'form') === 'sql')
		return checkRawConditions(
			requireText('SQL Conditions', this.getNodeParameter(named('sqlConditions'), i, '')),
			purpose,
		);
	const opt = (name: string, label: string) =>
		optionalText(label, this.getNodeParameter(named(name), i, ''));
	const tagKey = opt('tagKey', 'Tag Key');
	const tagValue = opt('tagValue', 'Tag Value');
	if (tagValue !== undefined && tagKey === undefined)
		throw new InputError('Tag Key', '', 'is required with a Tag Value');
	const statuses = this.getNodeParameter(named('statuses'), i, []) as string[];
	const filters: DeviceFilters = {
		productId: opt('productId', 'Product ID'),
		appId: opt('appId', 'Resource Space ID'),
		statuses: statuses.length ? statuses : undefined,
		firmware: versionFilter.call(this, i, 'firmware', named),
		software: versionFilter.call(this, i, 'software', named),
		groupId: opt('groupId', 'Device Group ID'),
		tag: tagKey === undefined ? undefined : { key: tagKey, value: tagValue },
	};
	return Object.fromEntries(
		Object.entries(filters).filter(([, v]) => v !== undefined),
	) as DeviceFilters;
}
