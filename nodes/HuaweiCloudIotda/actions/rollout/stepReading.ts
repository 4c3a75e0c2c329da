/**
 * Advance's reading: only what the step's decision needs (docs/rollouts.md "Requests per step"). The
 * rollout's tasks first; then, for targets "Devices Matching a Search" without a version filter of their own:
 *
 * - a SearchDevices `count(*)` of the targets not on the version, instead of listing them;
 * - the devices on the target version (⌈on the version / 50⌉ pages) only when an ended wave is judged on
 *   verified devices (step.ts rule 3) and no halt or race decides first, or when the counts alone cannot show
 *   a target in no wave; else a `count(*)` of them.
 *
 * Before any task of the rollout exists the step lists the targets at once (it creates wave 1). When
 * SearchDevices is refused (a Basic edition) the step lists as Get Status does.
 *
 * The rules run on that view. Its "targets in no wave" is a lower bound: targets not on the version minus
 * the wave devices not known to be on it. When that bound is above 0, rules 1–4, 6 and 7 decide exactly as on the
 * full listing (they read tasks, verified counts of ended waves and whether any target is in no wave). When
 * the decision needs the targets themselves — a wave to create, or `complete` / `nothing_to_do` — the step
 * reads them as Get Status does (state.ts readRolloutState), reusing what it read. Counts of a step decided
 * on counts: `targets` = matching devices (not on the version + on it), `on_target_version` = matching
 * devices on the version, `never_started` = the lower bound; they equal the listing's when every device on
 * the version is a wave device and every wave device still matches the search.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import {
	viewOf,
	type LookAlike,
	type ObservedState,
	type ObservedTask,
	type ReportedDevice,
} from './observed';
import {
	collect,
	readRolloutState,
	readRolloutTasks,
	type CountingReader,
	type FleetReader,
} from './state';
import { decidedByTasks, decideOnView, decideStep, type StepDecision } from './step';
import type { RolloutSettings } from './plan';
import type { RolloutRun } from './stepRun';

/** What the counting reading found: targets not on the version, and matching devices on it. */
interface Counted {
	notOnVersion: number;
	onVersion: number;
}

/**
 * Whether an ended wave is judged on verified devices (then its devices' versions are needed): not when a
 * halt or a race decides first (rules 1–2).
 */
function needsVersions(settings: RolloutSettings, tasks: ObservedTask[]): boolean {
	if (settings.judgeOn !== 'verified') return false;
	const view = viewOf(settings, { now: 0, tasks, targets: [], waveDevices: [] });
	return !decidedByTasks(view) && view.waves.some((w) => !w.live);
}

/** The rollout's tasks and look-alikes (state.ts readRolloutTasks). */
type RolloutTasks = { tasks: ObservedTask[]; lookAlikes: LookAlike[] };

/**
 * The state a step decided on counts has: tasks, look-alikes, and the wave devices among `onVersion` (listed
 * or none).
 */
function countedState(read: RolloutTasks, onVersion: ReportedDevice[], now: number): ObservedState {
	const inWave = new Set(read.tasks.flatMap((t) => t.targets));
	const waveDevices = onVersion.filter((d) => inWave.has(d.device_id));
	return { now, tasks: read.tasks, targets: [], waveDevices, lookAlikes: read.lookAlikes };
}

/**
 * The step decided on counts (`decision` undefined when it needs the targets listed), with the devices on the
 * version when it read them. First without them, unless an ended wave is judged on them; when the counts
 * alone cannot show a target in no wave, they are read (the listing would read them too) and the step tried
 * again. Nothing when IoTDA does not count (a Basic edition).
 */
async function decideByCounting(
	counting: CountingReader,
	settings: RolloutSettings,
	read: RolloutTasks,
	now: () => number,
): Promise<{ state?: ObservedState; decision?: StepDecision; onVersion?: ReportedDevice[] }> {
	const notOnVersion = await counting.countNotOnVersion();
	if (notOnVersion === undefined) return {};
	if (!needsVersions(settings, read.tasks)) {
		const onVersion = await counting.countOnVersion();
		if (onVersion === undefined) return {};
		const state = countedState(read, [], now());
		const decision = decideOnCounts(settings, state, { notOnVersion, onVersion });
		if (decision) return { state, decision };
	}
	const listed = await collect(counting.listOnVersion());
	const state = countedState(read, listed, now());
	const counted = { notOnVersion, onVersion: listed.length };
	return { state, decision: decideOnCounts(settings, state, counted), onVersion: listed };
}

/**
 * The step decided on counts, or undefined when its decision needs the listed targets (a wave to create,
 * `complete`, `nothing_to_do`). Pure: `state` holds the tasks and the wave devices on the version.
 */
export function decideOnCounts(
	settings: RolloutSettings,
	state: ObservedState,
	counted: Counted,
): StepDecision | undefined {
	const base = viewOf(settings, state);
	const inWave = new Set(base.waves.flatMap((w) => w.task.targets));
	// Wave devices known on the version (none when not listed), so the bound never exceeds the listing's count.
	const waveOnVersion = state.waveDevices.filter((d) => inWave.has(d.device_id)).length;
	const view = {
		...base,
		targetCount: counted.notOnVersion + counted.onVersion,
		onTargetVersion: counted.onVersion,
		neverStarted: Math.max(0, counted.notOnVersion - (inWave.size - waveOnVersion)),
	};
	const decision = decideOnView(settings, state, view);
	const needsTargets =
		decision.action.type === 'create_wave' ||
		decision.decision === 'complete' ||
		decision.decision === 'nothing_to_do';
	return needsTargets ? undefined : decision;
}

/**
 * Reads the rollout for one Advance step and decides it (see the file's comment). `now()`: IoTDA's time of
 * the latest answer (stepRun.ts serverNow). Errors are the transport's (NodeApiError naming the request).
 */
export async function readForStep(
	this: IExecuteFunctions,
	run: RolloutRun,
	fleet: FleetReader,
	now: () => number,
): Promise<{ state: ObservedState; decision: StepDecision }> {
	const { settings, itemIndex, options } = run;
	const tasks = await readRolloutTasks.call(this, settings, itemIndex, options);
	let onVersion: ReportedDevice[] | undefined;
	// Before the first wave a step creates it (or finds the rollout halted): counting would only add requests.
	if (fleet.counting && tasks.tasks.length) {
		const counted = await decideByCounting(fleet.counting, settings, tasks, now);
		if (counted.state && counted.decision)
			return { state: counted.state, decision: counted.decision };
		onVersion = counted.onVersion;
	}
	const known = { tasks, onVersion };
	const read = await readRolloutState.call(this, settings, fleet, itemIndex, 0, options, known);
	const state = { ...read, now: now() };
	return { state, decision: decideStep(settings, state) };
}
