/**
 * A collection value (Options, Filters, Additional Fields, …) may only hold keys the chosen operation's form
 * defines: a key of another operation's collection — `dryRun` under Get's Options, `status` under Get's
 * Filters — would be silently ignored. n8n itself strips such keys from workflows it loads; this guards the
 * other ways parameters arrive (the public API, an AI tool call, code that builds nodes).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from './inputErrors';

/** Names each top-level collection of `properties` may hold (all copies of a collection together). */
function collectionKeys(properties: INodeProperties[]): Map<string, Set<string>> {
	const keys = new Map<string, Set<string>>();
	for (const property of properties) {
		if (property.type !== 'collection') continue;
		const names = keys.get(property.name) ?? new Set<string>();
		for (const option of (property.options ?? []) as INodeProperties[]) names.add(option.name);
		keys.set(property.name, names);
	}
	return keys;
}

/**
 * Throws an InputError naming the collection, the unknown key and the operation when item `itemIndex`'s
 * collections hold a key the operation's form (`properties`) does not define.
 */
export function refuseUnknownOptions(
	this: IExecuteFunctions,
	properties: INodeProperties[],
	operation: string,
	itemIndex: number,
): void {
	for (const [collection, known] of collectionKeys(properties)) {
		const value = this.getNodeParameter(collection, itemIndex, {}) as IDataObject | undefined;
		const label = properties.find((p) => p.name === collection)?.displayName ?? collection;
		const unknown = Object.keys(value ?? {}).filter((key) => !known.has(key));
		if (unknown.length)
			throw new InputError(
				label,
				unknown,
				`holds ${unknown.join(', ')}, which ${operation} does not use (an option of another operation); remove ${unknown.length > 1 ? 'them' : 'it'}`,
			);
	}
}
