/**
 * The one error path of the node. Every failure, of any operation, leaves either as a thrown n8n error that
 * names the item, or (Continue On Fail) as an error item of one shape:
 *
 *   { json: { error: { message, description?, ...context } }, pairedItem }
 *
 * e.g. `{ error: { message: 'Stop batch task t1 failed … [item 0]', task_id: 't1', target: 'dev-1',
 * status: 'failure' } }`. Why an object under a single `error` key: with Settings → On Error → "Continue
 * (using error output)", n8n decides per item which output it takes, and the two lines users run decide
 * differently (n8n-core dist/execution-engine/workflow-execute.js, `handleNodeErrorOutput`):
 * - n8n 1.x (1.46 … 1.123): the error output when `item.error` is set, or the JSON is exactly `{ error }`
 *   or `{ error, message }` (Object.keys length 1 or 2);
 * - n8n 2.x (2.41): the error output when `item.error` is set, or every JSON key is error, message or
 *   details; and `normalizeNodeErrors` then replaces the JSON of every item with `item.error` set by
 *   `{ error: message }`, dropping the context.
 * The only shapes both route without losing context are `{ error }` and `{ error, message }`; the context
 * (task id, target, the API error's description) therefore lives inside `error`, and `item.error` is never
 * set. n8n's own HTTP Request node reports failures the same way (`{ error: <the error object> }`), so
 * `{{ $json.error.message }}` is the expression users already know. On the error output n8n adds the input
 * item's fields beside `error`.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError, toNodeError } from './inputErrors';

/** One failure to report: the error, the input item(s) it belongs to, and output fields that give context. */
export interface Failure {
	error: unknown;
	/** A single item pairs as `{ item }`; a list (e.g. every item that listed a device) as `[{ item }, …]`. */
	pairedWith: number | readonly number[];
	/** Kept on the error item beside the message, under `error`, e.g. `{ task_id, target }`. */
	fields?: IDataObject;
	/**
	 * The error was built once for a job of several items and labelled for one of them: this failure's
	 * message names its own item(s) instead (see messageFor).
	 */
	sharedByItems?: boolean;
	/**
	 * Added to the error's description when the failure stops the node (no Continue On Fail), e.g. which
	 * earlier items were already carried out: n8n drops their output when the node throws.
	 */
	stopNote?: string;
}

const LISTED_IDS = 10;

/** The task and file ids in `output`, once each, in output order (`json.task_id`, else `json.file_id`). */
export function idsIn(output: readonly INodeExecutionData[]): string[] {
	const ids = new Set<string>();
	for (const { json } of output) {
		const id = json.task_id ?? json.file_id;
		if (typeof id === 'string') ids.add(id);
	}
	return [...ids];
}

/**
 * A Failure's `stopNote` when work before it was carried out (a task created, stopped or deleted, a file
 * uploaded) but its output is lost because the failure stops the node: `done` names that work ("Items 0 to
 * 2"), `ids` the task/file ids it gave (at most 10 listed, then "and N more").
 */
export function alreadyDone(done: string, ids: readonly string[]): string {
	const listed = ids.slice(0, LISTED_IDS).join(', ');
	const more = ids.length > LISTED_IDS ? ` and ${ids.length - LISTED_IDS} more` : '';
	const which = ids.length ? ` (${listed}${more})` : '';
	return `${done} had already succeeded${which}; their output is not passed on because the node stopped (Settings → On Error → Continue keeps it).`;
}

/** Adds `note` to the error's description (after what it says already) and returns the error. */
export function withNote<E extends NodeApiError | NodeOperationError>(error: E, note: string): E {
	error.description = error.description ? `${error.description} ${note}` : note;
	return error;
}

/** Given by the router to operations that work across items, so they report failures the same way. */
export type FailItems = (failures: readonly Failure[]) => INodeExecutionData[];

/** Any error as an n8n error that names the item (InputErrors get their field and item in the message). */
export function asItemError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof InputError) return toNodeError(node, error, itemIndex);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		// Errors from n8n's request helper carry no item; the UI then cannot point at the failing one.
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** The label that ends a message naming its items: ` [item 2]`, ` [items 0 and 2]`, ` [items 0, 1 and 4]`. */
const ITEM_LABEL = / \[items? \d+(?:(?:, | and )\d+)*(?: and \d+ more)?\]$/;
const LABELLED_ITEMS = 5;

/**
 * `[item 2]` for one item, `[items 0, 1 and 4]` for several (as in the error items' pairedItem), and
 * `[items 0, 1, 2, 3, 4 and 245 more]` past five, so 250 combined items do not flood the message.
 */
export function itemLabel(pairedWith: Failure['pairedWith']): string {
	const items = typeof pairedWith === 'number' ? [pairedWith] : [...pairedWith];
	if (items.length <= 1) return `[item ${items[0] ?? 0}]`;
	if (items.length > LABELLED_ITEMS)
		return `[items ${items.slice(0, LABELLED_ITEMS).join(', ')} and ${items.length - LABELLED_ITEMS} more]`;
	return `[items ${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}]`;
}

/**
 * Adds `suffix` to a message before its item label, so the label stays last where relabel finds it:
 * `Refused [item 0]` + ` (after 1 of 2 calls)` → `Refused (after 1 of 2 calls) [item 0]`.
 */
export function beforeItemLabel(message: string, suffix: string): string {
	const label = ITEM_LABEL.exec(message)?.[0] ?? '';
	return `${message.slice(0, message.length - label.length)}${suffix}${label}`;
}

/** Gives an error that has no item label one (e.g. an API error of a call made for several items). */
export function withItemLabel<E extends Error>(error: E, itemIndex: number): E {
	if (!ITEM_LABEL.test(error.message)) error.message += ` ${itemLabel(itemIndex)}`;
	return error;
}

/**
 * The message for one failure. An error shared by the items of a job (a refused combined Stop of items 0
 * and 2) was labelled for one of them; each error item names its own item(s) instead. Other errors keep
 * their label: it names the item whose field is wrong (a bad Device ID of item 2 fails all combined items).
 */
function messageFor(failure: Failure, nodeError: Error): string {
	if (!failure.sharedByItems || !ITEM_LABEL.test(nodeError.message)) return nodeError.message;
	return nodeError.message.replace(ITEM_LABEL, ` ${itemLabel(failure.pairedWith)}`);
}

function firstItem(pairedWith: Failure['pairedWith']): number {
	return typeof pairedWith === 'number' ? pairedWith : (pairedWith[0] ?? 0);
}

function pairing(pairedWith: Failure['pairedWith']): IPairedItemData | IPairedItemData[] {
	return typeof pairedWith === 'number'
		? { item: pairedWith }
		: pairedWith.map((item) => ({ item }));
}

/**
 * Without Continue On Fail, throws the first failure (nothing after it runs); with it, returns one error
 * item per failure in the shape above. `continueOnFail` is the node's `this.continueOnFail()`, read once in
 * `execute()` and handed down by the router (n8n's require-continue-on-fail rule wants it read there).
 * A message ending in an item label names the failure's own item(s) (see messageFor).
 */
export function errorItems(
	this: IExecuteFunctions,
	failures: readonly Failure[],
	continueOnFail: boolean,
): INodeExecutionData[] {
	const node = this.getNode();
	if (failures.length && !continueOnFail) {
		const nodeError = asItemError(node, failures[0].error, firstItem(failures[0].pairedWith));
		nodeError.message = messageFor(failures[0], nodeError);
		const { stopNote } = failures[0];
		throw stopNote ? withNote(nodeError, stopNote) : nodeError;
	}
	// One n8n error per distinct error value: 200,000 devices that failed in one call share it.
	const converted = new Map<unknown, NodeApiError | NodeOperationError>();
	return failures.map((failure) => {
		const { error, pairedWith, fields } = failure;
		let nodeError = converted.get(error);
		if (!nodeError) {
			nodeError = asItemError(node, error, firstItem(pairedWith));
			converted.set(error, nodeError);
		}
		const reported: IDataObject = {
			message: messageFor(failure, nodeError),
			...(nodeError.description ? { description: nodeError.description } : {}),
			...fields,
		};
		return { json: { error: reported }, pairedItem: pairing(pairedWith) };
	});
}
