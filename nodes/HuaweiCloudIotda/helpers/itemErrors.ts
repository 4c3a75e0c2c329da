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
import { ExpressionError, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError, toNodeError } from './inputErrors';

/**
 * One failure to report: the error, the input item(s) it belongs to, and output fields that give context. The
 * message is the error's own, then ` (detail)`, then the label naming `itemsNamed ?? pairedWith` — composed
 * here (composeMessage) and nowhere else, for input errors and IoTDA's answers alike.
 */
export interface Failure {
	error: unknown;
	/** A single item pairs as `{ item }`; a list (e.g. every item that listed a device) as `[{ item }, …]`. */
	pairedWith: number | readonly number[];
	/**
	 * The item(s) the message names when they are not the ones it pairs with: a form read from item 0 that
	 * fails every item of Create's One Task for All Items names item 0 (default: `pairedWith`).
	 */
	itemsNamed?: number | readonly number[];
	/** Said after the error's message, before the label, e.g. `after 1 of 3 calls succeeded`. */
	detail?: string;
	/** Kept on the error item beside the message, under `error`, e.g. `{ task_id, target }`. */
	fields?: IDataObject;
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

/**
 * Any error as an n8n error for `itemIndex` (the UI points at that item): an InputError becomes one that says
 * its field; errors from n8n's request helper, which carry no item, get it. The message gets its item label in
 * errorItems, not here.
 */
export function asItemError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof InputError) return toNodeError(node, error, itemIndex);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

const LABELLED_ITEMS = 5;

/**
 * `[item 2]` for one item, `[items 0, 1 and 4]` for several (as in the error items' pairedItem), and
 * `[items 0, 1, 2, 3, 4 and 245 more]` past five, so 250 combined items do not flood the message.
 */
export function itemLabel(items: Failure['pairedWith']): string {
	const list = typeof items === 'number' ? [items] : [...items];
	if (list.length <= 1) return `[item ${list[0] ?? 0}]`;
	if (list.length > LABELLED_ITEMS)
		return `[items ${list.slice(0, LABELLED_ITEMS).join(', ')} and ${list.length - LABELLED_ITEMS} more]`;
	return `[items ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}]`;
}

const namedBy = (failure: Failure) => failure.itemsNamed ?? failure.pairedWith;

/**
 * The one place a message gets its label: `message (detail) [item N]`. Some of n8n-core's own errors already
 * end with the label of the item they were raised for (a missing binary field: `… but none was found [item 0]`,
 * n8n-core binary-helper-functions.js); when that is exactly the label composed here, it is not written twice.
 * n8n's expression errors keep n8n's own message: the editor builds their text from their context, which
 * names the parameter and the item (n8n-workflow workflow-data-proxy.js, `descriptionKey`, `itemIndex`).
 */
function composeMessage(message: string, failure: Failure): string {
	if (failure.error instanceof ExpressionError) return message;
	const label = ` ${itemLabel(namedBy(failure))}`;
	const own = message.endsWith(label) ? message.slice(0, -label.length) : message;
	return `${own}${failure.detail ? ` (${failure.detail})` : ''}${label}`;
}

function firstItem(items: Failure['pairedWith']): number {
	return typeof items === 'number' ? items : (items[0] ?? 0);
}

function pairing(pairedWith: Failure['pairedWith']): IPairedItemData | IPairedItemData[] {
	return typeof pairedWith === 'number'
		? { item: pairedWith }
		: pairedWith.map((item) => ({ item }));
}

/** The first failure as the error that stops the node: its message labelled, its stopNote added. */
function stopError(node: INode, failure: Failure): NodeApiError | NodeOperationError {
	const nodeError = asItemError(node, failure.error, firstItem(namedBy(failure)));
	nodeError.message = composeMessage(nodeError.message, failure);
	return failure.stopNote ? withNote(nodeError, failure.stopNote) : nodeError;
}

/**
 * Without Continue On Fail, throws the first failure (nothing after it runs); with it, returns one error
 * item per failure in the shape above. `continueOnFail` is the node's `this.continueOnFail()`, read once in
 * `execute()` and handed down by the router (n8n's require-continue-on-fail rule wants it read there).
 * Every message names its item(s) (composeMessage).
 */
export function errorItems(
	this: IExecuteFunctions,
	failures: readonly Failure[],
	continueOnFail: boolean,
): INodeExecutionData[] {
	const node = this.getNode();
	if (failures.length && !continueOnFail) throw stopError(node, failures[0]);
	// One n8n error per distinct error value: 200,000 devices that failed in one call share it; each error
	// item composes its own message from it.
	const converted = new Map<unknown, NodeApiError | NodeOperationError>();
	return failures.map((failure) => {
		const { error, pairedWith, fields } = failure;
		let nodeError = converted.get(error);
		if (!nodeError) {
			nodeError = asItemError(node, error, firstItem(namedBy(failure)));
			converted.set(error, nodeError);
		}
		const reported: IDataObject = {
			message: composeMessage(nodeError.message, failure),
			...(nodeError.description ? { description: nodeError.description } : {}),
			...fields,
		};
		return { json: { error: reported }, pairedItem: pairing(pairedWith) };
	});
}

/**
 * The `fail` the router hands to one across-items run: errorItems, except that once a failure has stopped
 * the node every later call throws that same error again. An operation that reports what it caught (Create's
 * `catch … fail(…)` around its tasks) may catch the stop itself; reporting it again would label it twice.
 */
export function failFor(this: IExecuteFunctions, continueOnFail: boolean): FailItems {
	let stopped: NodeApiError | NodeOperationError | undefined;
	return (failures) => {
		if (stopped) throw stopped;
		if (failures.length && !continueOnFail)
			throw (stopped = stopError(this.getNode(), failures[0]));
		return errorItems.call(this, failures, continueOnFail);
	};
}
