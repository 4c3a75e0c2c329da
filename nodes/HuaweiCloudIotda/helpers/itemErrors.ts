/** Turns any failure of one input item into an n8n error that names the item, and honours continueOnFail. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError, toNodeError } from './inputErrors';

export function asItemError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof InputError) return toNodeError(context.getNode(), error, itemIndex);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		// Errors from n8n's request helper carry no item; the UI then cannot point at the failing one.
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** With continueOnFail, the error items for these inputs; otherwise the error is thrown. */
export function errorItemsOrThrow(
	context: IExecuteFunctions,
	error: unknown,
	itemIndexes: number[],
	extra: Record<string, string | number | boolean | null> = {},
): INodeExecutionData[] {
	const nodeError = asItemError(context, error, itemIndexes[0] ?? 0);
	if (!context.continueOnFail()) throw nodeError;
	return itemIndexes.map((item) => ({
		json: { ...extra, error: nodeError.message },
		pairedItem: { item },
	}));
}
