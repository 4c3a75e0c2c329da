/**
 * n8n's rules for a node's output items, restated from n8n-core 2.41.1 (dist/execution-engine/
 * workflow-execute.js). `normalizeNodeErrors`: an item with `item.error` set gets its JSON replaced by
 * `{ error: message }`. `handleNodeErrorOutput` ("Settings → On Error → Continue (using error output)"): an
 * item goes to the error output when `item.error` is set, or when its JSON has an `error` and no keys besides
 * error, message and details; every other item stays on the success output. The real engine is exercised
 * by the e2e case test/e2e/cases/error-output.mjs.
 */
import type { INodeExecutionData } from 'n8n-workflow';

export function n8nRoutesToErrorOutput(item: INodeExecutionData): boolean {
	if (item.error) return true;
	return Boolean(item.json.error) && Object.keys(item.json).every((key) => ['error', 'message', 'details'].includes(key));
}

/** The item as the next node sees it: what normalizeNodeErrors leaves of it. */
export function normalizedLikeN8n(item: INodeExecutionData): INodeExecutionData {
	return item.error ? { ...item, json: { error: item.error.message } } : item;
}

export function splitLikeN8n(items: INodeExecutionData[]): { success: INodeExecutionData[]; error: INodeExecutionData[] } {
	const success: INodeExecutionData[] = [];
	const error: INodeExecutionData[] = [];
	for (const item of items.map(normalizedLikeN8n)) (n8nRoutesToErrorOutput(item) ? error : success).push(item);
	return { success, error };
}
