/** The SearchDevices SQL the node builds from device filters: every combination as a table, and hostile values. */
import {
	buildSearchSql,
	checkRawConditions,
	matchesFilters,
	type DeviceFilters,
} from '../../../../nodes/HuaweiCloudIotda/fleet/searchSql';

/** Each filter with the condition text it must produce (hand-written from the SDK doc comment's grammar). */
const FILTERS: [keyof DeviceFilters | 'tagValue', Partial<DeviceFilters>, string[]][] = [
	['productId', { productId: 'P1' }, ["product_id = 'P1'"]],
	['appId', { appId: 'app_1' }, ["app_id = 'app_1'"]],
	['statuses', { statuses: ['ONLINE', 'OFFLINE'] }, ["status in ('ONLINE','OFFLINE')"]],
	['firmware', { firmware: { match: 'isNot', versions: ['2.0.1'] } }, ["fw_version != '2.0.1'"]],
	[
		'software',
		{ software: { match: 'is', versions: ['1.0', '1.1'] } },
		["sw_version in ('1.0','1.1')"],
	],
	['groupId', { groupId: 'ab-12' }, ["group_id = 'ab-12'"]],
	['tag', { tag: { key: 'floor' } }, ["tag_key = 'floor'"]],
	['tagValue', { tag: { key: 'site', value: '北区' } }, ["tag_key = 'site'", "tag_value = '北区'"]],
];

/** Every subset of FILTERS (one of the two tag forms at most), with the expected page and count SQL. */
function combinations() {
	const rows: [string, DeviceFilters, string | RegExp, string | RegExp][] = [];
	for (let mask = 0; mask < 1 << FILTERS.length; mask++) {
		const chosen = FILTERS.filter((_, i) => mask & (1 << i));
		if (chosen.some(([n]) => n === 'tag') && chosen.some(([n]) => n === 'tagValue')) continue;
		const filters = Object.assign({}, ...chosen.map(([, f]) => f)) as DeviceFilters;
		const conditions = chosen.flatMap(([, , c]) => c);
		const where = conditions.length ? ` where ${conditions.join(' and ')}` : '';
		const page =
			conditions.length > 4
				? /Filters .*SearchDevices takes 5 and paging by marker needs one/
				: `select * from device${where} order by marker asc limit 50`;
		const count =
			conditions.length > 5
				? /SearchDevices takes 5: remove a filter/
				: `select count(*) from device${where}`;
		rows.push([chosen.map(([n]) => n).join('+') || '(none)', filters, page, count]);
	}
	return rows;
}

describe('buildSearchSql over every filter combination', () => {
	it.each(combinations())('%s', (_name, filters, page, count) => {
		for (const [purpose, expected] of [
			[{ kind: 'page' as const }, page],
			[{ kind: 'count' as const }, count],
		] as const) {
			if (typeof expected === 'string') expect(buildSearchSql(filters, purpose)).toBe(expected);
			else expect(() => buildSearchSql(filters, purpose)).toThrow(expected);
		}
	});

	it('pages below a marker with one more condition', () => {
		expect(
			buildSearchSql(
				{ productId: 'P1' },
				{ kind: 'page', afterMarker: '5f0000000000000000000032' },
			),
		).toBe(
			"select * from device where product_id = 'P1' and marker > '5f0000000000000000000032' order by marker asc limit 50",
		);
	});

	it('refuses a search over 400 characters before sending, naming the longest filter', () => {
		const versions = Array.from({ length: 30 }, (_, i) => `10.20.${i}`);
		expect(() =>
			buildSearchSql({ productId: 'P1', firmware: { match: 'isNot', versions } }, { kind: 'page' }),
		).toThrow(/^Firmware Version .*makes the search \d+ characters long; SearchDevices takes 400/);
	});
});

describe('values cannot change the query', () => {
	const HOSTILE = [
		"2.0.1' or '1'='1",
		"2.0.1'--",
		'2.0.1; delete',
		'2.0.1\\',
		"x' or fw_version != '",
		'2.0.1 ',
		'２.０.１',
		'v1é',
		"'",
		'',
	];
	it.each(HOSTILE)('refuses %j in every field by name', (value) => {
		const cases: [string, DeviceFilters][] = [
			['Product ID', { productId: value }],
			['Resource Space ID', { appId: value }],
			['Firmware Version', { firmware: { match: 'isNot', versions: ['1.0', value] } }],
			['Software Version', { software: { match: 'is', versions: [value] } }],
			['Device Group ID', { groupId: value }],
			['Tag Key', { tag: { key: value } }],
			['Tag Value', { tag: { key: 'k', value } }],
			['Status', { statuses: [value] }],
		];
		for (const [label, filters] of cases)
			expect(() => buildSearchSql(filters, { kind: 'page' })).toThrow(
				new RegExp(`^${label} may contain only`),
			);
	});

	it('refuses OR, statements and too many conditions in SQL Conditions', () => {
		expect(() => checkRawConditions("status = 'ONLINE' or status = 'OFFLINE'", 'page')).toThrow(
			/must not use OR/,
		);
		expect(() => checkRawConditions("status = 'ONLINE'; delete", 'page')).toThrow(
			/conditions only/,
		);
		expect(() => checkRawConditions("status = 'ONLINE' -- x", 'page')).toThrow(/conditions only/);
		const five = Array.from({ length: 5 }, () => "status = 'ONLINE'").join(' and ');
		expect(() => checkRawConditions(five, 'page')).toThrow(/has 5 conditions; at most 4 fit/);
		expect(checkRawConditions(five, 'count').sql).toBe(five);
		expect(checkRawConditions("device_name = 'a or b'", 'page').sql).toBe("device_name = 'a or b'");
	});
});

describe('matchesFilters (the Basic edition fallback) reads filters as SearchDevices does', () => {
	const device = {
		product_id: 'P1',
		status: 'ONLINE',
		fw_version: '2.0.0',
		sw_version: '1.0',
		tags: [{ tag_key: 'floor', tag_value: '2' }],
	};
	it.each<[DeviceFilters, boolean]>([
		[{ productId: 'P1', firmware: { match: 'isNot', versions: ['2.0.1'] } }, true],
		[{ firmware: { match: 'isNot', versions: ['2.0.0', '2.0.1'] } }, false],
		[{ firmware: { match: 'is', versions: ['2.0.0'] }, statuses: ['OFFLINE'] }, false],
		[{ software: { match: 'is', versions: ['1.0'] }, tag: { key: 'floor', value: '2' } }, true],
		[{ tag: { key: 'site' } }, false],
	])('%j → %s', (filters, expected) => expect(matchesFilters(device, filters)).toBe(expected));
	it('counts a device without a version as not on any version', () => {
		expect(
			matchesFilters({ product_id: 'P1' }, { firmware: { match: 'isNot', versions: ['2.0.1'] } }),
		).toBe(true);
	});
});
