/**
 * SearchDevices SQL from device filters, and the same filters applied to a device record (for ListDevices on
 * the Basic edition). Rules from the `searchDevices` doc comment of Huawei's SDK clients (GO
 * services/iotda/v5/iotda_client.go SearchDevices; shared/reference/fleet-rollouts.md §5.1): ≤ 400 characters,
 * ≤ 5 conditions, no nesting, no null or empty values, each field's documented characters.
 *
 * Why values cannot change the query: every value is checked against its field's documented characters
 * (versions `[A-Za-z0-9_.-]`, IDs `[A-Za-z0-9_-]`, tags Chinese, letters, digits, `_.-`, status one of five
 * words) before it is put between single quotes, and none of those sets holds a quote, a backslash, a
 * semicolon, whitespace or `--` can only be part of a value. IoTDA documents no escape syntax, so refusing
 * is the only safe treatment; the error names the filter and the value.
 */
import { InputError } from '../helpers/inputErrors';

export const SEARCH_SQL_MAX_LENGTH = 400;
export const SEARCH_MAX_CONDITIONS = 5;
/** Rows of one SearchDevices page ("rows最大50"). */
export const SEARCH_PAGE_ROWS = 50;

export const DEVICE_STATUSES = ['ONLINE', 'OFFLINE', 'ABNORMAL', 'INACTIVE', 'FROZEN'] as const;

/** A version filter: devices on one of `versions` (`is`) or on none of them (`isNot`). */
export interface VersionFilter {
	match: 'is' | 'isNot';
	versions: string[];
}

/** The form's filters; every one set narrows the devices (AND). */
export interface DeviceFilters {
	productId?: string;
	statuses?: string[];
	firmware?: VersionFilter;
	software?: VersionFilter;
	groupId?: string;
	appId?: string;
	/** A tag key, and optionally a tag value (two conditions; IoTDA's SQL does not tie them to one tag). */
	tag?: { key: string; value?: string };
}

const CJK = '\\u4e00-\\u9fa5';
/** Documented characters of each field ("搜索条件字段说明"), with the form's name for errors. */
const FIELDS = {
	product_id: {
		label: 'Product ID',
		re: /^[A-Za-z0-9_-]{1,36}$/,
		text: 'letters, digits, _ and -, up to 36',
	},
	app_id: {
		label: 'Resource Space ID',
		re: /^[A-Za-z0-9_-]{1,36}$/,
		text: 'letters, digits, _ and -, up to 36',
	},
	group_id: {
		label: 'Device Group ID',
		re: /^[0-9a-fA-F-]{1,36}$/,
		text: 'hex digits and -, up to 36',
	},
	status: {
		label: 'Status',
		re: /^(ONLINE|OFFLINE|ABNORMAL|INACTIVE|FROZEN)$/,
		text: DEVICE_STATUSES.join(', '),
	},
	fw_version: {
		label: 'Firmware Version',
		re: /^[A-Za-z0-9_.-]{1,64}$/,
		text: 'letters, digits, _ . and -, up to 64',
	},
	sw_version: {
		label: 'Software Version',
		re: /^[A-Za-z0-9_.-]{1,64}$/,
		text: 'letters, digits, _ . and -, up to 64',
	},
	tag_key: {
		label: 'Tag Key',
		re: new RegExp(`^[${CJK}A-Za-z0-9_.-]{1,64}$`),
		text: 'Chinese characters, letters, digits, _ . and -, up to 64',
	},
	tag_value: {
		label: 'Tag Value',
		re: new RegExp(`^[${CJK}A-Za-z0-9_.-]{1,128}$`),
		text: 'Chinese characters, letters, digits, _ . and -, up to 128',
	},
} as const;
type Field = keyof typeof FIELDS;

/** One condition of the WHERE clause, with the filter it came from. */
interface Condition {
	field: Field;
	values: string[];
	negate: boolean;
}

function quoted(field: Field, value: string): string {
	const rule = FIELDS[field];
	if (!rule.re.test(value))
		throw new InputError(
			rule.label,
			value,
			`may contain only ${rule.text} (SearchDevices' rule for ${field})`,
		);
	return `'${value}'`;
}

function conditionSql(c: Condition): string {
	const values = c.values.map((v) => quoted(c.field, v));
	if (values.length === 1) return `${c.field} ${c.negate ? '!=' : '='} ${values[0]}`;
	return `${c.field} ${c.negate ? 'not in' : 'in'} (${values.join(',')})`;
}

/** The filters as conditions, in a fixed order (the SQL of a set of filters is always the same text). */
export function conditionsOf(f: DeviceFilters): Condition[] {
	const out: Condition[] = [];
	const one = (field: Field, value: string | undefined) =>
		value !== undefined && out.push({ field, values: [value], negate: false });
	one('product_id', f.productId);
	one('app_id', f.appId);
	if (f.statuses?.length) out.push({ field: 'status', values: f.statuses, negate: false });
	for (const [field, v] of [
		['fw_version', f.firmware],
		['sw_version', f.software],
	] as const)
		if (v) {
			if (v.versions.length === 0)
				throw new InputError(FIELDS[field].label, '', 'needs at least one version');
			out.push({ field, values: v.versions, negate: v.match === 'isNot' });
		}
	one('group_id', f.groupId);
	one('tag_key', f.tag?.key);
	one('tag_value', f.tag?.value);
	return out;
}

/**
 * What the statement is for: count(*), or a page of devices (optionally after a marker) with every field or
 * only `fields` (SearchDevice fields; the select list of the grammar "select [*|fields|count(*)] from device",
 * fleet-rollouts.md §5.1). `fields` come from the node's code, never from the form.
 */
export type SqlPurpose =
	| { kind: 'count' }
	| { kind: 'page'; afterMarker?: string; fields?: readonly string[] };

/** The WHERE clause a raw "SQL Conditions" field gives, checked for what the node must add to it. */
export interface RawConditions {
	sql: string;
}

const PLACEHOLDER_MARKER = 'f'.repeat(24);
const PAGE_TAIL = ` order by marker asc limit ${SEARCH_PAGE_ROWS}`;

/** Splits off quoted parts, so keywords are looked for outside values only. */
function outsideQuotes(sql: string): string {
	return sql.replace(/'[^']*'/g, "''");
}

/**
 * Checks a raw WHERE clause (the text after `where`): no OR (SearchDevices has no parentheses, so a marker
 * condition added for paging would bind to the last OR branch only), no order by / limit (the node pages), and
 * at most 4 conditions for a search (5 − the marker condition) or 5 for a count. Throws InputError naming
 * "SQL Conditions".
 */
export function checkRawConditions(value: string, purpose: SqlPurpose['kind']): RawConditions {
	const sql = value.trim();
	const bare = outsideQuotes(sql).toLowerCase();
	if (/^where\b/.test(bare))
		throw new InputError(
			'SQL Conditions',
			value,
			'must not start with "where" (give only the conditions)',
		);
	if (/\bor\b/.test(bare))
		throw new InputError(
			'SQL Conditions',
			value,
			'must not use OR: SearchDevices has no parentheses, so the node cannot page an OR search; run one search per branch',
		);
	if (/\b(order|limit|select|from)\b|;|--/.test(bare))
		throw new InputError(
			'SQL Conditions',
			value,
			'must hold conditions only (no select, from, order by, limit, ; or --); the node adds them',
		);
	const count = bare.split(/\band\b/).length;
	const max = purpose === 'count' ? SEARCH_MAX_CONDITIONS : SEARCH_MAX_CONDITIONS - 1;
	if (count > max)
		throw new InputError(
			'SQL Conditions',
			value,
			`has ${count} conditions; at most ${max} fit (SearchDevices takes ${SEARCH_MAX_CONDITIONS}${purpose === 'page' ? ', and paging by marker needs one' : ''})`,
		);
	return { sql };
}

function whereOf(parts: string[]): string {
	return parts.length ? ` where ${parts.join(' and ')}` : '';
}

/**
 * The SearchDevices statement for `filters` (or raw conditions): `select * from device where … and marker >
 * '<after>' order by marker asc limit 50` for a page, `select count(*) from device where …` for a count.
 * Checked before anything is sent, with the longest possible marker: at most 5 conditions (a page needs one
 * for the marker) and 400 characters; the InputError names the filters. Shape: the SQL text.
 */
export function buildSearchSql(query: DeviceFilters | RawConditions, purpose: SqlPurpose): string {
	const conditions = 'sql' in query ? [] : conditionsOf(query);
	const parts = 'sql' in query ? (query.sql ? [query.sql] : []) : conditions.map(conditionSql);
	const paging = purpose.kind === 'page';
	if (conditions.length + (paging ? 1 : 0) > SEARCH_MAX_CONDITIONS) {
		const names = conditions.map((c) => FIELDS[c.field].label).join(', ');
		throw new InputError(
			'Filters',
			names,
			`make ${conditions.length} conditions; SearchDevices takes ${SEARCH_MAX_CONDITIONS}${paging ? ' and paging by marker needs one' : ''}: remove a filter`,
		);
	}
	const select = paging
		? `select ${purpose.fields?.join(',') ?? '*'} from device`
		: 'select count(*) from device';
	const marker = paging ? [`marker > '${purpose.afterMarker ?? PLACEHOLDER_MARKER}'`] : [];
	const longest = `${select}${whereOf([...parts, ...(paging ? [`marker > '${PLACEHOLDER_MARKER}'`] : [])])}${paging ? PAGE_TAIL : ''}`;
	if (longest.length > SEARCH_SQL_MAX_LENGTH) {
		const widest =
			'sql' in query
				? 'SQL Conditions'
				: FIELDS[
						conditions.reduce((a, b) => (conditionSql(a).length >= conditionSql(b).length ? a : b))
							.field
					].label;
		throw new InputError(
			widest,
			longest.slice(0, 80),
			`makes the search ${longest.length} characters long; SearchDevices takes ${SEARCH_SQL_MAX_LENGTH}: give fewer or shorter values`,
		);
	}
	if (paging && purpose.afterMarker === undefined) return `${select}${whereOf(parts)}${PAGE_TAIL}`;
	return `${select}${whereOf([...parts, ...marker])}${paging ? PAGE_TAIL : ''}`;
}

/** A device as ListDevices / SearchDevices show it (QueryDeviceSimplify / SearchDevice), the fields filtered on. */
export interface DeviceRecordView {
	product_id?: unknown;
	app_id?: unknown;
	status?: unknown;
	fw_version?: unknown;
	sw_version?: unknown;
	tags?: unknown;
}

function fieldValues(d: DeviceRecordView, field: Field): string[] {
	const tags = Array.isArray(d.tags)
		? (d.tags as { tag_key?: unknown; tag_value?: unknown }[])
		: [];
	if (field === 'tag_key') return tags.map((t) => String(t.tag_key));
	if (field === 'tag_value') return tags.map((t) => String(t.tag_value));
	const v = d[field as keyof DeviceRecordView];
	return [v === undefined || v === null ? '' : String(v)];
}

/**
 * Whether a device record matches the filters, with SearchDevices' meaning: `=` / `in` when a value is among
 * the given ones, `!=` / `not in` when none is (a device that reports no version is "not on" any version).
 * Device groups are not in the record: callers refuse a group filter before using this.
 */
export function matchesFilters(d: DeviceRecordView, f: DeviceFilters): boolean {
	return conditionsOf(f).every((c) => {
		const have = fieldValues(d, c.field);
		const hit = have.some((v) => c.values.includes(v));
		return c.negate ? !hit : hit;
	});
}
