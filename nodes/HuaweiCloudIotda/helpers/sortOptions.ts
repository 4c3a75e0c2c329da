/**
 * Option lists in the order n8n's `options-sorted-alphabetically` rule wants: by `name`, case-insensitive and
 * locale-aware (`localeCompare(b, undefined, { sensitivity: 'base' })`, as the rule compares). For lists built in
 * code — the rule cannot read those, `npm run lint:scanner` checks them on the compiled node.
 */
export function sortedByName<T extends { name: string }>(options: readonly T[]): T[] {
	return [...options].sort((a, b) =>
		a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
	);
}
