/**
 * One step of a rollout as a pure function of IoTDA's state: `decideStep(settings, observed)` returns ONE
 * decision with at most one action. Rules, first match wins (README "Rollouts that take days"):
 *
 * 1. A live duplicate of a wave (a second task with a wave's name, created by two runs racing) → stop it.
 * 2. Halt — readable from IoTDA alone: a `<name>_halt` marker task exists (Rollout → Halt made it), or a
 *    wave's canonical task was stopped (status Stopped/Stopping or stopped sub-tasks: by a missed threshold
 *    with "stop the wave", by Halt, or by an operator in the console). Permanent: a stopped task stays so.
 * 3. A missed threshold (judged on every wave at every step, so a device that falls back to the old image
 *    counts) → `halted`; a wave that can no longer meet it is stopped when the settings say so. This halt
 *    lasts while the threshold is missed: a Retry that makes the wave meet it lets the rollout go on.
 * 4. The latest wave still runs → `waiting` (or `outside_window_until` its scheduled start).
 * 5. No device left outside the waves → `complete` (every target on the version) or `nothing_to_do`.
 * 6. The soak from the latest wave's start has not passed → `soaking_until`.
 * 7. Approval required and not given for this wave → `awaiting_approval`.
 * 8. Otherwise create the next wave (`created_wave`, or `topped_up` past the plan's wave count), scheduled
 *    START_GUARD_MS ahead or at the window's next opening.
 */
import { showValue } from '../../helpers/inputErrors';
import type { RolloutSettings } from './plan';
import { nextWaveSize, plannedWaveCount, waveTaskName } from './plan';
import {
	isLive,
	viewOf,
	type ObservedState,
	type ObservedTask,
	type RolloutView,
	type WaveView,
} from './observed';
import { windowOpening } from './window';

export type DecisionKind =
	| 'created_wave'
	| 'waiting'
	| 'soaking_until'
	| 'outside_window_until'
	| 'awaiting_approval'
	| 'halted'
	| 'complete'
	| 'topped_up'
	| 'nothing_to_do';

/** Device counts over the whole rollout (canonical wave tasks and listed targets). */
export interface RolloutCounts {
	/** Devices in a wave or listed as targets. */
	targets: number;
	on_target_version: number;
	/** Sub-tasks ended Success. */
	succeeded: number;
	/** Sub-tasks ended Fail, Stopped or Removed. */
	failed: number;
	/** Wave devices whose sub-task has not ended (or not been made yet). */
	pending: number;
	/** Targets not on the version that no wave has taken yet. */
	never_started: number;
}

/** What the step does in IoTDA: nothing, create one wave task, or stop one task. */
export type StepAction =
	| { type: 'none' }
	| {
			type: 'create_wave';
			wave: number;
			task_name: string;
			device_ids: string[];
			/** ISO time the task is scheduled to start (`task_policy.schedule_time`). */
			start_at: string;
	  }
	| {
			type: 'stop_task';
			task_id: string;
			task_name: string;
			why: 'duplicate' | 'halt' | 'threshold';
	  };

/** The step's one output, always of this shape; a workflow routes on `decision`. */
export interface StepDecision {
	rollout: string;
	decision: DecisionKind;
	/** The wave the decision is about: created, running, halted, or next to start (0 before any wave). */
	wave: number;
	counts: RolloutCounts;
	/** ISO time from which a step can next do something; null when it waits for an event (a task ending, an approval). */
	next_check_at: string | null;
	action: StepAction;
	reasons: string[];
}

/**
 * Every wave task starts at least this long after it is created (`schedule_time`), so the twin of a race is
 * found and stopped before any of its sub-tasks starts (Advance re-reads right after creating; so does the
 * next step). One minute is far above a read's latency and costs nothing against a soak of hours.
 */
export const START_GUARD_MS = 60_000;
/** IoTDA's farthest `schedule_time` (CreateBatchTask task_policy: at most 7 days ahead). */
const SCHEDULE_MAX_MS = 7 * 24 * 3600_000;

const NONE: StepAction = { type: 'none' };
const iso = (ms: number) => new Date(ms).toISOString();

interface Context {
	settings: RolloutSettings;
	state: ObservedState;
	view: RolloutView;
	counts: RolloutCounts;
	reasons: string[];
}

type Rule = (c: Context) => StepDecision | undefined;

function decide(
	c: Context,
	decision: DecisionKind,
	wave: number,
	action: StepAction = NONE,
	nextCheck: number | null = null,
	...reasons: string[]
): StepDecision {
	return {
		rollout: c.settings.name,
		decision,
		wave,
		counts: c.counts,
		next_check_at: nextCheck === null ? null : iso(nextCheck),
		action,
		reasons: [...reasons, ...c.reasons],
	};
}

function stop(task: ObservedTask, why: 'duplicate' | 'halt' | 'threshold'): StepAction {
	return { type: 'stop_task', task_id: task.taskId, task_name: task.taskName, why };
}

const ended = (w: WaveView) =>
	w.task.progress.fail + w.task.progress.stopped + w.task.progress.removed;

function countsOf(view: RolloutView): RolloutCounts {
	let succeeded = 0;
	let failed = 0;
	let pending = 0;
	for (const w of view.waves) {
		succeeded += w.task.progress.success;
		failed += ended(w);
		pending += Math.max(0, w.task.targets.length - w.task.progress.success - ended(w));
	}
	return {
		targets: view.targetCount,
		on_target_version: view.onTargetVersion,
		succeeded,
		failed,
		pending,
		never_started: view.neverStarted,
	};
}

const latest = (c: Context): WaveView | undefined => c.view.waves[c.view.waves.length - 1];
const nextWave = (c: Context) => (latest(c)?.wave ?? 0) + 1;
const startOf = (task: ObservedTask) => Math.max(task.createdAt, task.scheduledAt ?? 0);

const duplicateRule: Rule = (c) => {
	const twin = c.view.liveDuplicates[0];
	if (!twin) return undefined;
	return decide(
		c,
		'waiting',
		latest(c)?.wave ?? 0,
		stop(twin, 'duplicate'),
		c.state.now,
		`task ${twin.taskId} is a second "${twin.taskName}" (two runs created the wave at once): it is stopped, the earlier task stays the wave`,
	);
};

function stoppedWave(view: RolloutView): WaveView | undefined {
	return view.waves.find(
		(w) => ['Stopped', 'Stopping'].includes(w.task.status) || w.task.progress.stopped > 0,
	);
}

const haltRule: Rule = (c) => {
	const marker = c.view.haltMarkers[0];
	const stopped = stoppedWave(c.view);
	if (!marker && !stopped) return undefined;
	const why = marker
		? `the rollout was halted: task ${marker.taskId} "${marker.taskName}" marks it`
		: `wave ${stopped!.wave} (task ${stopped!.task.taskId}) was stopped, which halts the rollout`;
	const running = c.view.haltMarkers.concat(c.view.waves.map((w) => w.task)).find((t) => isLive(t));
	const wave = stopped?.wave ?? latest(c)?.wave ?? 0;
	return decide(c, 'halted', wave, running ? stop(running, 'halt') : NONE, null, why);
};

/** Devices of the wave that count as succeeded under the settings' judgement. */
function okCount(c: Context, w: WaveView): number {
	return c.settings.judgeOn === 'verified' ? w.verified : w.task.progress.success;
}

/**
 * Devices the wave is judged against: under the verified judgement those IoTDA still has (a deleted device
 * reports nothing and is no longer a target); under sub-task status IoTDA's sub-tasks, all of them.
 */
function judgedCount(c: Context, w: WaveView): number {
	return c.settings.judgeOn === 'verified' ? w.devices : w.task.targets.length;
}

/** Whether `ok` of `devices` meets the threshold, in integers: ok × 100 ≥ threshold × devices. */
export function meetsThreshold(ok: number, devices: number, thresholdPercent: number): boolean {
	return ok * 100 >= thresholdPercent * devices;
}

function judgement(c: Context, w: WaveView): string {
	const how = c.settings.judgeOn === 'verified' ? 'report the target version' : 'succeeded';
	const missed = `wave ${w.wave} (task ${w.task.taskId}): ${okCount(c, w)} of ${judgedCount(c, w)} devices ${how}, below the ${c.settings.thresholdPercent}% threshold`;
	// Sub-tasks that succeeded on devices not on the version: a fall-back, or a Target Version typo (e.g.
	// "1.2.0" for a package of "V1.2.0") that would otherwise read as a wave of failed devices.
	const unverified = c.settings.judgeOn === 'verified' ? w.task.progress.success - w.verified : 0;
	if (unverified <= 0) return missed;
	const [does, it] = unverified === 1 ? ['does', 'it'] : ['do', 'they'];
	return `${missed}; ${unverified} of them ended Success in IoTDA but ${does} not report ${c.settings.targetVersion}: ${it} fell back, or Target Version is not the version the package installs`;
}

const thresholdRule: Rule = (c) => {
	const n = (w: WaveView) => w.task.targets.length;
	const missed = c.view.waves.find(
		(w) =>
			!w.live && !meetsThreshold(okCount(c, w), judgedCount(c, w), c.settings.thresholdPercent),
	);
	if (missed) return decide(c, 'halted', missed.wave, NONE, null, judgement(c, missed));
	const doomed = c.view.waves.find(
		(w) => w.live && !meetsThreshold(n(w) - ended(w), n(w), c.settings.thresholdPercent),
	);
	if (!doomed) return undefined;
	const action = c.settings.stopOnMissedThreshold ? stop(doomed.task, 'threshold') : NONE;
	return decide(
		c,
		'halted',
		doomed.wave,
		action,
		null,
		`wave ${doomed.wave} (task ${doomed.task.taskId}): ${ended(doomed)} of ${n(doomed)} sub-tasks failed or were stopped, so it can no longer reach the ${c.settings.thresholdPercent}% threshold`,
	);
};

const runningRule: Rule = (c) => {
	const wave = latest(c);
	if (!wave?.live) return undefined;
	const start = startOf(wave.task);
	// create_time has whole seconds; a start beyond the guard (+1 s) was set for the window.
	if (
		c.settings.window &&
		start > c.state.now &&
		start > wave.task.createdAt + START_GUARD_MS + 1000
	)
		return decide(
			c,
			'outside_window_until',
			wave.wave,
			NONE,
			start,
			`wave ${wave.wave} (task ${wave.task.taskId}) is scheduled to start when the maintenance window opens`,
		);
	return decide(
		c,
		'waiting',
		wave.wave,
		NONE,
		null,
		`wave ${wave.wave} (task ${wave.task.taskId}) is ${wave.task.status}`,
	);
};

const doneRule: Rule = (c) => {
	if (c.view.neverStarted) return undefined;
	const wave = latest(c)?.wave ?? 0;
	// No target at all is complete too (nothing to upgrade), but says why: a search filter or Device IDs
	// that match nothing would otherwise read as a finished rollout.
	if (c.counts.targets === 0)
		return decide(
			c,
			'complete',
			wave,
			NONE,
			null,
			`no target device: no device of the targets is behind ${c.settings.targetVersion} (check the search filters or Device IDs)`,
		);
	if (c.counts.on_target_version === c.counts.targets)
		return decide(
			c,
			'complete',
			wave,
			NONE,
			null,
			`all ${c.counts.targets} target devices report ${c.settings.targetVersion}`,
		);
	const behind = c.counts.targets - c.counts.on_target_version;
	return decide(
		c,
		'nothing_to_do',
		wave,
		NONE,
		null,
		`every device not on ${c.settings.targetVersion} is already in a wave; ${behind} of them did not take it (Batch Task → Retry retries a wave's failed devices)`,
	);
};

const soakRule: Rule = (c) => {
	const wave = latest(c);
	if (!wave) return undefined;
	const until = startOf(wave.task) + c.settings.soakMs;
	if (c.state.now >= until) return undefined;
	return decide(
		c,
		'soaking_until',
		nextWave(c),
		NONE,
		until,
		`wave ${wave.wave} started ${iso(startOf(wave.task))}; the soak lasts until ${iso(until)}`,
	);
};

const approvalRule: Rule = (c) => {
	const wave = nextWave(c);
	if (!c.settings.requireApproval || wave === 1 || c.settings.approveWave === wave)
		return undefined;
	const given = c.settings.approveWave;
	const why =
		given === undefined
			? `wave ${wave} needs an approval (Approve Wave = ${wave})`
			: `Approve Wave is ${given}, but the next wave is ${wave}: an approval names the one wave it starts`;
	return decide(c, 'awaiting_approval', wave, NONE, null, why);
};

/** When the next wave may start: after the guard, at the window's next opening if there is a window. */
function startTime(c: Context): number {
	const earliest = c.state.now + START_GUARD_MS;
	return c.settings.window ? windowOpening(c.settings.window, earliest) : earliest;
}

const createRule: Rule = (c) => {
	const wave = nextWave(c);
	const start = startTime(c);
	if (start - c.state.now > SCHEDULE_MAX_MS)
		return decide(
			c,
			'outside_window_until',
			wave,
			NONE,
			start - SCHEDULE_MAX_MS + START_GUARD_MS,
			`the window opens ${iso(start)}, beyond IoTDA's 7-day schedule; the wave is created from ${iso(start - SCHEDULE_MAX_MS + START_GUARD_MS)}`,
		);
	const { maxDevicesPerWave: cap, waves: plan } = c.settings;
	const assigned = c.view.waves.reduce((sum, w) => sum + w.task.targets.length, 0);
	const total = assigned + c.view.notInWave.length;
	const size = Math.max(1, nextWaveSize(plan, total, assigned, cap));
	const deviceIds = c.view.notInWave.slice(0, size);
	// Counted over the waves that exist, so a deleted wave task does not turn the next wave into a top-up.
	const topUp = c.view.waves.length >= plannedWaveCount(plan, total, cap);
	const action: StepAction = {
		type: 'create_wave',
		wave,
		task_name: waveTaskName(c.settings.name, wave),
		device_ids: deviceIds,
		start_at: iso(start),
	};
	const why = `${topUp ? 'top-up ' : ''}wave ${wave}: ${deviceIds.length} of the ${c.view.notInWave.length} devices not yet in a wave, starting ${iso(start)}`;
	return decide(c, topUp ? 'topped_up' : 'created_wave', wave, action, null, why);
};

const RULES: readonly Rule[] = [
	duplicateRule,
	haltRule,
	thresholdRule,
	runningRule,
	doneRule,
	soakRule,
	approvalRule,
	createRule,
];

function notes(settings: RolloutSettings, view: RolloutView): string[] {
	const found: string[] = [];
	if (view.missingWaves.length)
		found.push(
			`no task for wave ${view.missingWaves.join(', ')} (deleted?): its outcome is unknown and its devices not on ${settings.targetVersion} count as not in a wave`,
		);
	if (view.deleted.length)
		found.push(
			`${view.deleted.length} wave ${view.deleted.length === 1 ? 'device' : 'devices'} IoTDA no longer has (deleted after the rollout targeted them) are no longer targets and not counted: ${showValue(view.deleted.join(', '))}`,
		);
	for (const t of view.lookAlikes)
		found.push(
			`task ${t.taskId} ("${t.taskName}") has a name of this rollout but packages ${t.packageIds.join(', ') || '(none)'}, not its Package IDs: not one of its tasks, ignored`,
		);
	return found;
}

/**
 * Whether rule 1 or 2 (a race's twin, a halt) decides: they read the rollout's tasks alone, so a step that
 * they decide needs no device's version (stepReading.ts). `view`: viewOf the tasks.
 */
export function decidedByTasks(view: RolloutView): boolean {
	return view.liveDuplicates.length > 0 || view.haltMarkers.length > 0 || !!stoppedWave(view);
}

/**
 * The one step of `settings`' rollout in `state` (see the rules above). Pure: the same inputs give the same
 * decision; it reads no clock (state.now) and changes nothing — the operation carries out `action`.
 */
export function decideStep(settings: RolloutSettings, state: ObservedState): StepDecision {
	return decideOnView(settings, state, viewOf(settings, state));
}

/**
 * decideStep on a view the caller built (stepReading.ts: from counts, without listing the targets). The
 * rules read `view` for devices and `state` for tasks and time only.
 */
export function decideOnView(
	settings: RolloutSettings,
	state: ObservedState,
	view: RolloutView,
): StepDecision {
	const c: Context = {
		settings,
		state,
		view,
		counts: countsOf(view),
		reasons: notes(settings, view),
	};
	for (const rule of RULES) {
		const decision = rule(c);
		if (decision) return decision;
	}
	throw new Error('the create rule always decides');
}
