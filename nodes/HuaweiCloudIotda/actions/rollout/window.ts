/**
 * Maintenance windows: weekdays and hours on the wall clock of a timezone. Wall-clock arithmetic is luxon's
 * (IANA zones, daylight saving), so a window "02:00–04:00 Europe/Berlin" is two hours on most days, one hour
 * on the night clocks go forward (02:00 does not exist; luxon moves it to 03:00) and three on the night they
 * go back.
 */
import { DateTime } from 'luxon';

import { InputError } from '../../helpers/inputErrors';

/** Days and hours in which waves may start. */
export interface MaintenanceWindow {
	/** ISO weekdays the window opens on: 1 = Monday … 7 = Sunday. */
	weekdays: number[];
	/** Hour the window opens, 0–23, on the timezone's wall clock. */
	startHour: number;
	/**
	 * Hour it closes, 1–24; at or below startHour it closes the next day (22 → 4 is an overnight window that
	 * belongs to the weekday it opens on).
	 */
	endHour: number;
	/** IANA timezone, e.g. the workflow's timezone. */
	timezone: string;
}

/** Throws InputError naming the field when the window cannot be honoured; returns it unchanged otherwise. */
export function checkWindow(window: MaintenanceWindow): MaintenanceWindow {
	const { weekdays, startHour, endHour, timezone } = window;
	if (!weekdays.length || weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
		throw new InputError('Maintenance Window Weekdays', weekdays, 'must name at least one weekday');
	if (!Number.isInteger(startHour) || startHour < 0 || startHour > 23)
		throw new InputError('Window Start Hour', startHour, 'must be a whole hour from 0 to 23');
	if (!Number.isInteger(endHour) || endHour < 1 || endHour > 24)
		throw new InputError('Window End Hour', endHour, 'must be a whole hour from 1 to 24');
	if (endHour === startHour)
		throw new InputError('Window End Hour', endHour, 'equals the start hour (an empty window)');
	if (!DateTime.now().setZone(timezone).isValid)
		throw new InputError('Timezone', timezone, 'is not a known IANA timezone');
	return window;
}

/** The window that opens on `day` (a start of day in the zone): [open, close) in epoch ms. */
function windowOn(window: MaintenanceWindow, day: DateTime): [number, number] {
	const open = day.set({ hour: window.startHour });
	const closeDay = window.endHour > window.startHour ? day : day.plus({ days: 1 });
	const close =
		window.endHour === 24 ? day.plus({ days: 1 }) : closeDay.set({ hour: window.endHour });
	return [open.toMillis(), close.toMillis()];
}

/**
 * When a wave may start at or after `at` (epoch ms): `at` itself inside the window, else the next opening.
 * The day before is looked at too, for an overnight window still open. Always found within 8 days.
 */
export function windowOpening(window: MaintenanceWindow, at: number): number {
	const today = DateTime.fromMillis(at, { zone: window.timezone }).startOf('day');
	for (let offset = -1; offset <= 8; offset++) {
		const day = today.plus({ days: offset });
		if (!window.weekdays.includes(day.weekday)) continue;
		const [open, close] = windowOn(window, day);
		if (at < close) return Math.max(at, open);
	}
	throw new Error('no window opening within 8 days (checkWindow lets no such window through)');
}
