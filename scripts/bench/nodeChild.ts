/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * One measured run in a fresh process (started by nodeRuns.ts with --expose-gc): builds the input items,
 * runs either our node or a no-op node on them through n8n's engine (test/helpers/engine.ts: WorkflowExecute,
 * `{{ $json.device_id }}` resolved by n8n, requests through n8n-core's HTTP client), and prints one JSON line
 * with the times and the memory. The emulator lives in the parent process, so its memory and CPU are not
 * counted here.
 *
 * Memory: `items` = heap + external growth from building the items (after a full GC both sides);
 * `peak` = the highest heapUsed + external sampled every millisecond during the run, minus the level
 * before the run (a lower bound: the sampler runs only between synchronous stretches); `peakRss` = the
 * process's maximum RSS (getrusage) after the run minus RSS before it.
 */
import type { OutboundHttp } from '@n8n/backend-network';
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import { DEFAULT_ACCOUNT } from '../../test/emulator/seed-accounts';
import { credentialsFor } from '../../test/helpers/emulatorCredentials';
import { execute, itemsWith, replaceOutboundHttp, type EngineRun } from '../../test/helpers/engine';
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
	/** Time inside n8n-core's HTTP client (OutboundHttp): HTTP round trip + the emulator's work (signing is not in it). */
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
const noopNode: INodeType = {
	description: {
		displayName: 'No-op',
		name: 'noop',
		group: ['transform'],
		version: 1,
		description: 'Reads Device IDs per item and hands the items on',
		defaults: { name: 'No-op' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Device IDs', name: 'deviceIds', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = new Array(items.length);
		for (let i = 0; i < items.length; i++) {
			this.getNodeParameter('deviceIds', i, '');
			out[i] = { json: items[i].json, pairedItem: { item: i } };
		}
		return [out];
	},
};

function runOptions(
	scenario: ChildScenario,
	items: INodeExecutionData[],
	taskName: string,
): EngineRun {
	return {
		parameters: {
			resource: 'batchTask',
			operation: 'create',
			taskType: 'freezeDevices',
			taskName,
			batchMode: scenario.kind === 'perItem' ? 'perItem' : 'aggregate',
			deviceIds: '={{ $json.device_id }}',
		},
		items,
		credentials: credentialsFor(DEFAULT_ACCOUNT, scenario.url),
		nodeType: scenario.kind === 'noop' ? noopNode : undefined,
	};
}

/** Runs through n8n's engine; the node's success output, or the error n8n recorded. */
async function run(options: EngineRun): Promise<INodeExecutionData[]> {
	const { outputs, error } = await execute(options);
	if (error) throw error;
	return outputs[0] ?? [];
}

/** Counts the requests n8n-core sends and the time they take, at its HTTP client. */
function timeRequests(meter: { transportMs: number; requests: number }) {
	return replaceOutboundHttp((real) => {
		const timed = (options?: Parameters<OutboundHttp['requests']>[0]) => {
			// Typed loosely: the top-level @n8n/backend-network types (node-cli's copy) name another n8n-workflow.
			const client = real.requests(options) as unknown as {
				request: (request: IHttpRequestOptions) => Promise<unknown>;
			};
			return {
				...client,
				request: async (request: IHttpRequestOptions) => {
					const start = nowMs();
					try {
						return await client.request(request);
					} finally {
						meter.transportMs += nowMs() - start;
						meter.requests++;
					}
				},
			} as unknown as ReturnType<OutboundHttp['requests']>;
		};
		return {
			requests: timed,
			transport: (...args: Parameters<OutboundHttp['transport']>) => real.transport(...args),
		} as unknown as OutboundHttp;
	});
}

const makeItems = (count: number, prefix = 'dev') =>
	itemsWith(
		Array.from({ length: count }, (_, i) => ({
			device_id: `${prefix}-${String(i).padStart(6, '0')}`,
		})),
	);

/**
 * n8n runs a node in a long-lived process: its modules are loaded and compiled before the big execution.
 * A small run of the same path first keeps module loading and compilation out of the figures.
 */
async function warmUp(scenario: ChildScenario): Promise<number> {
	const items = makeItems(10, 'warm');
	await run(runOptions(scenario, items, 'bench_warmup'));
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

	const options = runOptions(scenario, items, `bench_${scenario.kind}`);
	const meter = { transportMs: 0, requests: 0 };
	timeRequests(meter);

	gc();
	const base = used();
	const rssBase = process.memoryUsage().rss;
	let peak = base;
	const sampler = setInterval(() => (peak = Math.max(peak, used())), 1);
	const start = nowMs();
	const output = await withAllocationProfile(
		process.env.BENCH_ALLOC_PROFILE,
		scenario.kind,
		async () => await run(options),
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
		transportMs: meter.transportMs,
		requests: meter.requests,
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
