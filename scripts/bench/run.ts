/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * `npm run bench`: measures the four figures of issue 9, the device search of issue 26 and the requests of a
 * 100,000-device rollout (issue 27) in one run, prints one table (and the rollout's steps side by side) and
 * writes them with the raw samples to test-output/bench.json (git-ignored). Every timed figure is the median of
 * RUNS (≥ 5) runs. BENCH_ROLLOUT_BEFORE=<checkout> adds that checkout's Advance next to this one's;
 * BENCH_ONLY=rollout runs row 6 alone.
 * Not a test: nothing here fails on a missed target; the table says whether each target was met.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { benchNodeRuns, type Summary } from './nodeRuns';
import { benchSignCreate } from './signCreate';
import { fmtMb, fmtMs, fmtRatio, median, type Row } from './stats';
import { benchWait } from './waitRuns';
import { runTsChild } from './spawnTs';
import type { SearchRun } from './searchChild';
import { benchRollout, rolloutRows, rolloutStepTable } from './rolloutRuns';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 5));
const OUT = path.resolve(__dirname, '../../test-output/bench.json');
/** Optional: another checkout (e.g. with a candidate fix) whose aggregate run is measured in the same rounds. */
const COMPARE_TREE = process.env.BENCH_COMPARE_TREE
	? path.resolve(process.env.BENCH_COMPARE_TREE)
	: undefined;
const ROLLOUT_BEFORE = process.env.BENCH_ROLLOUT_BEFORE
	? path.resolve(process.env.BENCH_ROLLOUT_BEFORE)
	: undefined;

const yesNo = (ok: boolean) => (ok ? 'yes' : 'NO');

function machine() {
	const cpu =
		fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ??
		os.cpus()[0]?.model ??
		'?';
	return {
		nproc: os.availableParallelism(),
		cpu,
		node: process.version,
		platform: `${os.type()} ${os.release()}`,
		loadAverage: os.loadavg(),
	};
}

function printTable(rows: Row[]): string {
	const head: Row = {
		measure: 'Measure',
		value: 'Value',
		against: 'Compared with',
		ratio: 'Ratio',
		target: 'Target',
		met: 'Met',
	};
	const cols = Object.keys(head) as Array<keyof Row>;
	const line = (r: Row) => `| ${cols.map((c) => r[c]).join(' | ')} |`;
	return [line(head), `|${cols.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);

/** Row 6: the rollout's requests, Advance (and a checkout before a change) next to the in-execution waves. */
async function rolloutSection() {
	log(
		`6/6 rollout of 100,000 devices in 4 waves: Advance every 15 min${ROLLOUT_BEFORE ? ` (and from ${ROLLOUT_BEFORE})` : ''}, then in-execution waves (minutes)`,
	);
	const rollout = await benchRollout(ROLLOUT_BEFORE);
	return { rollout, rows: rolloutRows(rollout), steps: rolloutStepTable(rollout) };
}

async function rolloutOnly(started: Date) {
	const { rollout, rows, steps } = await rolloutSection();
	console.log(`${started.toISOString()}\n\n${printTable(rows)}\n\nAdvance steps:\n\n${steps}`);
	fs.mkdirSync(path.dirname(OUT), { recursive: true });
	fs.writeFileSync(OUT, JSON.stringify({ started, machine: machine(), rollout }, null, 1));
	log(`written ${path.relative(process.cwd(), OUT)}`);
}

async function main() {
	const started = new Date();
	if (process.env.BENCH_ONLY === 'rollout') return await rolloutOnly(started);

	log(
		`1/6 sign one CreateBatchTask of 30,000 targets: ours vs Huawei SDK (${RUNS * 2 - 1} samples)`,
	);
	const sign = await benchSignCreate(RUNS * 2 - 1, 10);

	log(
		`2-3/6 execute(): 100,000 items aggregate, no-op pass, 1,000 per item, 1,000 aggregate (${RUNS} rounds)`,
	);
	const nodeRuns = await benchNodeRuns(
		[
			{ kind: 'aggregate', items: 100_000 },
			{ kind: 'noop', items: 100_000 },
			{ kind: 'perItem', items: 1_000 },
			{ kind: 'aggregate', items: 1_000 },
			...(COMPARE_TREE ? [{ kind: 'aggregate' as const, items: 100_000, root: COMPARE_TREE }] : []),
		],
		RUNS,
	);
	const [agg, noop, perItem, agg1k, candidate] = nodeRuns.summaries as Summary[];

	log(`4/6 Wait for Completion, 10-minute task, emulator ×100 (${RUNS} runs)`);
	const waits = await benchWait(RUNS, 100);
	const nodeWait = median(waits.map((w) => w.nodeRequests));

	log(
		'5/6 devices not on version X: 30,000 behind in 100,000, SearchDevices vs ListDevices (1 run each, emulator ×50)',
	);
	const searchRun = async (edition: string) =>
		JSON.parse(await runTsChild('searchChild.ts', [edition, '50'], ['--expose-gc'])) as SearchRun;
	const search = await searchRun('standard');
	const listed = await searchRun('basic');
	const searchFloor = Math.ceil(search.behind / 50);
	const naiveWait = median(waits.map((w) => w.naiveRequests));

	const rows: Row[] = [
		{
			measure: `1. Build + sign CreateBatchTask, 30,000 targets (${fmtMb(sign.bodyBytes)} body), per request`,
			value: `ours ${fmtMs(sign.oursMs)}`,
			against: `Huawei SDK HcClient ${fmtMs(sign.sdkMs)}`,
			ratio: fmtRatio(sign.ratio),
			target: '≤ 0.50×',
			met: yesNo(sign.ratio <= 0.5),
		},
		{
			measure: '1b. …of which unavoidable: JSON.stringify + SHA-256 of that body',
			value: fmtMs(sign.floorMs),
			against: `ours ${fmtMs(sign.oursMs)}`,
			ratio: fmtRatio(sign.floorMs / sign.oursMs),
			target: '(context)',
			met: '',
		},
		{
			measure: '2a. execute(), 100,000 items, aggregate: wall time (loopback emulator)',
			value: fmtMs(agg.wallMs),
			against: `of which signing + HTTP + emulator ${fmtMs(agg.transportMs)}`,
			ratio: '',
			target: '(reported)',
			met: '',
		},
		{
			measure: '2b. …API calls (emulator log)',
			value: String(agg.apiCalls),
			against: `${agg.apiOk} answered 2xx`,
			ratio: '',
			target: '= 4',
			met: yesNo(agg.apiCalls === 4 && agg.apiOk === 4),
		},
		{
			measure: "2c. …node's own time (wall − signing/HTTP/emulator)",
			value: fmtMs(agg.ownMs),
			against: `no-op node, same items, reads 1 parameter/item: ${fmtMs(noop.wallMs)}`,
			ratio: fmtRatio(agg.ownMs / noop.wallMs),
			target: '< 1× (below the pass)',
			met: yesNo(agg.ownMs < noop.wallMs),
		},
		{
			measure:
				'2d. …peak memory: heap + external, sampled every 1 ms, above the level with items loaded',
			value: fmtMb(agg.peakBytes),
			against: `items' own size ${fmtMb(agg.itemsBytes)}`,
			ratio: fmtRatio(agg.peakBytes / agg.itemsBytes),
			target: '< 2×',
			met: yesNo(agg.peakBytes < 2 * agg.itemsBytes),
		},
		{
			measure: '2e. …peak RSS above RSS before the run (getrusage maxRSS)',
			value: fmtMb(agg.peakRssBytes),
			against: `items' own size ${fmtMb(agg.itemsBytes)}`,
			ratio: fmtRatio(agg.peakRssBytes / agg.itemsBytes),
			target: '< 2×',
			met: yesNo(agg.peakRssBytes < 2 * agg.itemsBytes),
		},
		{
			measure: '2f. …still held after the run, after a full GC (output included)',
			value: fmtMb(agg.retainedBytes),
			against: `no-op node: peak ${fmtMb(noop.peakBytes)}, held ${fmtMb(noop.retainedBytes)}`,
			ratio: '',
			target: '(context)',
			met: '',
		},
		{
			measure: '3. 1,000 items, one task per item (perItem): wall time / API calls',
			value: `${fmtMs(perItem.wallMs)} / ${perItem.apiCalls}`,
			against: `1,000 items aggregated: ${fmtMs(agg1k.wallMs)} / ${agg1k.apiCalls}`,
			ratio: `${fmtRatio(perItem.wallMs / agg1k.wallMs)} time, ${fmtRatio(perItem.apiCalls / agg1k.apiCalls)} calls`,
			target: '(cost aggregation saves)',
			met: '',
		},
		{
			measure:
				'4. Wait for Completion, 10-minute task: requests per task (poll 30 s, growing to 60 s)',
			value: String(nodeWait),
			against: `naive fixed 30 s poll: ${naiveWait}`,
			ratio: fmtRatio(nodeWait / naiveWait),
			target: '< naive',
			met: yesNo(nodeWait < naiveWait),
		},
		{
			measure: `5a. Resolve the ${search.behind.toLocaleString('en')} of ${search.devices.toLocaleString('en')} devices not on version X (Create, Dry Run): SearchDevices requests`,
			value: `${search.searchRequests} (${search.targets} targets)`,
			against: `ListDevices over the product (Basic fallback): ${listed.listRequests} (+${listed.searchRequests} refused search, ${listed.targets} targets)`,
			ratio: fmtRatio(search.searchRequests / listed.listRequests),
			target: `≤ ceil(30,000/50) + 2 = ${searchFloor + 2}`,
			met: yesNo(search.searchRequests <= searchFloor + 2 && search.targets === search.behind),
		},
		{
			measure:
				'5b. …modelled time at IoTDA’s 1 request/s (requests − 1 gaps of 1 s after each answer)',
			value: `${((search.searchRequests - 1) / 60).toFixed(1)} min`,
			against: `emulated ${(search.emulatedSeconds / 60).toFixed(1)} min incl. emulator work ×50 (paced ${(search.pacedSeconds / 60).toFixed(1)} min); ListDevices: no documented rate, ${listed.listRequests} round trips`,
			ratio: '',
			target: '(reported)',
			met: '',
		},
		{
			measure:
				'5c. …memory per resolved device: held after the run (dry-run output included) / peak above the start',
			value: `${Math.round(search.retainedBytes / search.targets)} B / ${Math.round(search.peakBytes / search.targets)} B`,
			against: `ListDevices fallback: ${Math.round(listed.retainedBytes / listed.targets)} B / ${Math.round(listed.peakBytes / listed.targets)} B (peaks include the in-process emulator)`,
			ratio: '',
			target: '(reported)',
			met: '',
		},
	];

	if (candidate) {
		const tree = path.basename(COMPARE_TREE!);
		rows.splice(
			rows.findIndex((r) => r.measure.startsWith('2f.')) + 1,
			0,
			{
				measure: `2c*. same as 2c, node from ${tree}`,
				value: fmtMs(candidate.ownMs),
				against: `no-op ${fmtMs(noop.wallMs)}; this tree ${fmtMs(agg.ownMs)}`,
				ratio: fmtRatio(candidate.ownMs / noop.wallMs),
				target: '< 1×',
				met: yesNo(candidate.ownMs < noop.wallMs),
			},
			{
				measure: `2d*. same as 2d, node from ${tree} (API calls: ${candidate.apiCalls})`,
				value: fmtMb(candidate.peakBytes),
				against: `items ${fmtMb(candidate.itemsBytes)}; this tree ${fmtMb(agg.peakBytes)}`,
				ratio: fmtRatio(candidate.peakBytes / candidate.itemsBytes),
				target: '< 2×',
				met: yesNo(candidate.peakBytes < 2 * candidate.itemsBytes),
			},
			{
				measure: `2e*. same as 2e, node from ${tree}`,
				value: fmtMb(candidate.peakRssBytes),
				against: `items ${fmtMb(candidate.itemsBytes)}; this tree ${fmtMb(agg.peakRssBytes)}`,
				ratio: fmtRatio(candidate.peakRssBytes / candidate.itemsBytes),
				target: '< 2×',
				met: yesNo(candidate.peakRssBytes < 2 * candidate.itemsBytes),
			},
		);
	}

	const rollout = await rolloutSection();
	rows.push(...rollout.rows);
	const table = printTable(rows);
	const env = machine();
	const header = `${env.nproc} × ${env.cpu}, Node ${env.node}, ${env.platform}; load average at the end ${env.loadAverage.map((l) => l.toFixed(2)).join(' ')}; medians of ${RUNS} runs; ${started.toISOString()}`;
	console.log(`${header}\n\n${table}\n\nRow 6, Advance steps:\n\n${rollout.steps}`);
	fs.mkdirSync(path.dirname(OUT), { recursive: true });
	fs.writeFileSync(
		OUT,
		JSON.stringify(
			{
				started,
				machine: env,
				runs: RUNS,
				table: rows,
				sign,
				nodeRuns,
				waits,
				search,
				listed,
				rollout: rollout.rollout,
			},
			null,
			1,
		),
	);
	log(`written ${path.relative(process.cwd(), OUT)}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
