/**
 * What one form of task document is (one module per form under documents/, listed once in documents/index.ts):
 * its form fields, the keys its document has and must have, and how the form builds it.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ParamReader } from '../taskBody';

/** A form field that builds the document: [parameter, label, unset values] (nothing, or one of these, is "not set"). */
export type DocumentField = readonly [string, string, readonly unknown[]];

export interface DocumentFormModule {
	/** The form's fields; the registry shows them for the task types of this form (and of forms that extend it). */
	fields: INodeProperties[];
	/** A form whose fields this one shows too, before its own (the async command is a command plus a strategy). */
	extends?: DocumentFormModule;
	/** The fields that build the document, with their unset values: Document (JSON) refuses to replace a set one. */
	setBy: readonly DocumentField[];
	/** Every key the document may have (SDK request model): Document (JSON) may not carry another form's key. */
	keys: readonly string[];
	/** Keys a hand-written document must hold; each inner list: one of them. */
	required: readonly string[][];
	/** Whether the Product field narrows this form's dropdowns (packages, services and commands). */
	narrowedByProduct?: boolean;
	/** Builds the document from the item's parameters; throws InputError naming the field. */
	build(param: ParamReader): IDataObject;
	/** Further checks of a hand-written document of this form; throws InputError naming Document (JSON). */
	checkOverride?(document: IDataObject): void;
}
