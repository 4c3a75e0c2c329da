/**
 * The rollout as IoTDA shows it (state.ts reads it; tests write it by hand), and the one reading of it every
 * rule of step.ts shares: which task is each wave's, which are duplicates, which devices are where.
 */
import { TERMINAL_TASK_STATUSES } from '../../helpers/apiRules';
import { haltTaskName, waveNumberOf, type RolloutSettings } from './plan';

/** Sub-task counts of a task (ListBatchTasks / ShowBatchTask `task_progress`, GO model_task_progress.go). */
export interface SubTaskCounts {
	success: number;
	fail: number;
	stopped: number;
	removed: number;
	waitting: number;
	processing: number;
	failWaitRetry: number;
}

/** One task of the rollout as IoTDA lists it. Times are epoch ms. */
export interface ObservedTask {
	taskId: string;
	taskName: string;
	status: string;
	/** `create_time`. IoTDA's Task has no finish time (GO model_task.go, PY task.py), so none is kept. */
	createdAt: number;
	/** `task_policy.schedule_time`, when the task was created to start later. */
	scheduledAt?: number;
	progress: SubTaskCounts;
	/** The task's devices (`targets`, or its sub-tasks' targets). */
	targets: string[];
}

/** A device with the versions it reports (ListDevices / SearchDevices `fw_version`, `sw_version`). */
export interface ReportedDevice {
	device_id: string;
	fw_version?: string;
	sw_version?: string;
	/** IoTDA no longer has the device (ShowDevice 404): it reports nothing (fleetReader.ts). */
	deleted?: true;
}

/** Everything a step knows: read from IoTDA alone, plus the time of the reading. */
export interface ObservedState {
	/** Epoch ms of the reading. */
	now: number;
	/** Every task with one of the rollout's names and its Package IDs (waves, duplicates, halt markers). */
	tasks: ObservedTask[];
	/** The rollout's targets as listed now (a search may leave out devices already on the version). */
	targets: ReportedDevice[];
	/** Devices of wave tasks that the target listing left out; a device IoTDA no longer has is absent. */
	waveDevices: ReportedDevice[];
	/** Wave devices IoTDA no longer has (ShowDevice 404), in device ID order; absent: none found. */
	deleted?: string[];
	/** Tasks with one of the rollout's names but other packages (state.ts isOwnTask): not the rollout's. */
	lookAlikes?: LookAlike[];
}

/** A task of the rollout's type and name whose `document` packages are not the rollout's Package IDs. */
export interface LookAlike {
	taskId: string;
	taskName: string;
	/** The task's `document.package_ids` (or `package_id`), sorted. */
	packageIds: string[];
}

/** A wave with its task and the facts the rules judge it by. */
export interface WaveView {
	wave: number;
	task: ObservedTask;
	/** Devices of the wave that report the target version. */
	verified: number;
	/** Devices of the wave IoTDA still has (ObservedState.deleted left out): what verified is judged against. */
	devices: number;
	live: boolean;
}

/** The shared reading: canonical waves in wave order, live duplicates, halt markers and device sets. */
export interface RolloutView {
	waves: WaveView[];
	/** Tasks with a wave's name that are not its canonical task and have not ended (a race's twin). */
	liveDuplicates: ObservedTask[];
	haltMarkers: ObservedTask[];
	/** Every device of the rollout: in a wave, or listed as a target. */
	targetCount: number;
	onTargetVersion: number;
	/** Targets not on the version and in no wave, in device ID order (empty when the step did not list them). */
	notInWave: string[];
	/**
	 * How many targets are not on the version and in no wave: `notInWave.length` when they were listed, else
	 * a lower bound from counts (stepReading.ts).
	 */
	neverStarted: number;
	/** Wave numbers below the highest that have no task (deleted). */
	missingWaves: number[];
	/** ObservedState.lookAlikes: ignored, reported. */
	lookAlikes: LookAlike[];
	/** ObservedState.deleted: no longer targets (not in targetCount, nor in a wave's `devices`), reported. */
	deleted: string[];
}

/** A task that can still change: not finished and not already being stopped. */
export function isLive(task: ObservedTask): boolean {
	return !TERMINAL_TASK_STATUSES.includes(task.status) && task.status !== 'Stopping';
}

/**
 * The canonical task of a wave name: the earliest `create_time`, then the smallest task ID. Two runs that
 * raced to create the same wave read the same two tasks and pick the same one.
 */
function byCanonicalOrder(a: ObservedTask, b: ObservedTask): number {
	return a.createdAt - b.createdAt || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0);
}

function reportedVersion(settings: RolloutSettings, device: ReportedDevice): string | undefined {
	return settings.taskType === 'firmwareUpgrade' ? device.fw_version : device.sw_version;
}

/** Groups the rollout's tasks by wave number, each group in canonical order. */
function tasksByWave(
	settings: RolloutSettings,
	tasks: ObservedTask[],
): Map<number, ObservedTask[]> {
	const byWave = new Map<number, ObservedTask[]>();
	for (const task of tasks) {
		const wave = waveNumberOf(settings.name, task.taskName);
		if (wave === undefined) continue;
		const list = byWave.get(wave) ?? [];
		list.push(task);
		byWave.set(wave, list);
	}
	for (const list of byWave.values()) list.sort(byCanonicalOrder);
	return byWave;
}

/** Reads the observed state into the view the rules share (see RolloutView). */
export function viewOf(settings: RolloutSettings, state: ObservedState): RolloutView {
	const onVersion = new Set<string>();
	const known = new Set<string>();
	for (const list of [state.targets, state.waveDevices])
		for (const device of list) {
			known.add(device.device_id);
			if (reportedVersion(settings, device) === settings.targetVersion)
				onVersion.add(device.device_id);
		}
	const byWave = tasksByWave(settings, state.tasks);
	const numbers = [...byWave.keys()].sort((a, b) => a - b);
	const inWave = new Set<string>();
	const deleted = new Set(state.deleted);
	const waves = numbers.map((wave): WaveView => {
		const task = byWave.get(wave)![0];
		for (const id of task.targets) inWave.add(id);
		const verified = task.targets.filter((id) => onVersion.has(id)).length;
		const devices = task.targets.filter((id) => !deleted.has(id)).length;
		return { wave, task, verified, devices, live: isLive(task) };
	});
	// A device IoTDA no longer has is no longer a target (docs/rollouts.md "Deleted devices").
	const all = new Set([...known, ...inWave].filter((id) => !deleted.has(id)));
	const highest = numbers[numbers.length - 1] ?? 0;
	const notInWave = [...new Set(state.targets.map((d) => d.device_id))]
		.filter((id) => !inWave.has(id) && !onVersion.has(id))
		.sort();
	return {
		waves,
		liveDuplicates: [...byWave.values()].flatMap((list) => list.slice(1).filter(isLive)),
		haltMarkers: state.tasks.filter((t) => t.taskName === haltTaskName(settings.name)),
		targetCount: all.size,
		onTargetVersion: [...all].filter((id) => onVersion.has(id)).length,
		notInWave,
		neverStarted: notInWave.length,
		missingWaves: Array.from({ length: highest }, (_, i) => i + 1).filter((n) => !byWave.has(n)),
		lookAlikes: state.lookAlikes ?? [],
		deleted: [...deleted],
	};
}
