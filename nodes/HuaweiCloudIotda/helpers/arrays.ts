/**
 * Array helpers that never spread a list into a call's arguments: `push(...list)` puts every element on
 * the stack and throws "Maximum call stack size exceeded" somewhere past 100,000 elements (issue #14).
 */

/** Appends `source` to `target` one element at a time; returns `target`. */
export function append<T>(target: T[], source: Iterable<T>): T[] {
	for (const value of source) target.push(value);
	return target;
}

/** `values` cut into lists of at most `size`, in order. */
export function chunk<T>(values: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let at = 0; at < values.length; at += size) chunks.push(values.slice(at, at + size));
	return chunks;
}

/** `[{ item: i }, …]` for output items made from several input items. */
export function pairedWith(indexes: readonly number[]): Array<{ item: number }> {
	return indexes.map((item) => ({ item }));
}

/** "a", "a or b", "a, b or c" for messages. */
export function listing(values: readonly string[]): string {
	return values.length < 2
		? values.join('')
		: `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
