/**
 * The pure parts of a rollout's plan: its settings, the names of its tasks in IoTDA, and how many devices
 * the next wave takes. Nothing here reads IoTDA or a clock; step.ts combines it with the observed state.
 */
import { InputError } from '../../helpers/inputErrors';
import { LIMITS } from '../../helpers/apiRules';
import { withNameSuffix } from '../../helpers/validate';
import type { MaintenanceWindow } from './window';
import { refuseNotGrowing } from '../../helpers/wavePlan';

/** One entry of the wave plan: a cumulative share (percent) or a cumulative device count of the target set. */
export type WaveEnd = { percent: number } | { devices: number };

/** The task types a rollout runs: the upgrades IoTDA can stop (StopBatchTask: firmware and software only). */
export type RolloutTaskType = 'firmwareUpgrade' | 'softwareUpgrade';

/**
 * A rollout's settings, already checked (readSettings.ts turns the node's parameters into this).
 * Times in milliseconds; percentages 0–100.
 */
export interface RolloutSettings {
	/** The rollout's name: the prefix of its task names (`<name>_w1`, `<name>_halt`). */
	name: string;
	taskType: RolloutTaskType;
	packageIds: string[];
	/** The version the packages install: a device on it is "on the target version" (verified). */
	targetVersion: string;
	/** Cumulative wave ends; the plan always ends with the whole target set. */
	waves: WaveEnd[];
	/** Least time from one wave's start to the next wave's start (the earlier wave must also have finished). */
	soakMs: number;
	/** Share of a wave's devices that must succeed, 0–100 (whole number). */
	thresholdPercent: number;
	/** `verified`: the device reports the target version; `subTaskStatus`: its sub-task ended Success. */
	judgeOn: 'verified' | 'subTaskStatus';
	/** At most this many devices in one wave (≤ 30,000, IoTDA's targets per task). */
	maxDevicesPerWave: number;
	window?: MaintenanceWindow;
	/** Waves after the first start only with an approval naming them (`approveWave`). */
	requireApproval: boolean;
	/** The wave this run approves (Advance's "Approve Wave"); undefined when none. */
	approveWave?: number;
	/** What a missed threshold does besides halting: stop the wave that missed it while it still runs. */
	stopOnMissedThreshold: boolean;
}

const WAVE_SUFFIX = /^_w([1-9]\d{0,5})$/;

/** The task name of wave `wave` (1-based): `<name>_w<wave>`, the scheme of the in-execution staged rollout. */
export function waveTaskName(rollout: string, wave: number): string {
	return withNameSuffix(rollout, `_w${wave}`, `for wave ${wave}`);
}

/** The name of the halt marker task (`<name>_halt`, see step.ts "Halt"). */
export function haltTaskName(rollout: string): string {
	return withNameSuffix(rollout, '_halt', 'for the halt marker');
}

/** The wave number a task name gives for this rollout, or undefined when it is not one of its waves. */
export function waveNumberOf(rollout: string, taskName: string): number | undefined {
	if (!taskName.startsWith(rollout)) return undefined;
	const match = WAVE_SUFFIX.exec(taskName.slice(rollout.length));
	return match ? Number(match[1]) : undefined;
}

/**
 * Parses the wave plan text, e.g. "5%, 25%, 50%, 100%" or "10, 100, 1000", into cumulative wave ends; "rest"
 * is implied (the last wave always takes the whole set). Throws InputError naming Wave Plan, also for an
 * entry not above the previous one of its unit ("50%, 25%"), which a cumulative plan could only drop.
 */
export function parseWavePlan(text: string): WaveEnd[] {
	const parts = text.split(/[,;\s]+/).filter(Boolean);
	if (!parts.length) throw new InputError('Wave Plan', text, 'needs at least one wave');
	const ends = parts.map((part) => parseWaveEnd(text, part));
	refuseNotGrowing(
		'Wave Plan',
		text,
		ends.map((end, i) =>
			'percent' in end
				? { part: parts[i], unit: '%', value: end.percent }
				: { part: parts[i], unit: '', value: end.devices },
		),
	);
	return ends;
}

/** One entry of the plan ("5%" or "10"); `text` is the whole plan, for the error. */
function parseWaveEnd(text: string, part: string): WaveEnd {
	const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(part);
	if (!match)
		throw new InputError('Wave Plan', text, `has "${part}", neither a share (5%) nor a count`);
	const value = Number(match[1]);
	if (match[2]) {
		if (value <= 0 || value > 100)
			throw new InputError('Wave Plan', text, `has ${part}; a share is above 0% and at most 100%`);
		return { percent: value };
	}
	if (!Number.isInteger(value) || value < 1)
		throw new InputError('Wave Plan', text, `has ${part}; a count is a whole number of at least 1`);
	return { devices: value };
}

/**
 * The plan's cumulative wave ends for a target set of `total` devices: strictly increasing, each ≥ 1, the
 * last = total (a share rounds up, as the in-execution rollout's planWaves does). [] when total is 0.
 */
export function plannedEnds(plan: readonly WaveEnd[], total: number): number[] {
	const ends: number[] = [];
	for (const end of plan) {
		const raw = 'percent' in end ? Math.ceil((total * end.percent) / 100) : end.devices;
		const bounded = Math.min(Math.max(raw, 1), total);
		if (bounded > (ends[ends.length - 1] ?? 0)) ends.push(bounded);
	}
	if (total > 0 && ends[ends.length - 1] !== total) ends.push(total);
	return ends;
}

/**
 * Devices the next wave takes when `assigned` of `total` devices are already in waves: up to the first
 * planned end above `assigned`, at most `cap`. 0 when every device is assigned.
 */
export function nextWaveSize(
	plan: readonly WaveEnd[],
	total: number,
	assigned: number,
	cap: number,
): number {
	const end = plannedEnds(plan, total).find((e) => e > assigned);
	return end === undefined ? 0 : Math.min(end - assigned, cap);
}

/** How many waves the plan makes of `total` devices with at most `cap` per wave (a capped wave adds waves). */
export function plannedWaveCount(plan: readonly WaveEnd[], total: number, cap: number): number {
	let waves = 0;
	for (let assigned = 0; assigned < total; waves++)
		assigned += nextWaveSize(plan, total, assigned, cap);
	return waves;
}

/** IoTDA's targets per task (CreateBatchTask `targets` ≤ 30,000): the highest Max Devices per Wave. */
export const MAX_DEVICES_PER_WAVE = LIMITS.maxTargets;
