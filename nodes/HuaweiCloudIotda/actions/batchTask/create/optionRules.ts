/**
 * The one place that decides which Create options apply to which configuration, read from
 * CREATE_OPTION_RULES (createOptionRules.ts). It gives the form its display options and the validator its
 * refusals, so an option is shown exactly when it is accepted:
 * - where an option applies, its normal copy is shown (n8n displayOptions built from the rule's conditions);
 * - where it does not, a copy warning "Not used here: needs …" (description and hint, under the field) is
 *   shown instead when a value is set, so an imported workflow's value stays visible and is refused, never
 *   dropped (see notUsedCopy for what n8n allows in a collection and in a field);
 * - the node refuses a set option that does not apply before any request, naming it, the setting it needs
 *   and why.
 */
import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import {
	CREATE_OPTION_RULES,
	type BatchMode,
	type OptionCondition,
	type OptionRule,
} from './createOptionRules';
import { updateDisplayOptions } from '../../../helpers/displayOptions';
import { placementOf, type Placement, type V1Collection } from './formVersion';
import { InputError } from '../../../helpers/inputErrors';
import { isBlank } from '../../../helpers/validate';

/** The top-level settings a rule can depend on, as resolved for one item. */
export interface CreateSettings {
	taskType: string;
	/** The chosen source's `targetSource` value (targets/). */
	targetSource: string;
	batchMode: BatchMode;
}

/**
 * "A non-empty value" for a display condition. Not `_cnd: { exists: true }`: that arrived in n8n-workflow 1.50
 * (n8n 1.51), and older editors — n8n 1.46 to 1.50, which the package supports — treat an unknown `_cnd` as
 * false, so every option that needs Staged Rollout Waves read "Not used here" with waves set. `gt: ''` works
 * in every n8n-workflow that has `_cnd` and means the same for the string options these conditions name:
 * undefined, null and '' are not greater than ''.
 */
const NON_EMPTY = { _cnd: { gt: '' } };

/** A condition's `key` as seen from where the option lives in this form version (formVersion.ts). */
function keyFrom(key: string, place: Place): string {
	if (key.startsWith('/')) return key;
	const sibling = placementOf(key, place.collection, place.version);
	if (sibling === place.at) return key;
	return sibling === 'field' ? `/${key}` : `/${sibling}.${key}`;
}

/** displayOptions that hold when `condition` holds (or, with `holds` false, when it fails). */
function conditionDisplay(
	condition: OptionCondition,
	holds: boolean,
	key: string,
): IDisplayOptions {
	const positive =
		condition.values || condition.above !== undefined ? holds : condition.set === holds;
	const values = condition.values
		? [...condition.values]
		: condition.above !== undefined
			? [{ _cnd: { gt: condition.above } }]
			: [NON_EMPTY];
	return positive ? { show: { [key]: values } } : { hide: { [key]: values } };
}

/** Where the option lives and how its conditions' keys read from there. */
interface Place {
	collection: V1Collection;
	at: Placement;
	version: number;
}

function withConditions(
	property: INodeProperties,
	conditions: Array<[OptionCondition, boolean]>,
	place: Place,
): INodeProperties {
	return conditions.reduce(
		(p, [condition, holds]) =>
			updateDisplayOptions(conditionDisplay(condition, holds, keyFrom(condition.key, place)), [
				p,
			])[0],
		property,
	);
}

/**
 * Display values that match a field's value other than `fallback` (its default) — and not a field n8n left out
 * (undefined, matched by none). Not `_cnd: { not }`, which matches undefined, nor `exists` (n8n 1.51+).
 */
function notDefault(fallback: unknown) {
	if (typeof fallback === 'boolean') return [!fallback];
	const value = fallback as string | number;
	return [{ _cnd: { gt: value } }, { _cnd: { lt: value } }];
}

/**
 * A copy shown where the option does not apply, with its warning as description and as hint (under the field).
 * Form version 1 offers it, as it always did. Form version 2 shows it only when a value is set (notDefault), so
 * nothing is offered, and an imported workflow's value stays visible, warned and refused. n8n would drop such a
 * value on load — the Workflow constructor's getNodeParameters checks a duplicate-named option's own-value
 * condition before the value is known — so version 2 adds `carrier`.
 */
function notUsedCopy(property: INodeProperties, failing: OptionCondition, place: Place) {
	const remove = place.at === 'field' ? 'Clear this field' : 'Remove this option';
	const warning = `Not used here: needs ${failing.needs}. ${remove}: the node refuses to run with it.`;
	const copy = { ...property, description: warning, hint: warning };
	if (place.version < 2) return copy;
	return updateDisplayOptions({ show: { [property.name]: notDefault(property.default) } }, [
		copy,
	])[0];
}

/**
 * An always-present copy of type 'hidden' (the editor renders none, in a form or an "Add Option" list): it
 * hands n8n's load-time display check the option's value, so the copy conditioned on that value keeps it.
 */
const carrier = (property: INodeProperties): INodeProperties => ({ ...property, type: 'hidden' });

/**
 * The form copies of one option (shape: INodeProperties with the same name; exactly one is displayed for
 * any configuration): the applicable copy, and per condition k a copy shown when conditions 1…k−1 hold and
 * k fails (k is then the first failing one), marked as not used (notUsedCopy).
 */
function ruledCopies(property: INodeProperties, rule: OptionRule, place: Place): INodeProperties[] {
	const applicable = withConditions(
		property,
		rule.when.map((c) => [c, true]),
		place,
	);
	const refused = rule.when.map((failing, k) =>
		withConditions(
			notUsedCopy(property, failing, place),
			[
				...rule.when.slice(0, k).map((c): [OptionCondition, boolean] => [c, true]),
				[failing, false],
			],
			place,
		),
	);
	return place.version < 2 ? [applicable, ...refused] : [carrier(property), applicable, ...refused];
}

/**
 * Options of version 1's `collection` with the rules applied (options without a rule are returned unchanged),
 * for form `version`: their conditions name the other settings where that version's form holds them.
 */
export function applyOptionRules(
	collection: OptionRule['collection'],
	options: INodeProperties[],
	version = 1,
): INodeProperties[] {
	return options.flatMap((property) => {
		const rule = CREATE_OPTION_RULES.find(
			(r) => r.collection === collection && r.name === property.name,
		);
		const place = { collection, version, at: placementOf(property.name, collection, version) };
		return rule ? ruledCopies(property, rule, place) : [property];
	});
}

/** Set = not blank (helpers/validate.ts isBlank: undefined, null, blanks-only text), the rule of every field. */
const isSet = (value: unknown): boolean => !isBlank(value);

/** The value a condition reads: a top-level setting (`/taskType`) or a sibling option of the collection. */
function settingValue(
	condition: OptionCondition,
	settings: CreateSettings,
	values: IDataObject,
): unknown {
	return condition.key.startsWith('/')
		? settings[condition.key.slice(1) as keyof CreateSettings]
		: values[condition.key];
}

/** Whether `condition` holds for these settings and the collection's values (the same test n8n's display makes). */
export function conditionHolds(
	condition: OptionCondition,
	settings: CreateSettings,
	values: IDataObject,
): boolean {
	const value = settingValue(condition, settings, values);
	if (condition.values) return condition.values.includes(value as string | boolean);
	if (condition.above !== undefined) return isSet(value) && Number(value) > condition.above;
	return isSet(value) === condition.set;
}

/** The first condition of `rule` that fails for this configuration, or undefined when the option applies. */
export function failingCondition(
	rule: OptionRule,
	settings: CreateSettings,
	values: IDataObject,
): OptionCondition | undefined {
	return rule.when.find((c) => !conditionHolds(c, settings, values));
}

function describeSetting(
	condition: OptionCondition,
	settings: CreateSettings,
	values: IDataObject,
): string {
	const value = settingValue(condition, settings, values);
	return isSet(value)
		? `${condition.setting} is ${JSON.stringify(value)}`
		: `${condition.setting} is not set`;
}

/**
 * Refuses (InputError naming the option, the setting it needs and what to do) the first option of
 * `collection` that is set although it does not apply to this configuration. Shape of `values`: the
 * collection's parameter value (`{ rolloutWaves: '10%, 100%', … }`).
 */
export function refuseInapplicableOptions(
	collection: OptionRule['collection'],
	values: IDataObject,
	settings: CreateSettings,
): void {
	for (const rule of CREATE_OPTION_RULES) {
		if (rule.collection !== collection || !isSet(values[rule.name])) continue;
		const failing = failingCondition(rule, settings, values);
		if (!failing) continue;
		throw new InputError(
			rule.label,
			values[rule.name],
			`needs ${failing.needs}, but ${describeSetting(failing, settings, values)}; otherwise ${rule.why}. Change that setting, or remove ${rule.label}`,
		);
	}
}
