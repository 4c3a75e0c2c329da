import { InputError } from './inputErrors';
import { checkId } from './validate';
import { PATTERNS } from './taskTypes';

/**
 * Reads a list of IDs from what a user may give: an array (a webhook's JSON), or one string separated by
 * commas, semicolons, whitespace or newlines (a spreadsheet cell, `{{ $json.device_id }}`).
 */
export function parseIdList(field: string, value: unknown, maxLength: number): string[] {
	// Fast path, the common `{{ $json.device_id }}`: one valid ID (ASCII only, so length = characters).
	if (typeof value === 'string' && value.length <= maxLength && PATTERNS.id.test(value)) return [value];
	let parts: unknown[];
	// Array elements are whole IDs (so "dev 1" is reported, not split); text is split on separators.
	if (Array.isArray(value)) parts = value;
	else if (typeof value === 'string') parts = value.split(/[\s,;]+/);
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

/** Drops repeated IDs, keeping the first occurrence and the order. */
export function uniqueInOrder(ids: Iterable<string>): string[] {
	return [...new Set(ids)];
}
