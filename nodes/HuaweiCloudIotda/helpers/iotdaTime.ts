/**
 * IoTDA's time format, `yyyyMMdd'T'HHmmss'Z'` (UTC), the one form of every time field (create_time,
 * upload_time, task_ext_info schedule times, event_time): the Luxon format that writes it and the pattern that
 * reads it.
 */
export const IOTDA_TIME_FORMAT = "yyyyMMdd'T'HHmmss'Z'";
const IOTDA_TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Allows 15 minutes of clock difference between n8n and IoTDA, the window IoTDA itself accepts. */
const CLOCK_TOLERANCE_MS = 15 * 60000;

export function parseIotdaTime(value: unknown): number | undefined {
	const match = IOTDA_TIME.exec(String(value ?? ''));
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s] = match.map(Number);
	return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Whether an IoTDA timestamp is at or after `since` (local ms), within the clock tolerance. */
export function createdSince(value: unknown, since: number): boolean {
	const time = parseIotdaTime(value);
	return time !== undefined && time >= since - CLOCK_TOLERANCE_MS;
}

/** An IoTDA time as ISO 8601 (`20260102T030405Z` → `2026-01-02T03:04:05.000Z`), digit for digit; else undefined. */
export function iotdaTimeToIso(value: string): string | undefined {
	const m = IOTDA_TIME.exec(value);
	return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z` : undefined;
}

/** Epoch ms as IoTDA's time text `yyyyMMdd'T'HHmmss'Z'` (UTC, whole seconds, rounded down). */
export function formatIotdaTime(ms: number): string {
	return new Date(ms)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}
