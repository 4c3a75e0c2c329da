/**
 * Reads a rollout's whole state from IoTDA, the only place it lives: its tasks (ListBatchTasks of the task
 * type, every page, kept by name and Package IDs), and the versions its devices report (through an injected FleetReader, so
 * the Device/Search API stays in its own module and tests can stand in for it).
 *
 * Requests per reading: ⌈tasks of the type / 50⌉ ListBatchTasks pages (IoTDA filters tasks by type, status
 * and app, never by name), plus ⌈sub-tasks / 50⌉ ShowBatchTask pages for a rollout task listed without
 * `targets`, plus what the FleetReader needs.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { showValue } from '../../helpers/inputErrors';

import { parseIotdaTime } from '../../helpers/iotdaTime';
import type { RequestOptions } from '../../api/devices';
import { iotdaRequestAllPages } from '../../transport';
import { BATCH_TASKS_PATH, taskPath } from '../../api/batchTasks';
import type {
	LookAlike,
	ObservedState,
	ObservedTask,
	ReportedDevice,
	SubTaskCounts,
} from './observed';
import { haltTaskName, waveNumberOf, type RolloutSettings } from './plan';

/**
 * Where the devices' reported versions come from (the Device resource's SearchDevices / ListDevices /
 * ShowDevice). Both methods yield each device at most once; order does not matter.
 */
export interface FleetReader {
	/**
	 * The rollout's targets as the operator chose them (a search, device IDs, groups), each with the versions
	 * it reports. A search for "not yet on the version" may leave out devices already on it.
	 */
	listTargets(): AsyncIterable<ReportedDevice>;
	/**
	 * These devices (wave devices the listing left out), whatever their status; a device IoTDA no longer has
	 * is yielded `deleted`. `onVersion`: the devices on the version the step already read
	 * (CountingReader.listOnVersion), read instead of searching again.
	 */
	readDevices(
		deviceIds: readonly string[],
		onVersion?: readonly ReportedDevice[],
	): AsyncIterable<ReportedDevice>;
	/** Counts instead of listings, when the targets are a search for "not on the version" (else undefined). */
	counting?: CountingReader;
}

/**
 * A search's targets by count: SearchDevices `select count(*)` (1 request each, fleet-rollouts.md §5.1), and
 * the devices on the target version that `readDevices` reads from (the same filters with "version is").
 */
export interface CountingReader {
	/**
	 * How many devices `listTargets` would yield: matching the search, not on the version. Undefined when
	 * IoTDA does not count (SearchDevices refused, a Basic edition): the caller lists instead.
	 */
	countNotOnVersion(): Promise<number | undefined>;
	/**
	 * How many devices match the search's other filters but Status and report the target version (undefined:
	 * as above).
	 */
	countOnVersion(): Promise<number | undefined>;
	/** Those devices, each once. */
	listOnVersion(): AsyncIterable<ReportedDevice>;
}

const count = (progress: IDataObject, key: string) => Number(progress[key] ?? 0) || 0;

/** `task_progress` (GO model_task_progress.go; IoTDA spells `waitting` with two t). */
function countsOf(task: IDataObject): SubTaskCounts {
	const progress = (task.task_progress as IDataObject | undefined) ?? {};
	return {
		success: count(progress, 'success'),
		fail: count(progress, 'fail'),
		stopped: count(progress, 'stopped'),
		removed: count(progress, 'removed'),
		waitting: count(progress, 'waitting'),
		processing: count(progress, 'processing'),
		failWaitRetry: count(progress, 'fail_wait_retry'),
	};
}

function hasRolloutName(settings: RolloutSettings, name: unknown): boolean {
	if (typeof name !== 'string') return false;
	return name === haltTaskName(settings.name) || waveNumberOf(settings.name, name) !== undefined;
}

/**
 * A task's upgrade packages as IoTDA stores them: `document.package_ids`, or the older `document.package_id`
 * (GO model_task.go `Document`; docs/emulator.md "Server generations"), sorted, each once.
 */
function packagesOf(task: IDataObject): string[] {
	const document = (task.document as IDataObject | undefined) ?? {};
	const ids = Array.isArray(document.package_ids)
		? document.package_ids
		: document.package_id !== undefined
			? [document.package_id]
			: [];
	return [...new Set(ids.map(String))].sort();
}

/**
 * Whether a task of the rollout's type and name is the rollout's own: the rollout creates every wave and halt
 * marker with its Package IDs (taskActions.ts createTask), so a task with other packages (a plain Batch Task →
 * Create named like a wave) is a look-alike. ListBatchTasks filters by type already. A task listed without
 * `document` is taken by its name.
 */
function isOwnTask(settings: RolloutSettings, task: IDataObject): boolean {
	// Task lists `document` (GO model_task.go); a listing without it cannot tell, so the name decides as before.
	if (task.document === undefined || task.document === null) return true;
	const own = [...new Set(settings.packageIds)].sort();
	const held = packagesOf(task);
	return held.length === own.length && held.every((id, i) => id === own[i]);
}

/** Every task of the rollout's type (ListBatchTasks, every page), as IoTDA lists it. */
export async function listTasksOfType(
	this: IExecuteFunctions,
	settings: RolloutSettings,
	itemIndex: number,
	options: RequestOptions,
): Promise<IDataObject[]> {
	return await iotdaRequestAllPages.call(this, {
		method: 'GET',
		path: BATCH_TASKS_PATH,
		qs: { task_type: settings.taskType },
		listKey: 'batchtasks',
		recordName: 'batch tasks',
		action: `List the tasks of rollout "${settings.name}"`,
		itemIndex,
		...options,
	});
}

/**
 * Every task of the rollout's type whose name is one of its waves or its halt marker and whose packages are
 * its Package IDs (isOwnTask). `options`: the node's request options (and the step's RequestMeter).
 */
export async function listRolloutTasks(
	this: IExecuteFunctions,
	settings: RolloutSettings,
	itemIndex: number,
	options: RequestOptions,
): Promise<IDataObject[]> {
	return (await listNamedTasks.call(this, settings, itemIndex, options)).own;
}

/**
 * The tasks of the rollout's type with one of its names (ListBatchTasks, every page): the rollout's `own`,
 * and `lookAlikes` (isOwnTask) as LookAlike records.
 */
async function listNamedTasks(
	this: IExecuteFunctions,
	settings: RolloutSettings,
	itemIndex: number,
	options: RequestOptions,
): Promise<{ own: IDataObject[]; lookAlikes: LookAlike[] }> {
	const named = (await listTasksOfType.call(this, settings, itemIndex, options)).filter((t) =>
		hasRolloutName(settings, t.task_name),
	);
	const lookAlikes = named
		.filter((t) => !isOwnTask(settings, t))
		.map((t) => ({
			taskId: String(t.task_id),
			taskName: String(t.task_name),
			packageIds: packagesOf(t),
		}));
	return { own: named.filter((t) => isOwnTask(settings, t)), lookAlikes };
}

/** A task's devices: its `targets`, else (a listing without them) its sub-tasks' targets. */
async function targetsOf(
	this: IExecuteFunctions,
	task: IDataObject,
	itemIndex: number,
	options: RequestOptions,
): Promise<string[]> {
	if (Array.isArray(task.targets)) return task.targets.map(String);
	const details = await iotdaRequestAllPages.call(this, {
		method: 'GET',
		path: taskPath(String(task.task_id)),
		listKey: 'task_details',
		recordName: 'sub-tasks',
		action: `Read the devices of batch task ${String(task.task_id)}`,
		itemIndex,
		...options,
	});
	return details.map((d) => String(d.target));
}

/** One listed task as the step reads it (its targets fetched when the listing left them out). */
export async function observedTask(
	this: IExecuteFunctions,
	task: IDataObject,
	itemIndex: number,
	options: RequestOptions,
): Promise<ObservedTask> {
	const policy = (task.task_policy as IDataObject | undefined) ?? {};
	return {
		taskId: String(task.task_id),
		taskName: String(task.task_name),
		status: String(task.status),
		// A task without a readable create_time sorts first: never mistaken for a later twin.
		createdAt: parseIotdaTime(task.create_time) ?? 0,
		scheduledAt: parseIotdaTime(policy.schedule_time),
		progress: countsOf(task),
		targets: await targetsOf.call(this, task, itemIndex, options),
	};
}

/** Every item of `devices`, in order. */
export async function collect(devices: AsyncIterable<ReportedDevice>): Promise<ReportedDevice[]> {
	const found: ReportedDevice[] = [];
	for await (const device of devices) found.push(device);
	return found;
}

/** The rollout's tasks (listRolloutTasks), each with its devices (observedTask), and its look-alikes. */
export async function readRolloutTasks(
	this: IExecuteFunctions,
	settings: RolloutSettings,
	itemIndex: number,
	options: RequestOptions,
): Promise<{ tasks: ObservedTask[]; lookAlikes: LookAlike[] }> {
	const { own, lookAlikes } = await listNamedTasks.call(this, settings, itemIndex, options);
	const tasks: ObservedTask[] = [];
	for (const task of own) tasks.push(await observedTask.call(this, task, itemIndex, options));
	return { tasks, lookAlikes };
}

/** What a step already read: its tasks, and (with `fleet.counting`) every device on the version. */
export interface ReadSoFar {
	tasks?: { tasks: ObservedTask[]; lookAlikes: LookAlike[] };
	/** `fleet.counting.listOnVersion()` as read: the source `fleet.readDevices` reads from, so reused. */
	onVersion?: ReportedDevice[];
}

/**
 * The rollout's observed state at `now` (epoch ms, the caller's clock): tasks, listed targets, and the
 * versions of wave devices the listing left out. `options`: the node's request options (requestOptionsFor),
 * with the step's RequestMeter when it counts requests; `known`: what the step read before (not read
 * again). Errors are the transport's (NodeApiError naming the request).
 */
export async function readRolloutState(
	this: IExecuteFunctions,
	settings: RolloutSettings,
	fleet: FleetReader,
	itemIndex: number,
	now: number,
	options: RequestOptions = {},
	known: ReadSoFar = {},
): Promise<ObservedState> {
	const { tasks, lookAlikes } =
		known.tasks ?? (await readRolloutTasks.call(this, settings, itemIndex, options));
	const inWave = new Set(tasks.flatMap((t) => t.targets));
	const listed = await collect(fleet.listTargets());
	refuseUnknownTargets.call(this, listed, inWave, itemIndex);
	const targets = listed.filter((d) => !d.deleted);
	const seen = new Set(listed.map((d) => d.device_id));
	const missing = [...inWave].filter((id) => !seen.has(id));
	const read = missing.length ? await collect(fleet.readDevices(missing, known.onVersion)) : [];
	const waveDevices = read.filter((d) => !d.deleted);
	const deleted = [...listed, ...read].filter((d) => d.deleted).map((d) => d.device_id);
	return { now, tasks, targets, waveDevices, deleted: deleted.sort(), lookAlikes };
}

/**
 * Refuses Device IDs targets IoTDA does not have (ShowDevice 404) that are in no task of the rollout: a
 * mistyped or deleted ID that no wave ever reached cannot be honoured, so it is named, never dropped (an ID
 * in a wave is a device deleted after it was targeted: ObservedState.deleted). `listed`: listTargets' devices.
 * Throws NodeOperationError naming the field, the IDs (shortened) and the item, before any task is created.
 */
function refuseUnknownTargets(
	this: IExecuteFunctions,
	listed: ReportedDevice[],
	inWave: Set<string>,
	itemIndex: number,
): void {
	const unknown = listed.filter((d) => d.deleted && !inWave.has(d.device_id));
	if (!unknown.length) return;
	const ids = unknown.map((d) => d.device_id).join(',');
	throw new NodeOperationError(
		this.getNode(),
		`Device IDs names ${unknown.length === 1 ? 'a device' : `${unknown.length} devices`} IoTDA does not have: "${showValue(ids)}"`,
		{
			itemIndex,
			description: `Field "Device IDs" of input item ${itemIndex}: IoTDA has no device with these IDs (ShowDevice answered 404). Correct or remove them; no task was created or changed.`,
		},
	);
}
