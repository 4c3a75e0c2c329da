/**
 * What a report shows, independent of where the numbers come from: a batch task (fromBatchTask.ts) or, later, a
 * rollout's waves. chart.ts draws it; message.ts writes it for chat (Markdown) and mail (HTML).
 */

/** One wave (for a single batch task: one bar for all its devices). Counts are devices (sub-tasks), ≥ 0. */
export interface ReportWave {
	label: string;
	succeeded: number;
	failed: number;
	/** Waiting, running, or failed and waiting for a retry. */
	pending: number;
	/** Never started: in a wave not yet created, or stopped/removed before they ran. */
	notStarted: number;
}

/** A failure reason: IoTDA's error code (e.g. IOTDA.014016), its message, and how many devices failed with it. */
export interface ReportFailureReason {
	code: string;
	message?: string;
	count: number;
}

export interface Report {
	/** The rollout's or task's name. */
	title: string;
	/** When the numbers were read, already formatted for people (e.g. "2026-12-07 10:30 UTC"). */
	time: string;
	/** A short line under the title (e.g. "firmwareUpgrade · PartialSuccess"). */
	subtitle?: string;
	/** What was decided (e.g. "continue", "halt"); rollouts set it, a single task does not. */
	decision?: string;
	waves: ReportWave[];
	/** All target devices of the rollout or task, and how many of them are on the target version. */
	targets?: { total: number; onTargetVersion: number };
	/** Failure reasons, most devices first. */
	failureReasons: ReportFailureReason[];
	/**
	 * Set when the reasons were counted from only some of the failed devices (`read` of `failed`), e.g. when
	 * Batch Task → Get read one page of sub-tasks; the chart and message say so.
	 */
	failuresRead?: { read: number; failed: number };
}

/** The devices of a wave (the sum of its four counts). */
export function waveTotal(wave: ReportWave): number {
	return wave.succeeded + wave.failed + wave.pending + wave.notStarted;
}

function checkCount(field: string, value: unknown): void {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
		throw new Error(
			`Report ${field} must be a whole number ≥ 0, got ${String(value).slice(0, 40)}`,
		);
}

/**
 * Checks a report before it is drawn or written: every count a whole number ≥ 0, a title, and
 * `targets.onTargetVersion` ≤ `targets.total`. Throws an Error naming the field and its value.
 */
export function checkReport(report: Report): void {
	if (typeof report.title !== 'string' || !report.title.trim())
		throw new Error('Report title must be a non-empty text');
	report.waves.forEach((wave, k) => {
		for (const key of ['succeeded', 'failed', 'pending', 'notStarted'] as const)
			checkCount(`waves[${k}].${key}`, wave[key]);
	});
	report.failureReasons.forEach((reason, k) =>
		checkCount(`failureReasons[${k}].count`, reason.count),
	);
	if (report.targets) {
		checkCount('targets.total', report.targets.total);
		checkCount('targets.onTargetVersion', report.targets.onTargetVersion);
		if (report.targets.onTargetVersion > report.targets.total)
			throw new Error(
				`Report targets.onTargetVersion (${report.targets.onTargetVersion}) exceeds targets.total (${report.targets.total})`,
			);
	}
}

/** A count for people: 1234567 → "1,234,567". */
export function formatCount(n: number): string {
	return n.toLocaleString('en-US');
}

/** `n` devices in words for people: "1 device", "2,000 devices" (formatCount's grouping). */
export function devicesCount(n: number): string {
	return `${formatCount(n)} ${n === 1 ? 'device' : 'devices'}`;
}

/**
 * A share as a whole percentage for people: "90%"; "<1%" and ">99%" instead of rounding a non-zero part to 0 % or
 * a partial whole to 100 %; "0%" of nothing.
 */
export function formatShare(part: number, whole: number): string {
	if (whole <= 0 || part <= 0) return '0%';
	if (part >= whole) return '100%';
	const percent = Math.round((100 * part) / whole);
	if (percent < 1) return '<1%';
	if (percent > 99) return '>99%';
	return `${percent}%`;
}
