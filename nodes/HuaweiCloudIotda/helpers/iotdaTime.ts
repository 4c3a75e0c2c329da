/** IoTDA's time format, `yyyyMMdd'T'HHmmss'Z'` (UTC). */

/** Allows 15 minutes of clock difference between n8n and IoTDA, the window IoTDA itself accepts. */
const CLOCK_TOLERANCE_MS = 15 * 60000;

export function parseIotdaTime(value: unknown): number | undefined {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(String(value ?? ''));
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s] = match.map(Number);
	return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Whether an IoTDA timestamp is at or after `since` (local ms), within the clock tolerance. */
export function createdSince(value: unknown, since: number): boolean {
	const time = parseIotdaTime(value);
	return time !== undefined && time >= since - CLOCK_TOLERANCE_MS;
}

/** Epoch ms as IoTDA's time text `yyyyMMdd'T'HHmmss'Z'` (UTC, whole seconds, rounded down). */
export function formatIotdaTime(ms: number): string {
	return new Date(ms)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}
