/**
 * A context whose requests never leave the process: an in-memory IoTDA that answers the batch-task calls
 * the operations make, for inputs too large to send to the emulator quickly (200,000 device IDs).
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { makeContext, type RunOptions } from './n8nHarness';

const TASK_ID = 'abcdef0123456789abcdef01';

function answer(options: IHttpRequestOptions, tasks: Map<string, IDataObject>) {
	const path = String(options.url).replace('/v5/iot/{project_id}', '');
	const body = (options.body ?? {}) as IDataObject;
	if (options.method === 'POST' && path === '/batchtasks') {
		const task_id = `${TASK_ID.slice(0, 20)}${String(tasks.size).padStart(4, '0')}`;
		const targets = body.targets as string[];
		tasks.set(task_id, { ...body, task_id, status: 'Success', task_progress: { total: targets.length, success: targets.length } });
		return { task_id, task_name: body.task_name };
	}
	const control = /^\/batchtasks\/([0-9a-f]+)\/(stop|retry|confirm)$/.exec(path);
	if (control) return { targets: ((body.targets as string[]) ?? []).map((target) => ({ target, status: 'success' })) };
	const show = /^\/batchtasks\/([0-9a-f]+)$/.exec(path);
	if (show) {
		const task = tasks.get(show[1]) ?? { task_id: show[1], task_name: 'big', task_type: 'firmwareUpgrade', status: 'Processing' };
		return { batchtask: { ...task, targets: undefined }, task_details: [], page: {} };
	}
	throw new Error(`stub IoTDA: no answer for ${options.method} ${path}`);
}

/** The harness context with `httpRequestWithAuthentication` answered in memory; `requests` counts the calls. */
export function stubContext(run: Omit<RunOptions, 'credentials'>): { context: IExecuteFunctions; requests: () => number } {
	const context = makeContext({ ...run, credentials: {} });
	const tasks = new Map<string, IDataObject>();
	let requests = 0;
	context.helpers.httpRequestWithAuthentication = (async (_type: string, options: IHttpRequestOptions) => {
		requests++;
		return { statusCode: 200, headers: {}, body: answer(options, tasks) };
	}) as IExecuteFunctions['helpers']['httpRequestWithAuthentication'];
	return { context, requests: () => requests };
}

export { TASK_ID };
