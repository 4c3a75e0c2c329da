/**
 * n8n's rule for "Settings → On Error → Continue (using error output)", restated from n8n-core 2.41.1
 * (`WorkflowExecute.handleNodeErrorOutput`, dist/execution-engine/workflow-execute.js): an output item goes to
 * the error output when `item.error` is set, or when its JSON has an `error` and no keys besides error,
 * message and details; every other item stays on the success output. The real engine is exercised by the
 * e2e case test/e2e/cases/error-output.mjs.
 */
import type { INodeExecutionData } from 'n8n-workflow';

export function n8nRoutesToErrorOutput(item: INodeExecutionData): boolean {
	if (item.error) return true;
	return Boolean(item.json.error) && Object.keys(item.json).every((key) => ['error', 'message', 'details'].includes(key));
}

export function splitLikeN8n(items: INodeExecutionData[]): { success: INodeExecutionData[]; error: INodeExecutionData[] } {
	const success: INodeExecutionData[] = [];
	const error: INodeExecutionData[] = [];
	for (const item of items) (n8nRoutesToErrorOutput(item) ? error : success).push(item);
	return { success, error };
}
