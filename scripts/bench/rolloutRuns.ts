/**
 * Row 6: requests of a 100,000-device, 4-wave rollout (rolloutChild.ts), Rollout → Advance on a 15-minute
 * schedule next to Create with Staged Rollout Waves + Wait for Completion, and — with BENCH_ROLLOUT_BEFORE
 * set to another checkout (e.g. main before a change) — Advance from that checkout in the same run.
 * Counted from the emulator's request log; IoTDA time is SearchDevices requests at its 1 request/s (other
 * requests have no documented rate of that order and are left out of the time).
 */
import { runTsChild } from './spawnTs';
import type { Row } from './stats';
import type { AdvanceStep, RequestKinds, RolloutRun } from './rolloutChild';

export interface RolloutBench {
	after: RolloutRun;
	/** The same rollout judged on sub-task status (no device versions to read). */
	subTaskStatus: RolloutRun;
	before?: RolloutRun;
	inExecution: RolloutRun;
}

const KINDS = ['waiting', 'soaking_until', 'created_wave', 'complete'] as const;
const LABEL: Record<(typeof KINDS)[number], string> = {
	waiting: 'checking step while a wave runs (`waiting`)',
	soaking_until: 'soaking step (`soaking_until`)',
	created_wave: 'step that creates a wave (`created_wave`)',
	complete: 'final step (`complete`)',
};

async function child(mode: string, root?: string): Promise<RolloutRun> {
	return JSON.parse(
		await runTsChild('rolloutChild.ts', root ? [mode, root] : [mode]),
	) as RolloutRun;
}

/** Runs the rollout children one after another (each loads 100,000 devices into its own emulator). */
export async function benchRollout(beforeRoot?: string): Promise<RolloutBench> {
	const after = await child('advance');
	const subTaskStatus = await child('advanceSubTaskStatus');
	const before = beforeRoot ? await child('advance', beforeRoot) : undefined;
	const inExecution = await child('inExecution');
	return { after, subTaskStatus, before, inExecution };
}

const searches = (k: RequestKinds) => k.search + k.searchCount;
/** IoTDA time of `n` SearchDevices requests at 1 request/s. */
const minutes = (n: number) => (n < 120 ? `${n} s` : `${(n / 60).toFixed(0)} min`);

function range(steps: AdvanceStep[], kind: string): string {
	const of = steps.filter((s) => s.decision === kind).map((s) => s.requests.total);
	if (!of.length) return '–';
	const lo = Math.min(...of);
	const hi = Math.max(...of);
	const slowest = Math.max(
		...steps.filter((s) => s.decision === kind).map((s) => searches(s.requests)),
	);
	return `${lo === hi ? lo : `${lo}–${hi}`} (${of.length}×; ≤ ${minutes(slowest)})`;
}

/** The summary rows of the main table: per step kind and in total, after (this tree) vs before / in-execution. */
export function rolloutRows({ after, subTaskStatus, before, inExecution }: RolloutBench): Row[] {
	const rows: Row[] = KINDS.map((kind) => ({
		measure: `6. Advance, 100,000 devices, 4 waves: requests per ${LABEL[kind]} (steps; longest at 1 search/s)`,
		value: range(after.steps!, kind),
		against: before ? `before: ${range(before.steps!, kind)}` : '(no BENCH_ROLLOUT_BEFORE)',
		ratio: '',
		target:
			kind === 'waiting' || kind === 'soaking_until'
				? '≤ 900 searches (fits 15 min)'
				: '(reported)',
		met:
			kind === 'waiting' || kind === 'soaking_until'
				? after.steps!.filter((s) => s.decision === kind).every((s) => searches(s.requests) <= 900)
					? 'yes'
					: 'NO'
				: '',
	}));
	const total = (r: RolloutRun) =>
		`${r.total.total} requests, ${searches(r.total)} searches (${minutes(searches(r.total))} at 1/s)`;
	rows.push({
		measure: `6e. …whole rollout: ${after.steps!.length} Advance executions to \`${after.outcome}\``,
		value: total(after),
		against: before ? `before: ${total(before)}` : '',
		ratio: before ? `${(after.total.total / before.total.total).toFixed(2)}×` : '',
		target: '(reported)',
		met: '',
	});
	rows.push({
		measure: `6e'. …the same judged on sub-task status: per checking step (\`waiting\`, \`soaking_until\`); whole rollout`,
		value: `${range(subTaskStatus.steps!, 'waiting')}, ${range(subTaskStatus.steps!, 'soaking_until')}; ${total(subTaskStatus)}`,
		against: `verified: ${total(after)}`,
		ratio: `${(subTaskStatus.total.total / after.total.total).toFixed(2)}×`,
		target: '(reported)',
		met: '',
	});
	rows.push({
		measure: `6f. …in-execution staged waves (Create + Staged Rollout Waves + Wait for Completion, poll 30→60 s, pause 60 min), one execution: ${inExecution.outcome}`,
		value: total(inExecution),
		against: `of which ${inExecution.total.showTask} status polls/result pages, ${inExecution.total.create} creates`,
		ratio: `${(inExecution.total.total / after.total.total).toFixed(2)}× Advance`,
		target: '(reported)',
		met: '',
	});
	return rows;
}

/** Every Advance step side by side: decision, wave, requests by kind after and before. */
export function rolloutStepTable({ after, before }: RolloutBench): string {
	const head = '| # | decision | wave | requests | searches (pages + count(*)) | before |';
	const lines = after.steps!.map((s, i) => {
		const b = before?.steps![i];
		const same =
			b && b.decision === s.decision && b.wave === s.wave ? '' : ` (before: ${b?.decision})`;
		return `| ${i + 1} | ${s.decision} | ${s.wave} | ${s.requests.total} | ${s.requests.search} + ${s.requests.searchCount} | ${b ? b.requests.total : '–'}${same} |`;
	});
	return [head, '|---|---|---|---|---|---|', ...lines].join('\n');
}
