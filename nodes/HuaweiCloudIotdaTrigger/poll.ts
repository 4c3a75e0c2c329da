/**
 * Poll mode: one ListBatchTasks (api/batchTasks.ts: newest first, marker paging) per chosen task
 * type, compared with what the previous poll saw. The stored state per type is small and bounded:
 *   {newest: id of the newest task seen, open: {task_id: status} of tasks that were not finished yet}
 * Finished tasks are not stored: a task older than `newest` and missing from `open` was finished when last
 * seen. Paging stops once the previous newest task and every open task have been seen again (usually the
 * first page), or after MAX_PAGES. So 1,000 finished tasks cost one page and no state.
 * A change = a new task (created since the previous poll), a different status of an open task, or an old
 * finished task running again (retried). The first poll of a resource space records and emits nothing, and so
 * does the first poll of a task type added to the filter (the other types keep their state).
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { listBatchTasks } from '../HuaweiCloudIotda/api/batchTasks';
import { LIMITS, TERMINAL_TASK_STATUSES } from '../HuaweiCloudIotda/helpers/apiRules';
import type { TriggerFilters } from './description';
import { eventFromTask, type TaskEvent } from './event';

/** Pages read per type and poll at most (of LIMITS.pageSizeMax tasks each: 2,500 tasks). */
export const MAX_PAGES = 50;
/** Unfinished tasks remembered per type at most (IoTDA runs 10 per resource space at once). */
export const MAX_OPEN = 1000;

export interface TypeState {
	newest?: string;
	/** create_time of `newest` (yyyyMMdd'T'HHmmss'Z', compares as text). */
	newestTime?: string;
	open: Record<string, string>;
}

export interface PollState {
	/**
	 * The resource space the state belongs to (pollKey); another one starts over. Task types are not in it: the
	 * state is per type, so a type added to the filter starts over alone and the others keep what they saw.
	 */
	key: string;
	types: Record<string, TypeState>;
	/** How many polls have stored their state: a poll may store its own only if none did since it read this. */
	seq?: number;
}

export interface Change {
	task: IDataObject;
	previous: string | null;
}

/** `["<app id>"]` (`[""]` for every resource space): what a PollState is valid for. */
export const pollKey = (filters: TriggerFilters) => JSON.stringify([filters.appId ?? '']);

const isFinished = (status: string) => TERMINAL_TASK_STATUSES.includes(status);

/**
 * Lists a type's tasks (newest first) through the one pager, at most MAX_PAGES pages; `enough` says when the
 * tasks read so far cover what is needed.
 */
async function listTasks(
	context: IPollFunctions,
	taskType: string,
	appId: string | undefined,
	enough: (tasks: IDataObject[]) => boolean,
): Promise<IDataObject[]> {
	const { records } = await listBatchTasks.call(
		context,
		{ taskType, appId },
		{ max: MAX_PAGES * LIMITS.pageSizeMax, until: enough },
		{ action: `List ${taskType} batch tasks` },
	);
	return records;
}

/**
 * Compares one type's listing (newest first) with its previous state; returns the changes and the new state.
 * New tasks are those listed before the previous newest one; when that one is gone (deleted), those created
 * after it (create_time, the server's own clock).
 */
export function compareType(
	tasks: IDataObject[],
	before: TypeState | undefined,
): { changes: Change[]; after: TypeState } {
	const head = tasks[0];
	const after: TypeState = head
		? { newest: String(head.task_id), newestTime: String(head.create_time ?? ''), open: {} }
		: { newest: before?.newest, newestTime: before?.newestTime, open: {} };
	const changes: Change[] = [];
	const newestAt =
		before?.newest === undefined ? -1 : tasks.findIndex((t) => t.task_id === before.newest);
	tasks.forEach((task, index) => {
		const id = String(task.task_id);
		const status = String(task.status);
		const isNew =
			before !== undefined &&
			(newestAt >= 0
				? index < newestAt
				: before.newest === undefined ||
					String(task.create_time ?? '') > (before.newestTime ?? ''));
		// Not new and not open: it was finished when last seen.
		const previous = isNew ? null : (before?.open[id] ?? (isFinished(status) ? status : null));
		if (before && previous !== status) changes.push({ task, previous });
		if (!isFinished(status) && Object.keys(after.open).length < MAX_OPEN) after.open[id] = status;
	});
	return { changes, after };
}

/** One poll: every chosen type, the changes in the statuses the filter selects (oldest change first). */
export async function pollChanges(
	context: IPollFunctions,
	filters: TriggerFilters,
	state: PollState | undefined,
): Promise<{ events: TaskEvent[]; state: PollState }> {
	const key = pollKey(filters);
	const previous = state?.key === key ? state : undefined;
	const next: PollState = { key, types: {} };
	const events: TaskEvent[] = [];
	const now = new Date().toISOString();
	for (const taskType of filters.taskTypes) {
		// A type without state (just added to the filter) starts over like a first poll.
		const before = previous?.types[taskType];
		const mustSee = new Set([
			...(before?.newest ? [before.newest] : []),
			...Object.keys(before?.open ?? {}),
		]);
		// Enough once the previous newest task (and every open one) is seen again. A previous poll that saw no
		// task of the type has no newest to stop at: everything listed is new, so every page is read.
		const tasks = await listTasks(
			context,
			taskType,
			filters.appId,
			(seen) =>
				before?.newest !== undefined &&
				[...mustSee].every((id) => seen.some((t) => t.task_id === id)),
		);
		const { changes, after } = compareType(tasks, before);
		next.types[taskType] = after;
		for (const { task, previous: was } of changes.reverse()) {
			if (!filters.statuses.includes(String(task.status))) continue;
			events.push({
				...eventFromTask(task, 'poll', now),
				app_id: task.app_id as string | undefined,
				previous_status: was,
			});
		}
	}
	return { events, state: next };
}

/**
 * Stores a poll's new state in the node's static data if no other poll stored one since this poll read
 * `before` (compare-and-set on `seq`; between the read and the write there is no await). n8n's poller starts
 * each poll without waiting for the previous one (n8n-core ActiveWorkflows: a cron job per Poll Time), and the
 * polls of a workflow share its static data: of two polls that read the same state, only the first to finish
 * may store and emit; the other's changes are the same or newer, and the next poll finds the newer ones.
 * Returns whether this poll stored its state (and so may emit its events).
 */
export function storePollState(
	staticData: { poll?: PollState },
	before: PollState | undefined,
	state: PollState,
): boolean {
	if (staticData.poll?.seq !== before?.seq) return false;
	state.seq = (before?.seq ?? 0) + 1;
	staticData.poll = state;
	return true;
}

/**
 * Records in the stored state the current status of tasks whose item reports it instead of the listed one
 * (`listed_status`, see event.ts withCurrentStatus), so that the next poll does not report that change again.
 * Only while this poll's state is the stored one (`seq`).
 */
export function recordCurrentStatuses(
	staticData: { poll?: PollState },
	state: PollState,
	events: IDataObject[],
): void {
	const stored = staticData.poll;
	if (!stored || stored.seq !== state.seq) return;
	for (const event of events) {
		const open = stored.types[String(event.task_type)]?.open;
		if (event.listed_status === undefined || !open) continue;
		const id = String(event.task_id);
		if (isFinished(String(event.status))) delete open[id];
		else if (Object.keys(open).length < MAX_OPEN || id in open) open[id] = String(event.status);
	}
}

/** "Fetch Test Event": the most recently created task of the chosen types, whatever its status. */
export async function latestTask(
	context: IPollFunctions,
	filters: TriggerFilters,
): Promise<IDataObject | undefined> {
	let latest: IDataObject | undefined;
	for (const taskType of filters.taskTypes) {
		const { records } = await listBatchTasks.call(
			context,
			{ taskType, appId: filters.appId },
			{ max: 1 },
			{ action: `List ${taskType} batch tasks` },
		);
		const task = records[0];
		if (task && (!latest || String(task.create_time) > String(latest.create_time))) latest = task;
	}
	return latest;
}
