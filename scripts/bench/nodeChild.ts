/**
 * One measured run in a fresh process (started by nodeRuns.ts with --expose-gc): builds the input items,
 * runs either the node's execute() or a no-op node on them, and prints one JSON line with the times and
 * the memory. The emulator lives in the parent process, so its memory and CPU are not counted here.
 *
 * Memory: `items` = heap + external growth from building the items (after a full GC both sides);
 * `peak` = the highest heapUsed + external sampled every millisecond during the run, minus the level
 * before the run (a lower bound: the sampler runs only between synchronous stretches); `peakRss` = the
 * process's maximum RSS (getrusage) after the run minus RSS before it.
 */
import type { IExecuteFunctions, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_ACCOUNT } from '../../test/emulator/seed-accounts';
import { credentialsFor } from '../../test/helpers/emulatorCredentials';
import { itemsWith, makeContext, nodeType, type RunOptions } from '../../test/helpers/n8nHarness';
import { withAllocationProfile } from './allocProfile';
import { nowMs } from './stats';

export interface ChildScenario {
	kind: 'aggregate' | 'perItem' | 'noop';
	items: number;
	url: string;
}

export interface ChildResult {
	kind: ChildScenario['kind'];
	items: number;
	outputItems: number;
	wallMs: number;
	/** Time inside httpRequestWithAuthentication: signing + HTTP round trip + the emulator's work. */
	transportMs: number;
	requests: number;
	itemsBytes: number;
	peakBytes: number;
	peakRssBytes: number;
	/** heap + external still held after the run (output included), after a full GC. */
	retainedBytes: number;
	/** Requests of the warm-up run, which the parent subtracts from the emulator's log. */
	warmupRequests: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
const used = () => {
	const m = process.memoryUsage();
	return m.heapUsed + m.external;
};

/** A node that does nothing but read one parameter per item and hand the items on, paired. */
async function noopExecute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = new Array(items.length);
	for (let i = 0; i < items.length; i++) {
		this.getNodeParameter('deviceIds', i, '');
		out[i] = { json: items[i].json, pairedItem: { item: i } };
	}
	return [out];
}

function runOptions(scenario: ChildScenario, items: INodeExecutionData[], taskName: string): RunOptions {
	return {
		parameters: {
			resource: 'batchTask',
			operation: 'create',
			taskType: 'freezeDevices',
			taskName,
			batchMode: scenario.kind === 'perItem' ? 'perItem' : 'aggregate',
			// What `{{ $json.device_id }}` gives in n8n.
			deviceIds: (i: number) => items[i].json.device_id,
		},
		items,
		credentials: credentialsFor(DEFAULT_ACCOUNT, scenario.url),
	};
}

const makeItems = (count: number, prefix = 'dev') =>
	itemsWith(Array.from({ length: count }, (_, i) => ({ device_id: `${prefix}-${String(i).padStart(6, '0')}` })));

/**
 * n8n runs a node in a long-lived process: its modules are loaded and compiled before the big execution.
 * A small run of the same path first keeps module loading and compilation out of the figures.
 */
async function warmUp(scenario: ChildScenario): Promise<number> {
	const items = makeItems(10, 'warm');
	const run = runOptions(scenario, items, 'bench_warmup');
	if (scenario.kind === 'noop') await noopExecute.call(makeContext(run));
	else await nodeType.execute.call(makeContext(run));
	return scenario.kind === 'noop' ? 0 : scenario.kind === 'perItem' ? 10 : 1;
}

async function main(scenario: ChildScenario): Promise<ChildResult> {
	if (!gc) throw new Error('run with --expose-gc');
	const warmupRequests = await warmUp(scenario);
	gc();
	const before = used();
	const items = makeItems(scenario.items);
	gc();
	const itemsBytes = used() - before;

	const context = makeContext(runOptions(scenario, items, `bench_${scenario.kind}`));
	const send = context.helpers.httpRequestWithAuthentication;
	let transportMs = 0;
	let requests = 0;
	context.helpers.httpRequestWithAuthentication = async function (this: unknown, type: string, options: IHttpRequestOptions) {
		const start = nowMs();
		try {
			return await send.call(this as IExecuteFunctions, type, options);
		} finally {
			transportMs += nowMs() - start;
			requests++;
		}
	} as typeof send;

	gc();
	const base = used();
	const rssBase = process.memoryUsage().rss;
	let peak = base;
	const sampler = setInterval(() => (peak = Math.max(peak, used())), 1);
	const start = nowMs();
	const [output] = await withAllocationProfile(process.env.BENCH_ALLOC_PROFILE, scenario.kind, async () =>
		scenario.kind === 'noop' ? await noopExecute.call(context) : await nodeType.execute.call(context),
	);
	const wallMs = nowMs() - start;
	clearInterval(sampler);
	peak = Math.max(peak, used());
	const peakRss = process.resourceUsage().maxRSS * 1024;
	gc();
	const retainedBytes = used() - base;
	if (output.length === 0) throw new Error('no output'); // keeps `output` alive up to here
	return {
		kind: scenario.kind,
		items: scenario.items,
		outputItems: output.length,
		wallMs,
		transportMs,
		requests,
		itemsBytes,
		peakBytes: peak - base,
		peakRssBytes: Math.max(0, peakRss - rssBase),
		retainedBytes,
		warmupRequests,
	};
}

main(JSON.parse(process.argv[2]) as ChildScenario).then(
	(result) => process.stdout.write(JSON.stringify(result) + '\n'),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
