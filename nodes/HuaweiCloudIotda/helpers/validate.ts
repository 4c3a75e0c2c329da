/** Checks of single values against IoTDA's documented rules; each throws an InputError naming the field. */
import { InputError } from './inputErrors';
import { LIMITS, PATTERN_TEXT, PATTERNS } from './apiRules';

export function requireText(field: string, value: unknown): string {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') throw new InputError(field, value, 'must be text');
	const text = value.trim();
	if (!text) throw new InputError(field, value, 'is required');
	return text;
}

/**
 * Whether an optional field counts as not set: undefined, `null` (a spreadsheet's empty cell read through an
 * expression) or text of blanks only (`''`, `' '`, a tab). The one rule for every optional field, text or number.
 */
export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/**
 * A boolean field's value: true or false, also as the text an expression, a spreadsheet or an AI agent gives
 * ("true", " FALSE "); `fallback` when absent (undefined: an option not added). Anything else — also empty
 * text from an expression — throws InputError naming the field: read as "not true", Dry Run = "true" created
 * the task for real, Return All = "false" returned everything, and an empty Require Approval would skip it.
 */
export function checkBoolean(field: string, value: unknown, fallback: boolean): boolean {
	if (value === undefined) return fallback;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
	if (text === true || text === 'true') return true;
	if (text === false || text === 'false') return false;
	throw new InputError(field, value, 'must be true or false');
}

/** A text field that may be left empty; blanks only (a stray space, an expression giving ' ') count as empty. */
export function optionalText(field: string, value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	return requireText(field, value);
}

export function checkLength(field: string, value: string, max: number): string {
	if ([...value].length > max)
		throw new InputError(field, value, `must be at most ${max} characters`);
	return value;
}

export function checkId(field: string, value: string, max: number): string {
	checkLength(field, value, max);
	if (!PATTERNS.id.test(value))
		throw new InputError(field, value, `may contain ${PATTERN_TEXT.id}`);
	return value;
}

export function checkTaskName(value: unknown): string {
	const name = requireText('Task Name', value);
	checkLength('Task Name', name, LIMITS.taskNameMaxLength);
	if (!PATTERNS.taskName.test(name))
		throw new InputError('Task Name', name, `may contain ${PATTERN_TEXT.taskName}`);
	return name;
}

/**
 * `name` + `suffix`, a suffix the node appends to Task Name (`_2` of a split task, `_w3` of a rollout wave,
 * `_<10 hex>` of an Idempotency Key). Throws InputError naming Task Name, the suffix and `why` (e.g. "for a task
 * split in 3") when the result passes IoTDA's LIMITS.taskNameMaxLength characters.
 */
export function withNameSuffix(name: string, suffix: string, why: string): string {
	const suffixed = `${name}${suffix}`;
	if ([...suffixed].length > LIMITS.taskNameMaxLength)
		throw new InputError(
			'Task Name',
			name,
			`is too long to add the suffix ${suffix} ${why} (at most ${LIMITS.taskNameMaxLength} characters)`,
		);
	return suffixed;
}

export function checkTaskId(value: unknown, field = 'Task ID'): string {
	const id = requireText(field, value);
	if (!PATTERNS.taskId.test(id)) throw new InputError(field, id, `must be ${PATTERN_TEXT.taskId}`);
	return id;
}

export function checkInteger(field: string, value: unknown, min: number, max: number): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n))
		throw new InputError(field, value, 'must be a whole number');
	if (n < min || n > max)
		throw new InputError(
			field,
			value,
			// No upper bound worth naming (Limit, Shadow Version): "9007199254740991" helps nobody.
			max >= Number.MAX_SAFE_INTEGER
				? `must be at least ${min}`
				: `must be between ${min} and ${max}`,
		);
	return n;
}

/**
 * A number field's value, also when an expression gave it as text (`"30"`); `min`/`max` are the form's
 * bounds, which n8n enforces only for values typed into the form. Throws InputError naming the field for
 * anything else (text that is no number, NaN, out of range) — never a silent default.
 */
export function checkNumber(
	field: string,
	value: unknown,
	min: number,
	max = Number.MAX_SAFE_INTEGER,
): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) {
		const range =
			max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `between ${min} and ${max}`;
		throw new InputError(field, value, `must be a number ${range}`);
	}
	return n;
}

/**
 * An optional number field: `fallback` when blank (isBlank: empty, null, spaces), else checkNumber's number
 * (`min`/`max` inclusive). Throws InputError naming the field for anything else.
 */
export function optionalNumber<F>(
	field: string,
	value: unknown,
	fallback: F,
	min: number,
	max?: number,
): number | F {
	return isBlank(value) ? fallback : checkNumber(field, value, min, max);
}

/** An optional whole-number field: `fallback` when blank, else checkInteger's number in `min`–`max`. */
export function optionalInteger<F>(
	field: string,
	value: unknown,
	fallback: F,
	min: number,
	max: number,
): number | F {
	return isBlank(value) ? fallback : checkInteger(field, value, min, max);
}

/**
 * Returns `value` when its JSON text (JSON.stringify) is at most `max` characters, the way IoTDA measures the
 * size limits of shadows and task_ext_info; throws InputError naming the field and the size otherwise.
 */
export function checkJsonSize<T>(field: string, value: T, max: number): T {
	const size = JSON.stringify(value).length;
	if (size > max)
		throw new InputError(field, value, `must be at most ${max} characters of JSON (is ${size})`);
	return value;
}

/** Return All's Limit: a whole number of at least 1 (also from an expression). */
export function checkLimit(value: unknown): number {
	return checkInteger('Limit', value, 1, Number.MAX_SAFE_INTEGER);
}

const NOT_JSON = Symbol('not JSON');

function tryParseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** A JSON object given as text (a JSON field) or as an object (an expression that resolved to one). */
export function parseJsonObject(field: string, value: unknown): Record<string, unknown> {
	const parsed = typeof value === 'string' ? tryParseJson(value) : value;
	if (parsed === NOT_JSON) throw new InputError(field, value, 'is not valid JSON');
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
		throw new InputError(field, value, 'must be a JSON object');
	return parsed as Record<string, unknown>;
}
