/**
 * The canvas subtitle (issue #30): what the node does, in the form's own words — "Create: Firmware Upgrade",
 * "Get Many: Batch Task", and " (Dry Run)" while Dry Run is on (a field in form version 2, an option in 1), so
 * a schedule that creates nothing shows it. Built from the form's Resource, Operation and Task Type options, so
 * a new resource, operation or task type is named without touching this file.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** value → name of an options parameter's choices. */
function names(property: INodeProperties | undefined): Record<string, string> {
	const options = (property?.options ?? []) as INodePropertyOptions[];
	return Object.fromEntries(options.map((o) => [String(o.value), o.name]));
}

/**
 * The subtitle expression for a node whose form is `properties` (shape: the description's properties, with one
 * `resource` and `taskType` parameter and one `operation` parameter per resource). Never throws in the editor:
 * unknown values are shown as stored.
 */
export function subtitleFor(properties: INodeProperties[]): string {
	const resource = properties.find((p) => p.name === 'resource');
	const taskType = properties.find((p) => p.name === 'taskType');
	const operations: Record<string, Record<string, string>> = {};
	for (const p of properties.filter((p) => p.name === 'operation'))
		for (const r of (p.displayOptions?.show?.resource ?? []) as string[]) operations[r] = names(p);
	const defaults = { resource: resource?.default, taskType: taskType?.default };
	// n8n ends an expression at the first "}}", so nested objects close with "} }".
	const data = JSON.stringify({
		operations,
		resources: names(resource),
		types: names(taskType),
		defaults,
	}).replace(/}(?=})/g, '} ');
	return `={{ (function (d, p) { const r = p.resource || d.defaults.resource; const o = p.operation || 'create'; const op = (d.operations[r] || {})[o] || o; const what = r === 'batchTask' && o === 'create' ? d.types[p.taskType || d.defaults.taskType] || p.taskType : d.resources[r] || r; const dry = p.dryRun === true || (p.options || {}).dryRun === true; return op + ': ' + what + (dry && o === 'create' ? ' (Dry Run)' : ''); })(${data}, $parameter) }}`;
}
