/**
 * Push mode's receiver. IoTDA posts (api-iothub iot_06_v5_01204, "Push a Batch Task Status Change
 * Notification"):
 *   {resource: "batchtask", event: "update", event_time: "yyyyMMdd'T'HHmmss'Z'", event_time_ms?, request_id?,
 *    notify_data: {body: {app_id, task_id, task_type, status, status_desc}}}
 * Answers: 401 without the workflow's secret, 400 for a body of another shape (neither starts anything),
 * 200 {ignored} for a notification the filters do not select, else 200 {received: true} and the event starts
 * the workflow. IoTDA retries a push that does not get a 2xx, so only a real refusal gets one.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { passesFilters, readFilters } from './description';
import { completeEvent, eventFromTask, isoTime, type TaskEvent } from './event';
import { pushStateOf, SECRET_PARAMETER } from './routingRule';

function sameSecret(given: unknown, expected: string | undefined): boolean {
	if (typeof given !== 'string' || !expected) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

function refuse(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ error: message });
	return { noWebhookResponse: true };
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The notification's event, or a sentence saying what is wrong with the body. */
export function parseNotification(body: unknown): TaskEvent | string {
	const b = body as IDataObject | undefined;
	if (typeof b !== 'object' || b === null || Array.isArray(b))
		return 'the body is not a JSON object';
	if (b.resource !== 'batchtask' || b.event !== 'update')
		return 'resource must be "batchtask" and event "update"';
	const data = ((b.notify_data as IDataObject | undefined)?.body ?? undefined) as
		| IDataObject
		| undefined;
	if (typeof data !== 'object' || data === null) return 'notify_data.body is missing';
	for (const field of ['task_id', 'task_type', 'status'] as const) {
		if (!isText(data[field])) return `notify_data.body.${field} is missing`;
	}
	const event = eventFromTask(data, 'push', isoTime(b.event_time_ms ?? b.event_time));
	return {
		...event,
		...(isText(data.app_id) ? { app_id: data.app_id } : {}),
		...(isText(b.request_id) ? { request_id: b.request_id } : {}),
	};
}

/**
 * The trigger's webhook(): checks the secret (`?token=`, the workflow's static data), the body (see the top of
 * this file) and the filters, answers IoTDA, then reads the task (completeEvent: its name, with Include Task
 * Details its progress and failed devices) and returns the one item that starts the workflow. Throws nothing:
 * a failed read is named in the item's `details_error`.
 */
export async function receiveNotification(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const state = pushStateOf(this);
	if (!sameSecret(this.getQueryData()[SECRET_PARAMETER as keyof object], state.secret)) {
		return refuse(this, 401, 'Unauthorized: the URL lacks this workflow’s secret');
	}
	const event = parseNotification(this.getBodyData());
	if (typeof event === 'string')
		return refuse(this, 400, `Not a batch task status change notification: ${event}`);
	const filters = readFilters((name, fallback) => this.getNodeParameter(name, fallback));
	if (!passesFilters(filters, event)) {
		return {
			webhookResponse: { received: true, ignored: 'not selected by the trigger’s filters' },
		};
	}
	// IoTDA posts the change again when the answer takes too long (a timeout of its own), and every post
	// would start the workflow. Reading the task (its name; with details every failed device) can take longer —
	// a slow or throttled IoTDA, thousands of failed devices — so IoTDA gets its 200 first. n8n then sends no
	// answer of its own (noWebhookResponse) and still starts the workflow with workflowData.
	this.getResponseObject().status(200).json({ received: true });
	const complete = await completeEvent(this, event, filters.includeDetails);
	return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray([complete])] };
}
