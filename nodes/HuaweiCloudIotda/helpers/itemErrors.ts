/**
 * The one error path of the node. Every failure, of any operation, leaves either as a thrown n8n error that
 * names the item, or (Continue On Fail) as an error item of one shape:
 *
 *   { json: { error: message, details?: { ...context, description } }, pairedItem }
 *
 * Why this shape, from n8n-core 2.41 (dist/execution-engine/workflow-execute.js): with Settings → On Error →
 * "Continue (using error output)", `handleNodeErrorOutput` sends an item to the error output when
 * `item.error` is set or when its JSON holds nothing but error, message and details — and
 * `normalizeNodeErrors` replaces the JSON of every item with `item.error` set by `{ error: message }`. So
 * the context (task id, device, the error's description) can only survive under `details`, and `item.error`
 * is not set. On the error output n8n adds the input item's fields beside these.
 */
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError, toNodeError } from './inputErrors';

/** One failure to report: the error, the input item(s) it belongs to, and output fields that give context. */
export interface Failure {
	error: unknown;
	/** A single item pairs as `{ item }`; a list (e.g. every item that listed a device) as `[{ item }, …]`. */
	pairedWith: number | readonly number[];
	/** Kept on the error item under `details`, e.g. `{ task_id, target }`. */
	fields?: IDataObject;
}

/** Given by the router to operations that work across items, so they report failures the same way. */
export type FailItems = (failures: readonly Failure[]) => INodeExecutionData[];

/** Any error as an n8n error that names the item (InputErrors get their field and item in the message). */
export function asItemError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof InputError) return toNodeError(node, error, itemIndex);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		// Errors from n8n's request helper carry no item; the UI then cannot point at the failing one.
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

function firstItem(pairedWith: Failure['pairedWith']): number {
	return typeof pairedWith === 'number' ? pairedWith : (pairedWith[0] ?? 0);
}

function pairing(pairedWith: Failure['pairedWith']): IPairedItemData | IPairedItemData[] {
	return typeof pairedWith === 'number' ? { item: pairedWith } : pairedWith.map((item) => ({ item }));
}

/**
 * Without Continue On Fail, throws the first failure (nothing after it runs); with it, returns one error
 * item per failure in the shape above. `continueOnFail` is the node's `this.continueOnFail()`, read once in
 * `execute()` and handed down by the router (n8n's require-continue-on-fail rule wants it read there).
 */
export function errorItems(
	this: IExecuteFunctions,
	failures: readonly Failure[],
	continueOnFail: boolean,
): INodeExecutionData[] {
	const node = this.getNode();
	if (failures.length && !continueOnFail) {
		throw asItemError(node, failures[0].error, firstItem(failures[0].pairedWith));
	}
	// One n8n error per distinct error value: 200,000 devices that failed in one call share it.
	const converted = new Map<unknown, NodeApiError | NodeOperationError>();
	return failures.map(({ error, pairedWith, fields }) => {
		let nodeError = converted.get(error);
		if (!nodeError) {
			nodeError = asItemError(node, error, firstItem(pairedWith));
			converted.set(error, nodeError);
		}
		const details: IDataObject = { ...fields, ...(nodeError.description ? { description: nodeError.description } : {}) };
		const json = Object.keys(details).length ? { error: nodeError.message, details } : { error: nodeError.message };
		return { json, pairedItem: pairing(pairedWith) };
	});
}
