/**
 * The Target Sources of Create, one module each; a new source is one module and one line in TARGET_SOURCES.
 * From this list come the Target Source selectors (one per set of sources a task type offers), the sources'
 * fields, which source an item chose, and the sources the option rules name (createOptionRules.ts).
 */
import type { INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../../helpers/inputErrors';
import { TASK_TYPES, type TaskTypeSpec } from '../../../../helpers/apiRules';
import { sortedByName } from '../../../../helpers/sortOptions';
import type { ParamReader } from '../taskBody';
import { deviceIds } from './deviceIds';
import { deviceSearch } from './deviceSearch';
import { file } from './file';
import { groupIds } from './groupIds';
import type { TargetSourceModule } from './targetSource';

export type { DeviceReader, StagedDevices, TargetSourceModule } from './targetSource';

/** Every source, in the order the selectors and the option rules list them. */
export const TARGET_SOURCES: readonly TargetSourceModule[] = [
	deviceIds,
	deviceSearch,
	groupIds,
	file,
];

/** The sources a task type offers: those whose IoTDA target it takes (TASK_TYPES `targetSources`). */
export function sourcesFor(spec: TaskTypeSpec): TargetSourceModule[] {
	return TARGET_SOURCES.filter((source) => spec.targetSources.includes(source.sends));
}

/**
 * The source one item chose (`targetSource`; a task type with one source needs no choice). Throws InputError
 * naming Target Source when the task type does not offer it.
 */
export function chosenSource(spec: TaskTypeSpec, param: ParamReader): TargetSourceModule {
	const offered = sourcesFor(spec);
	const value =
		offered.length === 1 ? offered[0].option.value : param('targetSource', offered[0].option.value);
	const source = offered.find((s) => s.option.value === value);
	if (!source) throw new InputError('Target Source', value, `is not available for ${spec.value}`);
	return source;
}

/** The `targetSource` values of the sources that `holds` for, e.g. those a staged rollout can cut into waves. */
export function sourceValues(holds: (source: TargetSourceModule) => boolean): string[] {
	return TARGET_SOURCES.filter(holds).map((s) => s.option.value);
}

/** `Target Source "Device IDs" or "Device Group IDs"`: how an option rule names the sources it needs. */
export function sourceNames(holds: (source: TargetSourceModule) => boolean): string {
	const names = TARGET_SOURCES.filter(holds).map((s) => `"${s.option.name}"`);
	return `Target Source ${names.join(' or ')}`;
}

/** The selector's fixed part; each task type's copy sets its own default, options and task types. */
const SELECTOR: INodeProperties = {
	displayName: 'Target Source',
	name: 'targetSource',
	type: 'options',
	noDataExpression: true,
	default: '',
	description:
		'Which devices the task runs on. IoTDA takes exactly one source; only the chosen one is sent.',
};

/** One "Target Source" selector per set of sources, so each task type offers only what it supports. */
function targetSourceSelectors(): INodeProperties[] {
	const sets = new Map<string, { sources: TargetSourceModule[]; types: string[] }>();
	for (const spec of TASK_TYPES) {
		const sources = sourcesFor(spec);
		const key = sources.map((s) => s.option.value).join();
		if (!sets.has(key)) sets.set(key, { sources, types: [] });
		sets.get(key)!.types.push(spec.value);
	}
	// Ordered by their first source, then by size: the order the form has always had.
	const first = (set: { sources: TargetSourceModule[] }) => TARGET_SOURCES.indexOf(set.sources[0]);
	return [...sets.values()]
		.sort((a, b) => first(a) - first(b) || a.sources.length - b.sources.length)
		.map(({ sources, types }) => ({
			...SELECTOR,
			default: sources[0].option.value,
			options:
				sources.length > 1 ? sortedByName(sources.map((s) => s.option)) : [sources[0].option],
			displayOptions: { show: { taskType: types } },
		}));
}

/** The selectors, then each source's fields, shown when that source is chosen (and their own conditions hold). */
export function targetFields(): INodeProperties[] {
	return [
		...targetSourceSelectors(),
		...TARGET_SOURCES.flatMap((source) =>
			source.fields.map((field) => ({
				...field,
				displayOptions: {
					show: { ...field.displayOptions?.show, targetSource: [source.option.value] },
				},
			})),
		),
	];
}
