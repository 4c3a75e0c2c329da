// Which top-level fields of our node's Create form must (and must not) show for a task type,
// computed from the node description n8n itself serves (/types/nodes.json), so the browser check
// follows the node as it grows. Only fields whose visibility depends on resource/operation/
// taskType alone are judged; the rest (e.g. fields behind Target Source) are left out.
const JUDGED_KEYS = new Set(['resource', 'operation', 'taskType', '@version']);
const JUDGED_TYPES = new Set([
	'options',
	'multiOptions',
	'string',
	'json',
	'number',
	'boolean',
	'dateTime',
]);

/** n8n's value test: a plain value, or a `_cnd` with `gte` (the node version conditions use it). */
const matches = (allowed, value) =>
	allowed.some((a) =>
		typeof a === 'object' ? a._cnd?.gte !== undefined && value >= a._cnd.gte : a === value,
	);

function shownFor(property, values) {
	const show = property.displayOptions?.show ?? {};
	if (property.displayOptions?.hide) return undefined;
	if (Object.keys(show).some((key) => !JUDGED_KEYS.has(key))) return undefined;
	return Object.entries(show).every(([key, allowed]) => matches(allowed, values[key]));
}

/** `version`: the node's typeVersion (the form differs by version: '@version' display conditions). */
export function expectedFields(nodeDescription, taskType, version = 1) {
	const values = { resource: 'batchTask', operation: 'create', taskType, '@version': version };
	const visible = new Set();
	const judged = new Set();
	for (const property of nodeDescription.properties) {
		// n8n's editor shows the node's main `authentication` field beside the credential picker, not in the
		// parameter list, so it is not judged here.
		if (!JUDGED_TYPES.has(property.type) || property.name === 'authentication') continue;
		const shown = shownFor(property, values);
		if (shown === undefined) continue;
		judged.add(property.name);
		if (shown) visible.add(property.name);
	}
	// A collection option renders with the same data-test-id as a field of its name (version 1's Options hold
	// Wait for Completion, a field in version 2), so such names are not judged hidden.
	const inCollections = new Set(
		nodeDescription.properties
			.filter((p) => p.type === 'collection')
			.flatMap((p) => p.options.map((o) => o.name)),
	);
	const hidden = [...judged].filter((name) => !visible.has(name) && !inCollections.has(name));
	return { visible: [...visible], hidden };
}

export function optionName(nodeDescription, parameter, value) {
	const property = nodeDescription.properties.find(
		(p) => p.name === parameter && p.options?.some((o) => o.value === value),
	);
	return property?.options.find((o) => o.value === value)?.name;
}
