/**
 * n8n's `updateDisplayOptions` pattern (nodes-base `utils/utilities.ts`, which a community package cannot
 * import): an operation writes its fields without the resource/operation condition and adds it once, here.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

type Conditions = NonNullable<IDisplayOptions['show']>;

/**
 * Show conditions must all hold, so a key both sides set keeps only the values both allow; hide conditions
 * hide on any match, so a key both sides set hides on the values of either.
 */
function mergeConditions(
	own: Conditions | undefined,
	added: Conditions | undefined,
	keep: 'both' | 'either',
) {
	if (!own && !added) return undefined;
	const merged: Conditions = { ...own };
	for (const [key, values] of Object.entries(added ?? {})) {
		const mine = merged[key] as unknown[] | undefined;
		if (!mine || !values) merged[key] = values;
		else if (keep === 'both')
			merged[key] = mine.filter((v) => (values as unknown[]).includes(v)) as never;
		else
			merged[key] = [...mine, ...(values as unknown[]).filter((v) => !mine.includes(v))] as never;
	}
	return merged;
}

/**
 * `properties` with `displayOptions` added to each one's own (shape: n8n's IDisplayOptions; show keys
 * intersected, hide keys united). Pure: the given properties are not changed.
 */
export function updateDisplayOptions(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => {
		const show = mergeConditions(property.displayOptions?.show, displayOptions.show, 'both');
		const hide = mergeConditions(property.displayOptions?.hide, displayOptions.hide, 'either');
		return {
			...property,
			displayOptions: { ...(show ? { show } : {}), ...(hide ? { hide } : {}) },
		};
	});
}

/** The condition every field of one operation shares: `{ show: { resource: [resource], operation: [operation] } }`. */
export function forOperation(resource: string, operation?: string): IDisplayOptions {
	return { show: { resource: [resource], ...(operation ? { operation: [operation] } : {}) } };
}
