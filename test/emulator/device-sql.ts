// SearchDevices' SQL-like grammar, as the SDK's searchDevices doc comment defines it (GO services/iotda/v5/
// iotda_client.go SearchDevices; the same text in the PY/Java/Node clients): parse, check, evaluate.
import { invalidInput } from './errors';
import { DEVICE_STATUSES, type DeviceRecord } from './seed-data';

export const SQL_MAX_LENGTH = 400;
export const SQL_MAX_CONDITIONS = 5;
export const SQL_MAX_ROWS = 50;
export const SQL_MAX_OFFSET = 500;
export const SQL_DEFAULT_ROWS = 10;

const CJK = '\\u4e00-\\u9fa5';
/** "搜索条件字段说明": each field's documented characters and length. */
const FIELD_VALUES: Record<string, RegExp> = {
	app_id: /^[A-Za-z0-9_-]{1,36}$/,
	device_id: /^[A-Za-z0-9_-]{1,128}$/,
	gateway_id: /^[A-Za-z0-9_-]{1,128}$/,
	product_id: /^[A-Za-z0-9_-]{1,36}$/,
	device_name: new RegExp(`^[${CJK}A-Za-z0-9_?'#().,&%@!-]{1,256}$`),
	node_id: /^[A-Za-z0-9_-]{1,64}$/,
	status: new RegExp(`^(${DEVICE_STATUSES.join('|')})$`),
	node_type: /^(GATEWAY|ENDPOINT)$/,
	tag_key: new RegExp(`^[${CJK}A-Za-z0-9_.-]{1,64}$`),
	tag_value: new RegExp(`^[${CJK}A-Za-z0-9_.-]{1,128}$`),
	sw_version: /^[A-Za-z0-9_.-]{1,64}$/,
	fw_version: /^[A-Za-z0-9_.-]{1,64}$/,
	group_id: /^[0-9a-fA-F-]{1,36}$/,
	create_time: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
	marker: /^[0-9a-fA-F]{24}$/,
};
const TAGS = ['tag_key', 'tag_value'];
/** "支持的运算符": which operators each field takes. */
function operatorAllowed(field: string, op: string): boolean {
	if (op === '=' || op === '!=') return true;
	if (op === '>' || op === '<') return field === 'create_time' || field === 'marker';
	if (op === 'like') return ['device_name', 'node_id', ...TAGS].includes(field);
	return !TAGS.includes(field); // in, not in
}
/** The SearchDevice response fields a select list may name (PY search_device.py). */
export const SELECTABLE = [
	'app_id',
	'app_name',
	'device_id',
	'node_id',
	'gateway_id',
	'device_name',
	'node_type',
	'fw_version',
	'sw_version',
	'device_sdk_version',
	'product_id',
	'product_name',
	'status',
	'tags',
	'marker',
];

export interface Condition {
	field: string;
	op: '=' | '!=' | '>' | '<' | 'like' | 'in' | 'not in';
	values: string[];
}
export interface SearchQuery {
	/** Selected fields; `['*']` = all; undefined = count(*) / count(1). */
	fields?: string[];
	/** Conditions in order; `joins[i]` joins condition i and i + 1. */
	conditions: Condition[];
	joins: ('and' | 'or')[];
	orderBy?: 'asc' | 'desc';
	offset: number;
	rows: number;
}

type Token = { kind: 'word' | 'string' | 'symbol' | 'number'; text: string };

/**
 * Tokens of the statement. Strings are single-quoted with no escape of any kind (the doc defines none), so
 * a quote inside a value ends it and what follows is parsed as SQL — which the grammar then refuses.
 */
function tokenize(sql: string): Token[] {
	const tokens: Token[] = [];
	const re = /\s*(?:'([^']*)'|(!=|[=<>(),*])|(\d+)|([A-Za-z_][A-Za-z0-9_]*)|(\S))/gy;
	let m: RegExpExecArray | null;
	while (re.lastIndex < sql.length && (m = re.exec(sql))) {
		if (m[1] !== undefined) tokens.push({ kind: 'string', text: m[1] });
		else if (m[2]) tokens.push({ kind: 'symbol', text: m[2] });
		else if (m[3]) tokens.push({ kind: 'number', text: m[3] });
		else if (m[4]) tokens.push({ kind: 'word', text: m[4] });
		else if (m[5]) throw invalidInput(`sql: unexpected character "${m[5]}"`);
		if (/^\s*$/.test(sql.slice(re.lastIndex))) break;
	}
	return tokens;
}

class Parser {
	private i = 0;
	constructor(private readonly t: Token[]) {}
	peekWord(): string | undefined {
		const tok = this.t[this.i];
		return tok?.kind === 'word' ? tok.text.toLowerCase() : undefined;
	}
	atEnd(): boolean {
		return this.i >= this.t.length;
	}
	next(what: string): Token {
		const tok = this.t[this.i++];
		if (!tok) throw invalidInput(`sql: ${what} expected at the end of the statement`);
		return tok;
	}
	keyword(word: string): void {
		const tok = this.next(`"${word}"`);
		if (tok.kind !== 'word' || tok.text.toLowerCase() !== word)
			throw invalidInput(`sql: "${word}" expected, got "${tok.text}"`);
	}
	symbol(s: string): boolean {
		const tok = this.t[this.i];
		if (tok?.kind === 'symbol' && tok.text === s) return !!++this.i;
		return false;
	}
	expectSymbol(s: string): void {
		if (!this.symbol(s))
			throw invalidInput(`sql: "${s}" expected, got "${this.t[this.i]?.text ?? 'end'}"`);
	}
	word(what: string): string {
		const tok = this.next(what);
		if (tok.kind !== 'word') throw invalidInput(`sql: ${what} expected, got "${tok.text}"`);
		return tok.text;
	}
	str(what: string): string {
		const tok = this.next(what);
		if (tok.kind !== 'string')
			throw invalidInput(`sql: a quoted value expected for ${what}, got "${tok.text}"`);
		return tok.text;
	}
	num(what: string): number {
		const tok = this.next(what);
		if (tok.kind !== 'number')
			throw invalidInput(`sql: a number expected for ${what}, got "${tok.text}"`);
		return Number(tok.text);
	}
}

function parseSelect(p: Parser): string[] | undefined {
	p.keyword('select');
	if (p.symbol('*')) return ['*'];
	if (p.peekWord() === 'count') {
		p.word('count');
		p.expectSymbol('(');
		if (!p.symbol('*') && p.num('count') !== 1)
			throw invalidInput('sql: only count(*) and count(1)');
		p.expectSymbol(')');
		return undefined;
	}
	const fields = [p.word('a field')];
	while (p.symbol(',')) fields.push(p.word('a field'));
	const bad = fields.find((f) => !SELECTABLE.includes(f));
	if (bad) throw invalidInput(`sql: unknown field "${bad}" in select`);
	return fields;
}

function parseCondition(p: Parser): Condition {
	const field = p.word('a field');
	if (!FIELD_VALUES[field]) throw invalidInput(`sql: "${field}" is not a searchable field`);
	let op: Condition['op'];
	const w = p.peekWord();
	if (w === 'like' || w === 'in') op = p.word(w) as 'like' | 'in';
	else if (w === 'not') {
		p.word('not');
		p.keyword('in');
		op = 'not in';
	} else op = ['=', '!=', '>', '<'].find((s) => p.symbol(s)) as Condition['op'];
	if (!op) throw invalidInput(`sql: an operator expected after ${field}`);
	if (!operatorAllowed(field, op)) throw invalidInput(`sql: ${field} does not support "${op}"`);
	const values: string[] = [];
	if (op === 'in' || op === 'not in') {
		p.expectSymbol('(');
		do values.push(p.str(field));
		while (p.symbol(','));
		p.expectSymbol(')');
	} else values.push(p.str(field));
	values.forEach((v) => checkValue(field, op, v));
	return { field, op, values };
}

/** "不支持null和空字符串等条件值匹配"; like: a prefix of ≥ 4 characters (中文, letters, digits, _ -) and "%". */
function checkValue(field: string, op: string, v: string): void {
	if (op === 'like') {
		if (!new RegExp(`^[${CJK}A-Za-z0-9_-]{4,}%$`).test(v))
			throw invalidInput(
				`sql: like on ${field} takes a prefix of at least 4 characters followed by %`,
			);
		return;
	}
	if (v === '' || v.toLowerCase() === 'null')
		throw invalidInput(`sql: ${field}: null and empty values are not supported`);
	if (!FIELD_VALUES[field].test(v))
		throw invalidInput(`sql: invalid value for ${field}: "${v.slice(0, 40)}"`);
}

function parseTail(p: Parser, q: SearchQuery): void {
	if (p.peekWord() === 'order') {
		p.word('order');
		p.keyword('by');
		if (p.word('marker') !== 'marker') throw invalidInput('sql: order by supports only marker');
		const dir = p.peekWord();
		q.orderBy = dir === 'desc' ? 'desc' : 'asc';
		if (dir === 'asc' || dir === 'desc') p.word(dir);
	}
	if (p.peekWord() === 'limit') {
		p.word('limit');
		const first = p.num('limit');
		if (p.symbol(',')) {
			q.offset = first;
			q.rows = p.num('limit rows');
		} else q.rows = first;
		if (q.offset > SQL_MAX_OFFSET)
			throw invalidInput(`sql: limit offset must be at most ${SQL_MAX_OFFSET}`);
		if (q.rows < 1 || q.rows > SQL_MAX_ROWS)
			throw invalidInput(`sql: limit rows must be 1-${SQL_MAX_ROWS}`);
	}
	if (!p.atEnd()) throw invalidInput(`sql: unexpected "${p.next('').text}"`);
}

/** Parses and checks one statement; every violation is 400 IOTDA.000006 naming the rule. */
export function parseSearchSql(sql: unknown): SearchQuery {
	if (typeof sql !== 'string' || sql.trim() === '') throw invalidInput('sql is required');
	if (sql.length > SQL_MAX_LENGTH)
		throw invalidInput(`sql must be at most ${SQL_MAX_LENGTH} characters, got ${sql.length}`);
	const p = new Parser(tokenize(sql));
	const q: SearchQuery = { conditions: [], joins: [], offset: 0, rows: SQL_DEFAULT_ROWS };
	q.fields = parseSelect(p);
	p.keyword('from');
	if (p.word('device') !== 'device') throw invalidInput('sql: only "from device" is supported');
	if (p.peekWord() === 'where') {
		p.word('where');
		q.conditions.push(parseCondition(p));
		for (let w = p.peekWord(); w === 'and' || w === 'or'; w = p.peekWord()) {
			q.joins.push(p.word(w) as 'and' | 'or');
			q.conditions.push(parseCondition(p));
		}
		if (q.conditions.length > SQL_MAX_CONDITIONS)
			throw invalidInput(
				`sql: at most ${SQL_MAX_CONDITIONS} conditions, got ${q.conditions.length}`,
			);
	}
	parseTail(p, q);
	return q;
}

function valuesOf(d: DeviceRecord, field: string, groupsOf: (id: string) => string[]): string[] {
	if (field === 'tag_key') return d.tags.map((t) => t.tag_key);
	if (field === 'tag_value') return d.tags.map((t) => t.tag_value);
	if (field === 'group_id') return groupsOf(d.device_id);
	if (field === 'gateway_id') return [d.device_id];
	if (field === 'node_type') return ['GATEWAY'];
	if (field === 'marker') return [d.record_id];
	if (field === 'create_time') return [new Date(d.createdAt).toISOString()];
	return [String((d as unknown as Record<string, unknown>)[field] ?? '')];
}

/**
 * Whether a device matches one condition. Multi-valued fields (tags, groups) match `=`/`in`/`like` when any
 * value does, and `!=`/`not in` when none does (assumed: the doc defines no semantics for them).
 */
function matches(d: DeviceRecord, c: Condition, groupsOf: (id: string) => string[]): boolean {
	const have = valuesOf(d, c.field, groupsOf);
	switch (c.op) {
		case '=':
		case 'in':
			return have.some((v) => c.values.includes(v));
		case '!=':
		case 'not in':
			return !have.some((v) => c.values.includes(v));
		case 'like':
			return have.some((v) => v.startsWith(c.values[0].slice(0, -1)));
		case '>':
			return have.some((v) => v > c.values[0]);
		case '<':
			return have.some((v) => v < c.values[0]);
	}
}

/** AND binds tighter than OR ("默认AND优先级高于OR"): OR of AND-runs. */
export function evaluate(
	d: DeviceRecord,
	q: SearchQuery,
	groupsOf: (id: string) => string[],
): boolean {
	if (q.conditions.length === 0) return true;
	let run = matches(d, q.conditions[0], groupsOf);
	for (let i = 0; i < q.joins.length; i++) {
		if (q.joins[i] === 'or') {
			if (run) return true;
			run = matches(d, q.conditions[i + 1], groupsOf);
		} else run = run && matches(d, q.conditions[i + 1], groupsOf);
	}
	return run;
}
