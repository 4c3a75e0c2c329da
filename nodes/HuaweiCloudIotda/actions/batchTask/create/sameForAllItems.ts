/**
 * "One Task for All Items" sends one value of every task-level field (package, command, parameters, schedule,
 * options…) to all of its devices; only the devices are combined across items. A field whose expression gives
 * different values on different items cannot be honoured that way: it was read from item 0 for every device, so
 * a device of product B got product A's package (issue #29 item 3). This finds such a field before anything
 * is sent, so the Create can refuse it by name.
 */
import type { INodeProperties } from 'n8n-workflow';

import { itemParameterReader } from '../../../helpers/itemParameter';
import { InputError, showValue } from '../../../helpers/inputErrors';

/** What `itemParameterReader` needs of n8n's execute context. */
type Reader = Parameters<typeof itemParameterReader>[0];

const hasExpression = (raw: unknown): boolean =>
	typeof raw === 'string'
		? raw.startsWith('=')
		: typeof raw === 'object' && raw !== null && Object.values(raw).some(hasExpression);

/** Parameter paths (`packageId`, `options.maxWait`) whose raw value holds an expression, with their reads. */
function expressionPaths(
	context: Reader,
	items: ReadonlyArray<{ json?: Record<string, unknown> }>,
	perItem: ReadonlySet<string>,
): Array<{ path: string; read: (itemIndex: number) => unknown }> {
	const paths: Array<{ path: string; read: (itemIndex: number) => unknown }> = [];
	for (const [name, raw] of Object.entries(context.getNode().parameters)) {
		if (perItem.has(name) || !hasExpression(raw)) continue;
		const read = itemParameterReader(context, items, name, undefined);
		const isCollection = typeof raw === 'object' && raw !== null && !Array.isArray(raw);
		if (!isCollection) {
			paths.push({ path: name, read });
			continue;
		}
		// A collection is compared option by option, so the error names the option.
		for (const [key, value] of Object.entries(raw as Record<string, unknown>))
			if (hasExpression(value))
				paths.push({
					path: `${name}.${key}`,
					read: (i) => (read(i) as Record<string, unknown> | undefined)?.[key],
				});
	}
	return paths;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** A field's display name from the form: `options.maxWait` → "Max Wait (Minutes)". */
export function displayNameIn(properties: readonly INodeProperties[], path: string): string {
	const [name, key] = path.split('.');
	const property = properties.find((p) => p.name === name);
	if (!key) return property?.displayName ?? name;
	const option = (
		property?.options as Array<{ name: string; displayName?: string }> | undefined
	)?.find((o) => o.name === key);
	return option?.displayName ?? key;
}

/**
 * Throws an InputError naming the first task-level field whose value differs between items (the field's
 * display name through `displayName`, item 0's value and the first other item's), or returns quietly.
 * `perItem`: parameters combined across items (Device IDs), not compared. Fields with a fixed value are the same
 * on every item and are not read again. Cost: one read per item of each field that holds an expression.
 */
export function refuseValuesThatDiffer(
	context: Reader,
	items: ReadonlyArray<{ json?: Record<string, unknown> }>,
	perItem: ReadonlySet<string>,
	displayName: (path: string) => string,
): void {
	for (const { path, read } of expressionPaths(context, items, perItem)) {
		const first = read(0);
		for (let i = 1; i < items.length; i++) {
			const value = read(i);
			if (same(first, value)) continue;
			throw new InputError(
				displayName(path),
				value,
				`must be the same for every item with Batch Mode "One Task for All Items", which sends one value to every device (item 0 has "${showValue(first)}", item ${i} has the value shown); or choose "One Task per Item"`,
			);
		}
	}
}
