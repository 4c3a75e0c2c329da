import { InputError } from './inputErrors';
import { checkId } from './validate';
import { PATTERNS } from './apiRules';

/** `'dev-0001'` or `"dev-0001"`: the text between a pair of matching quotes. */
const QUOTED = /^(['"])(.*)\1$/s;

/**
 * A list written as JSON text — `["dev-0001","dev-0002"]`, `[ "dev-0001", "dev-0002" ]`, `[1, 2]` — as an AI
 * agent's tool call, a webhook or a form sends it: its elements, each a whole ID; undefined for any other text.
 * Unambiguous because an ID never contains `[`, `]` or `"` (PATTERNS.id: letters, digits, `-`, `_`; the
 * CreateBatchTask `targets` and `group_ids` rules, iotda-api.md §7). `[dev-0001, dev-0002]` (not JSON) is
 * read as the text inside the brackets, and so is a Python-style list some AI agents write,
 * `['dev-0001', 'dev-0002']`: an element in single (or double) quotes is the ID inside them, since an ID
 * never contains a quote.
 */
function jsonListText(text: string): unknown[] | undefined {
	const trimmed = text.trim();
	if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return undefined;
	try {
		const parsed: unknown = JSON.parse(trimmed);
		if (Array.isArray(parsed)) return parsed;
	} catch {
		// Not JSON: split what is inside the brackets like any other text.
	}
	return trimmed
		.slice(1, -1)
		.split(/[\s,;]+/)
		.map((part) => QUOTED.exec(part)?.[2] ?? part);
}

/**
 * Reads a list of IDs from what a user may give: an array (a webhook's JSON), JSON-array text (see
 * jsonListText), or one string separated by commas, semicolons, whitespace or newlines (a spreadsheet cell,
 * `{{ $json.device_id }}`). Shape: string[] in the given order, duplicates kept (see uniqueInOrder).
 * Throws InputError naming `field` and the value for anything that is not an ID of at most `maxLength`
 * characters matching PATTERNS.id.
 */
export function parseIdList(field: string, value: unknown, maxLength: number): string[] {
	// Fast path, the common `{{ $json.device_id }}`: one valid ID (ASCII only, so length = characters).
	if (typeof value === 'string' && value.length <= maxLength && PATTERNS.id.test(value))
		return [value];
	let parts: unknown[];
	// Array elements are whole IDs (so "dev 1" is reported, not split); text is split on separators.
	if (Array.isArray(value)) parts = value;
	else if (typeof value === 'string') parts = jsonListText(value) ?? value.split(/[\s,;]+/);
	else if (typeof value === 'number') parts = [String(value)];
	else if (value === undefined || value === null) parts = [];
	else throw new InputError(field, value, 'must be a list of IDs (text or an array)');

	const ids: string[] = [];
	for (const part of parts) {
		if (typeof part === 'number' && Number.isFinite(part)) {
			ids.push(checkId(field, String(part), maxLength));
			continue;
		}
		if (typeof part !== 'string') throw new InputError(field, part, 'must contain only text IDs');
		const id = part.trim();
		if (id) ids.push(checkId(field, id, maxLength));
	}
	return ids;
}

/**
 * One ID from a field that takes exactly one (e.g. Package ID → document.package_id): plain text, or a
 * one-element list in any form parseIdList reads (`["pkg-1"]`). Throws InputError naming `field` when empty
 * or when more than one ID is given.
 */
export function parseSingleId(field: string, value: unknown, maxLength: number): string {
	const ids = parseIdList(field, value, maxLength);
	if (ids.length === 0) throw new InputError(field, value, 'is required');
	if (ids.length > 1) throw new InputError(field, value, `takes one ID, not ${ids.length}`);
	return ids[0];
}

/** Drops repeated IDs, keeping the first occurrence and the order. */
export function uniqueInOrder(ids: Iterable<string>): string[] {
	return [...new Set(ids)];
}
