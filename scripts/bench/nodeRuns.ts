/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Rows 2 and 3: the node run through n8n's engine against the emulator on loopback, each run in its own child process
 * (nodeChild.ts) so memory is measured cleanly; the emulator runs here, and its request log gives the
 * number of API calls each run made.
 */
import { startEmulator, type Emulator } from '../../test/emulator';
import type { ChildResult, ChildScenario } from './nodeChild';
import { runTsChild } from './spawnTs';
import { median } from './stats';

export interface MeasuredRun extends ChildResult {
	/** Requests the emulator received during the run, and how many were answered 2xx. */
	apiCalls: number;
	apiOk: number;
	/** The node's own time: the run's wall time (n8n's engine included) minus the time in n8n-core's HTTP client. */
	ownMs: number;
}

/** Extra node flags for the child, e.g. BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=test-output/prof". */
const extraFlags = () => (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

/** A run of the node from `root` (another checkout, e.g. with a candidate fix) instead of this one. */
export type NodeScenario = Omit<ChildScenario, 'url'> & { root?: string };

async function runChild(
	emulator: Emulator,
	{ root, ...scenario }: NodeScenario,
): Promise<MeasuredRun> {
	emulator.reset();
	const line = await runTsChild(
		'nodeChild.ts',
		[JSON.stringify({ ...scenario, url: emulator.url })],
		['--expose-gc', ...extraFlags()],
		root,
	);
	const result = JSON.parse(line) as ChildResult;
	const log = emulator.log.slice(result.warmupRequests);
	return {
		...result,
		ownMs: result.wallMs - result.transportMs,
		apiCalls: log.length,
		apiOk: log.filter((e) => e.status !== null && e.status < 300).length,
	};
}

export type Summary = Record<keyof Omit<MeasuredRun, 'kind'>, number> & {
	kind: string;
	runs: number;
};

function summarise(runs: MeasuredRun[]): Summary {
	const keys = Object.keys(runs[0]).filter((k) => k !== 'kind') as Array<
		keyof Omit<MeasuredRun, 'kind'>
	>;
	const summary = Object.fromEntries(
		keys.map((k) => [k, median(runs.map((r) => r[k]))]),
	) as unknown as Summary;
	return { ...summary, kind: runs[0].kind, runs: runs.length };
}

/** Runs the scenarios side by side (one of each per round), `rounds` times; medians per scenario. */
export async function benchNodeRuns(
	scenarios: NodeScenario[],
	rounds = 5,
): Promise<{ summaries: Summary[]; raw: MeasuredRun[][] }> {
	const emulator = await startEmulator({ port: 0, seed: 9 });
	// Per-item runs create one task per item; the emulator's default of 10 unfinished tasks per resource
	// space would reject the 11th. Raised here: the benchmark measures the node, not that limit.
	emulator.config.maxUnfinishedPerSpace = 1_000_000;
	const raw: MeasuredRun[][] = scenarios.map(() => []);
	try {
		for (let round = 0; round < rounds; round++) {
			const order = scenarios.map((_, i) => i);
			if (round % 2) order.reverse();
			for (const i of order) raw[i].push(await runChild(emulator, scenarios[i]));
		}
	} finally {
		await emulator.close();
	}
	return { summaries: raw.map(summarise), raw };
}

if (require.main === module) {
	const scenarios = JSON.parse(
		process.argv[2] ?? '[{"kind":"aggregate","items":100000},{"kind":"noop","items":100000}]',
	);
	benchNodeRuns(scenarios, Number(process.argv[3] ?? 1)).then((r) =>
		console.log(JSON.stringify(r, null, 1)),
	);
}
