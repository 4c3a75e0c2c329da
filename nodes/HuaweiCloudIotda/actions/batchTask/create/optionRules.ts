/**
 * The one place that decides which Create options apply to which configuration, read from
 * CREATE_OPTION_RULES (createOptionRules.ts). It gives the form its display options and the validator its
 * refusals, so an option is shown exactly when it is accepted:
 * - where an option applies, its normal copy is shown (n8n displayOptions built from the rule's conditions);
 * - where it does not, a copy described "Not used here: needs …" is shown instead. It is never hidden: n8n
 *   drops hidden values from a workflow before the node runs (Workflow constructor → getNodeParameters), so
 *   a hidden option set in an imported workflow — Staged Rollout Waves with "One Task per Item" — would run
 *   as if it were not there. A display condition on the option's own value cannot be used instead: n8n
 *   evaluates duplicate-named options before their own value is known;
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

/** displayOptions that hold when `condition` holds (or, with `holds` false, when it fails). */
function conditionDisplay(condition: OptionCondition, holds: boolean): IDisplayOptions {
	const positive =
		condition.values || condition.above !== undefined ? holds : condition.set === holds;
	const values = condition.values
		? [...condition.values]
		: condition.above !== undefined
			? [{ _cnd: { gt: condition.above } }]
			: [NON_EMPTY];
	return positive ? { show: { [condition.key]: values } } : { hide: { [condition.key]: values } };
}

function withConditions(
	property: INodeProperties,
	conditions: Array<[OptionCondition, boolean]>,
): INodeProperties {
	return conditions.reduce(
		(p, [condition, holds]) => updateDisplayOptions(conditionDisplay(condition, holds), [p])[0],
		property,
	);
}

/**
 * The form copies of one option (shape: INodeProperties with the same name; exactly one is displayed for
 * any configuration): the applicable copy, and per condition k a copy shown when conditions 1…k−1 hold and
 * k fails (k is then the first failing one), described as not used.
 */
function ruledCopies(property: INodeProperties, rule: OptionRule): INodeProperties[] {
	const applicable = withConditions(
		property,
		rule.when.map((c) => [c, true]),
	);
	const refused = rule.when.map((failing, k) => {
		const copy = withConditions(property, [
			...rule.when.slice(0, k).map((c): [OptionCondition, boolean] => [c, true]),
			[failing, false],
		]);
		return { ...copy, description: `Not used here: needs ${failing.needs}. Remove this option.` };
	});
	return [applicable, ...refused];
}

/** A Create collection's options with the rules applied (options without a rule are returned unchanged). */
export function applyOptionRules(
	collection: OptionRule['collection'],
	options: INodeProperties[],
): INodeProperties[] {
	return options.flatMap((property) => {
		const rule = CREATE_OPTION_RULES.find(
			(r) => r.collection === collection && r.name === property.name,
		);
		return rule ? ruledCopies(property, rule) : [property];
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
