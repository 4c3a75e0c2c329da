/**
 * Create's form by node version. Version 1 holds every setting in two alphabetical collections (Options,
 * Additional Fields). Version 2 groups them by purpose (issue #30): Dry Run, Wait for Completion with its
 * settings, the Staged Rollout and the upgrade settings are fields of the form where an operator looks first;
 * the task-existence and limit options are "Task Options"; "Options" keeps only the request settings, last.
 * The run reads either version through `collectionValues`, in version 1's shape, so one validator, one option
 * rule table and one body builder serve both (n8n's `version: [1, 2]` with `@version` display conditions, as
 * its Set, If and HTTP Request nodes evolve a form; saved workflows keep their typeVersion and their form).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Version 1's collections that version 2 takes apart. */
export type V1Collection = 'options' | 'additionalFields';

/** Where an option of a version 1 collection lives in version 2: a top-level field or a collection. */
export type Placement = 'field' | 'taskOptions' | V1Collection;

/** Version 2's placement of the options that moved: their version 1 collection and where they are now. */
// In the order version 2 shows the fields: waiting first (six settings depend on it), then the rollout, Dry Run.
const V2_MOVED: Record<string, { from: V1Collection; to: Placement }> = {
	waitForCompletion: { from: 'options', to: 'field' },
	pollInterval: { from: 'options', to: 'field' },
	maxWait: { from: 'options', to: 'field' },
	deviceOutput: { from: 'options', to: 'field' },
	rolloutWaves: { from: 'options', to: 'field' },
	successThreshold: { from: 'options', to: 'field' },
	pauseBetweenWaves: { from: 'options', to: 'field' },
	dryRun: { from: 'options', to: 'field' },
	gatewayMode: { from: 'additionalFields', to: 'field' },
	needConfirm: { from: 'additionalFields', to: 'field' },
	taskExtInfo: { from: 'additionalFields', to: 'field' },
	idempotencyKey: { from: 'options', to: 'taskOptions' },
	ifTaskExists: { from: 'options', to: 'taskOptions' },
	maxTasks: { from: 'options', to: 'taskOptions' },
	tooManyTasks: { from: 'options', to: 'taskOptions' },
};

/** Where option `name` of version 1's `collection` lives in form `version` (1 or 2+). */
export function placementOf(name: string, collection: V1Collection, version: number): Placement {
	const moved = V2_MOVED[name];
	return version >= 2 && moved?.from === collection ? moved.to : collection;
}

/** The names version 2 shows as fields of the form, in their order. */
export const V2_FIELDS = Object.keys(V2_MOVED).filter((name) => V2_MOVED[name].to === 'field');

/** The display condition that selects a version's form: `{ '@version': [1] }` or 2 and later. */
export function forVersion(version: 1 | 2) {
	return { show: { '@version': version === 1 ? [1] : [{ _cnd: { gte: 2 } }] } };
}

/** Reads one node parameter of the item being run (`getNodeParameter(name, itemIndex, fallback)`). */
type Read = (name: string, fallback?: unknown) => unknown;

/**
 * Version 1's `collection` value for an item of form `version`, whichever form the workflow was saved with:
 * in version 2 the options that moved are read from their fields and Task Options. A field counts only when its
 * value is not its default (`defaultOf`, the form's): n8n fills every field's default into a loaded node, so an
 * untouched field is "not set" exactly as an option never added to a version 1 collection — and the form shows
 * a field that cannot apply by the same test (optionRules.ts notDefault).
 */
export function collectionValues(
	read: Read,
	collection: V1Collection,
	version: number,
	defaultOf: (name: string) => unknown,
): IDataObject {
	const own = (read(collection, {}) as IDataObject | undefined) ?? {};
	if (version < 2) return { ...own };
	const values: IDataObject = { ...own };
	if (collection === 'options') Object.assign(values, read('taskOptions', {}) as IDataObject);
	for (const [name, moved] of Object.entries(V2_MOVED)) {
		if (moved.from !== collection || moved.to !== 'field') continue;
		const value = read(name, defaultOf(name));
		if (value !== defaultOf(name)) values[name] = value as IDataObject[string];
	}
	return values;
}

/**
 * `collectionValues` for item `itemIndex` of the node being run (its typeVersion); `properties`: the form, whose
 * first copy of each field gives its default.
 */
export function readCollection(
	this: IExecuteFunctions,
	properties: readonly INodeProperties[],
	collection: V1Collection,
	itemIndex: number,
): IDataObject {
	const read: Read = (name, fallback) => this.getNodeParameter(name, itemIndex, fallback);
	const defaultOf = (name: string) => properties.find((p) => p.name === name)?.default;
	return collectionValues(read, collection, this.getNode().typeVersion, defaultOf);
}
