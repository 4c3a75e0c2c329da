import { NodeOperationError, type INode } from 'n8n-workflow';

const MAX_SHOWN = 60;

/** Shows a bad value in an error message, shortened so a 30,000-id list cannot flood the UI. */
export function showValue(value: unknown): string {
	let text: string;
	// Strings keep their content but show control characters (a stray newline stays visible).
	if (typeof value === 'string') text = JSON.stringify(value).slice(1, -1);
	else if (value === undefined) text = 'undefined';
	else {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = String(value);
		}
	}
	return text.length > MAX_SHOWN
		? `${text.slice(0, MAX_SHOWN)}… (${text.length} characters)`
		: text;
}

/** A problem with one input field, found before anything is sent. */
export class InputError extends Error {
	constructor(
		readonly field: string,
		readonly value: unknown,
		readonly reason: string,
	) {
		super(`${field} ${reason}: "${showValue(value)}"`);
	}
}

/** The n8n error for an InputError of item `itemIndex`; its message gets the item label in the error path (itemErrors.ts). */
export function toNodeError(node: INode, error: InputError, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, error.message, {
		itemIndex,
		description: `Field "${error.field}" of input item ${itemIndex}: ${error.reason}. Nothing was sent to IoTDA for this item.`,
	});
}
