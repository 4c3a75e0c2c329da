/**
 * Reads the node's error items (Continue On Fail / "Continue (using error output)") strictly. Their one
 * shape (nodes/HuaweiCloudIotda/helpers/itemErrors.ts) is
 *
 *   { json: { error: { message, description?, ...context } }, pairedItem }
 *
 * with the context (task_id, target, status, …) inside `error`; on n8n's error output the engine adds the
 * input item's fields beside `error`. An item whose `error` is anything else — missing, a bare message
 * string (the old shape), an Error instance, an object without a string `message` — fails the test here,
 * so `errorMessage(o).startsWith(…)` can never pass on an item of the wrong shape.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** The `error` object of an error item: the message plus the context fields the node put beside it. */
export type ErrorContext = IDataObject & { message: string; description?: string };

/** A plain object (`{…}`, from any realm), not an array, Error, Date or class instance. */
export function isPlainObject(value: unknown): value is IDataObject {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Whether the item is an error item at all (it has an `error` key); its shape is checked by errorContext. */
export function isErrorItem(item: INodeExecutionData): boolean {
	return item.json.error !== undefined;
}

/** The item's `error` object; throws unless `json.error` is a plain object with a string `message`. */
export function errorContext(item: INodeExecutionData): ErrorContext {
	const error: unknown = item.json.error;
	if (!isPlainObject(error) || typeof error.message !== 'string')
		throw new Error(
			`Expected an error item { json: { error: { message: string, … } } }, got ${JSON.stringify(item.json)}`,
		);
	return error as ErrorContext;
}

/** The item's error message (`json.error.message`); throws unless the item has the error item shape. */
export function errorMessage(item: INodeExecutionData): string {
	return errorContext(item).message;
}

/** The error items among `items`, each checked for the error item shape. */
export function errorItemsOf(items: readonly INodeExecutionData[]): INodeExecutionData[] {
	const failed = items.filter(isErrorItem);
	failed.forEach(errorContext);
	return failed;
}
