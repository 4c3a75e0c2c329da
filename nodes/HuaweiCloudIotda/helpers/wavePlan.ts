/** The rule both wave plans share: Create's Staged Rollout Waves and the Rollout's Wave Plan. */
import { InputError } from './inputErrors';

/** One written entry of a plan: the text as typed ("25%"), its unit ('%' share or '' count) and number. */
export interface PlanEntry {
	part: string;
	unit: '%' | '';
	value: number;
}

/**
 * Refuses an entry not above the previous one of its unit ("50%, 25%", "10, 5"): a plan is cumulative, so it
 * could only be dropped — what was written would not be done. Shares and counts compare only within their unit
 * ("10, 5%" depends on the number of devices; rounding that merges such waves is the plan's own rule). Throws
 * InputError naming `field` with the whole plan `text`.
 */
export function refuseNotGrowing(field: string, text: string, entries: readonly PlanEntry[]): void {
	const previous = new Map<string, number>();
	for (const { part, unit, value } of entries) {
		const before = previous.get(unit);
		if (before !== undefined && before >= value)
			throw new InputError(
				field,
				text,
				`has ${part} after ${before}${unit}; the plan is cumulative, each wave ends above the one before (e.g. 5%, 25%, 100%)`,
			);
		previous.set(unit, value);
	}
}
