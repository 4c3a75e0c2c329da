/**
 * The forms of task document Create builds, one module each (TASK_TYPES `document`, helpers/apiRules.ts, says
 * which form a task type takes). From this registry come the document fields of the form, the document an item
 * builds, and the checks of Additional Fields → Document (JSON), which replaces it.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../../helpers/inputErrors';
import { taskTypesWhere, type DocumentForm, type TaskTypeSpec } from '../../../../helpers/apiRules';
import { isBlank, parseJsonObject } from '../../../../helpers/validate';
import type { ParamReader } from '../taskBody';
import { asyncCommand } from './asyncCommand';
import { command } from './command';
import type { DocumentFormModule } from './documentForm';
import { message } from './message';
import { shadow } from './shadow';
import { upgrade } from './upgrade';

/** Every form, in the order the Create form shows their fields; `none` (no document) has no module. */
export const DOCUMENT_FORMS: Readonly<Record<Exclude<DocumentForm, 'none'>, DocumentFormModule>> = {
	upgrade,
	command,
	asyncCommand,
	message,
	shadow,
};

const moduleOf = (spec: TaskTypeSpec): DocumentFormModule | undefined =>
	spec.document === 'none' ? undefined : DOCUMENT_FORMS[spec.document];

/** Task types whose document is built by `form` or by a form that extends it. */
function typesUsing(form: DocumentFormModule): string[] {
	return taskTypesWhere((t) => {
		const own = moduleOf(t);
		return own === form || own?.extends === form;
	});
}

/**
 * The document fields of the Create form: Product (which narrows the dropdowns of the forms that say so), then
 * each form's fields, shown for the task types that use them.
 */
export function documentFields(): INodeProperties[] {
	const forms = Object.values(DOCUMENT_FORMS);
	const product: INodeProperties = {
		displayName: 'Product Name or ID',
		name: 'productId',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getProducts',
			loadOptionsDependsOn: ['additionalFields.appId'],
		},
		default: '',
		description:
			'Never sent: narrows the lists below (the product’s packages, or the services and commands of its model). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: {
			show: { taskType: taskTypesWhere((t) => moduleOf(t)?.narrowedByProduct === true) },
		},
	};
	return [
		product,
		...forms.flatMap((form) =>
			form.fields.map((field) => ({
				...field,
				displayOptions: { show: { taskType: typesUsing(form), ...field.displayOptions?.show } },
			})),
		),
	];
}

/** The document the form builds for this task type, or undefined for a type without one. */
export function buildDocument(spec: TaskTypeSpec, param: ParamReader): IDataObject | undefined {
	return moduleOf(spec)?.build(param);
}

/**
 * Whether Additional Fields → Document (JSON) is left as added: nothing, blank (validate.ts isBlank) or `{}` (the
 * field's default).
 * Such a value never replaces the form's document (audit row 2) and counts as not set. Throws InputError
 * when the text is not a JSON object.
 */
export function isUntouchedDocument(value: unknown): boolean {
	if (isBlank(value)) return true;
	return Object.keys(parseJsonObject('Document (JSON)', value)).length === 0;
}

/** Refuses Document (JSON) when a form field that builds this form's document is also set: it would be dropped. */
function refuseSetFields(form: DocumentFormModule | undefined, param: ParamReader, raw: unknown) {
	for (const [name, label, unset] of form?.setBy ?? []) {
		const value = param(name, unset[0]);
		if (
			value !== undefined &&
			value !== null &&
			!unset.some((u) => JSON.stringify(u) === JSON.stringify(value))
		)
			throw new InputError(
				'Document (JSON)',
				raw,
				`replaces the document the form builds, so ${label} would be ignored; clear ${label} or remove Document (JSON)`,
			);
	}
}

/**
 * Document (JSON) replaces the document the form builds. In this order (InputError naming it):
 * an untouched value is ignored (undefined: the form's document is sent, audit row 2); refused when a form
 * field of that document is also set — that field would be dropped — or when it carries a key only another
 * form's document has (e.g. `package_ids` on a command task); refused without the request model's required
 * keys and for task types that take no document (GO/PY create_batch_task `document`, audit row 13).
 */
export function documentOverride(
	spec: TaskTypeSpec,
	param: ParamReader,
	raw: unknown,
): IDataObject | undefined {
	if (isUntouchedDocument(raw)) return undefined;
	const document = parseJsonObject('Document (JSON)', raw) as IDataObject;
	const form = moduleOf(spec);
	refuseSetFields(form, param, raw);
	const own = form?.keys ?? [];
	const foreign = Object.keys(document).filter(
		(key) => !own.includes(key) && Object.values(DOCUMENT_FORMS).some((f) => f.keys.includes(key)),
	);
	if (foreign.length)
		throw new InputError(
			'Document (JSON)',
			raw,
			`has ${foreign.join(', ')}, which a ${spec.name} task does not take (IoTDA would not act on it); use the matching Task Type or remove ${foreign.length > 1 ? 'them' : 'it'}`,
		);
	const missing = (form?.required ?? []).filter((keys) => !keys.some((key) => key in document));
	if (missing.length)
		throw new InputError(
			'Document (JSON)',
			raw,
			`must contain ${missing.map((keys) => keys.join(' or ')).join(' and ')} for ${spec.value}`,
		);
	if (!form)
		throw new InputError(
			'Document (JSON)',
			raw,
			`is not taken by ${spec.value} (it has no document)`,
		);
	form.checkOverride?.(document);
	return document;
}
