/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// Pushes "batch task status change" notifications to the HTTP URL of every rule action whose rule is an
// active `batchtask`/`update` rule covering the task's resource space. Body (Huawei "Push a Batch Task
// Status Change Notification", api-iothub iot_06_v5_01204):
//   {resource: "batchtask", event: "update", event_time: "yyyyMMdd'T'HHmmss'Z'", event_time_ms, request_id,
//    notify_data: {body: {app_id, task_id, task_type, status, status_desc}}}
// Task states are lazy (computed from the clock), so the notifier scans on a short real-time interval and
// compares each task's status with the last one it saw: a status that starts and ends between two scans is
// not notified (see docs/emulator.md). A delivery that does not get a 2xx is retried a few times.
import * as crypto from 'node:crypto';
import type { AccountState } from './account-state';
import { ruleAppliesTo, routingOf, type RuleAction } from './routing-rules';
import { evaluateTask, type TaskRecord } from './task-model';
import { renderTask } from './task-store';
import { formatIotdaTime } from './time-format';

export interface Delivery {
	time: string;
	action_id: string;
	rule_id: string;
	/** The target URL with query values replaced by `***` (they may hold a receiver's secret). */
	url: string;
	task_id: string;
	status: string;
	attempts: number;
	/** HTTP status of the last attempt, or null when the URL did not answer. */
	response_status: number | null;
	delivered: boolean;
	body: Record<string, unknown>;
}

export interface NotifierSettings {
	/** Real milliseconds between scans. */
	scanIntervalMs: number;
	/** Real milliseconds to wait before each retry; its length is the number of retries. */
	retryDelaysMs: number[];
	/** Real milliseconds one POST may take. */
	timeoutMs: number;
	/**
	 * Whether the POST keeps the query string of the action's URL. Nothing in Huawei's sources says either way
	 * (HttpForwarding has only `url`; audit row 58): true is the assumption the trigger relies on (its secret
	 * rides as `?token=`); false models an IoTDA that drops it, so tests show what the trigger then does.
	 */
	keepUrlQuery: boolean;
}

/**
 * The task types IoTDA pushes status changes for: Huawei's push page lists firmwareUpgrade and softwareUpgrade
 * only (DOC-PUSH, api-iothub iot_06_v5_01204, BatchTaskUpdate.task_type; audit row 61).
 */
export const PUSHED_TASK_TYPES: readonly string[] = ['firmwareUpgrade', 'softwareUpgrade'];

const MAX_DELIVERIES = 1000;

export function redactUrl(url: string): string {
	try {
		const u = new URL(url);
		for (const key of [...u.searchParams.keys()]) u.searchParams.set(key, '***');
		return u.toString();
	} catch {
		return '(invalid URL)';
	}
}

export class BatchTaskNotifier {
	readonly settings: NotifierSettings = {
		scanIntervalMs: 50,
		retryDelaysMs: [200, 500, 1000],
		timeoutMs: 5000,
		keepUrlQuery: true,
	};
	/** Newest last; at most 1,000 kept. */
	readonly deliveries: Delivery[] = [];
	private seen = new WeakMap<TaskRecord, string>();
	/** One queue per action, so the notifications of one receiver arrive in order. */
	private queues = new Map<string, Promise<void>>();
	private timer?: NodeJS.Timeout;

	constructor(
		private readonly states: () => Iterable<AccountState>,
		private readonly now: () => number,
	) {}

	start(): void {
		this.stop();
		this.timer = setInterval(() => this.scan(), this.settings.scanIntervalMs);
		this.timer.unref();
	}

	stop(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
	}

	/** Scans now and waits until every queued delivery (with its retries) is done. */
	async flush(): Promise<void> {
		this.scan();
		while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
	}

	clear(): void {
		this.deliveries.length = 0;
		this.seen = new WeakMap();
	}

	/** HTTP actions of active batchtask/update rules of this account. */
	private receivers(
		state: AccountState,
	): Array<{ action: RuleAction; since: number; appliesTo: (appId: string) => boolean }> {
		const routing = routingOf(state);
		const defaultApp = state.catalog.defaultAppId;
		const rules = routing.rules.filter(
			(r) => r.active && r.subject.resource === 'batchtask' && r.subject.event === 'update',
		);
		return routing.actions
			.filter((a) => a.channel === 'HTTP_FORWARDING')
			.flatMap((action) => {
				const rule = rules.find((r) => r.rule_id === action.rule_id);
				return rule
					? [
							{
								action,
								since: rule.activatedAt ?? 0,
								appliesTo: (appId: string) => ruleAppliesTo(rule, appId, defaultApp),
							},
						]
					: [];
			});
	}

	scan(): void {
		const now = this.now();
		for (const state of this.states()) {
			const receivers = this.receivers(state);
			if (receivers.length === 0) {
				// Nobody listens: forget, so that changes made meanwhile are not reported later as news.
				for (const task of state.tasks) this.seen.delete(task);
				continue;
			}
			const since = Math.min(...receivers.map((r) => r.since));
			for (const task of state.tasks) {
				if (!PUSHED_TASK_TYPES.includes(task.type)) continue;
				const status = evaluateTask(task, now).status;
				// First sight: a task created since a rule was activated started at Initializing; an older one is
				// taken as it is now (its earlier changes happened before anyone listened).
				const before = this.seen.get(task) ?? (task.createdAt >= since ? 'Initializing' : status);
				this.seen.set(task, status);
				if (before === status) continue;
				const body = notification(task, renderTask(task, now), now);
				for (const r of receivers) if (r.appliesTo(task.appId)) this.enqueue(r.action, body);
			}
		}
	}

	private enqueue(action: RuleAction, body: Record<string, unknown>): void {
		const previous = this.queues.get(action.action_id) ?? Promise.resolve();
		const next = previous.then(() => this.deliver(action, body));
		this.queues.set(action.action_id, next);
		void next.then(() => {
			if (this.queues.get(action.action_id) === next) this.queues.delete(action.action_id);
		});
	}

	private async deliver(action: RuleAction, body: Record<string, unknown>): Promise<void> {
		const url = postUrl(
			String((action.channel_detail.http_forwarding as { url: string }).url),
			this.settings.keepUrlQuery,
		);
		const data = body.notify_data as { body: { task_id: string; status: string } };
		const record: Delivery = {
			time: new Date().toISOString(),
			action_id: action.action_id,
			rule_id: action.rule_id,
			url: redactUrl(url),
			task_id: data.body.task_id,
			status: data.body.status,
			attempts: 0,
			response_status: null,
			delivered: false,
			body,
		};
		const delays = [0, ...this.settings.retryDelaysMs];
		for (const delay of delays) {
			if (delay > 0) await new Promise((r) => setTimeout(r, delay));
			record.attempts += 1;
			record.response_status = await post(url, body, this.settings.timeoutMs);
			if (
				record.response_status !== null &&
				record.response_status >= 200 &&
				record.response_status < 300
			) {
				record.delivered = true;
				break;
			}
		}
		this.deliveries.push(record);
		if (this.deliveries.length > MAX_DELIVERIES)
			this.deliveries.splice(0, this.deliveries.length - MAX_DELIVERIES);
	}
}

function notification(
	task: TaskRecord,
	view: Record<string, unknown>,
	now: number,
): Record<string, unknown> {
	return {
		resource: 'batchtask',
		event: 'update',
		event_time: formatIotdaTime(now),
		event_time_ms: new Date(now).toISOString(),
		request_id: crypto.randomUUID(),
		notify_data: {
			body: {
				app_id: task.appId,
				task_id: task.id,
				task_type: task.type,
				status: view.status,
				status_desc: view.status_desc,
			},
		},
	};
}

/** The URL the POST goes to: the action's URL, without its query string unless kept. */
function postUrl(url: string, keepQuery: boolean): string {
	if (keepQuery) return url;
	try {
		const u = new URL(url);
		u.search = '';
		return u.toString();
	} catch {
		return url;
	}
}

async function post(url: string, body: unknown, timeoutMs: number): Promise<number | null> {
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		await res.arrayBuffer();
		return res.status;
	} catch {
		return null;
	}
}
