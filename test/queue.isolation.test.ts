/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Queue mode runs many executions of the node at once in one worker process, and consecutive executions of
 * a workflow on different workers: the package must keep no state at module level. Checked three ways:
 * - two executions (n8n-core WorkflowExecute runs) interleaved on the same loaded node, with different
 *   accounts and bodies;
 * - the node module (with n8n-core and n8n-workflow) loaded twice in one process (jest.isolateModules), one execution on each copy,
 *   interleaved: each task lands in its own account with its own body, and neither copy's node description
 *   changes;
 * - a static scan of nodes/ and credentials/ for top-level let/var, mutated top-level containers and
 *   mutable static class properties (test/helpers/moduleStateScan.ts), itself tested on planted examples.
 */
import * as path from 'path';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import {
	DEFAULT_ACCOUNT,
	startEmulator,
	TEMPORARY_ACCOUNT,
	type Emulator,
	type EmulatorAccount,
} from './emulator';
import { credentialsFor } from './helpers/emulatorCredentials';
import { readSources, scanSources } from './helpers/moduleStateScan';
import type * as Harness from './helpers/engine';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ port: 0, seed: 11, speed: 600 });
});
afterAll(async () => emulator?.close());
beforeEach(() => emulator.reset());

interface Execution {
	account: EmulatorAccount;
	taskType: 'createCommands' | 'freezeDevices';
	prefix: string;
	devices: string[][];
}

// One task per item (Batch Mode "One Task per Item"), so every execution sends several requests in a row.
const EXECUTION_A: Execution = {
	account: DEFAULT_ACCOUNT,
	taskType: 'createCommands',
	prefix: 'iso_a',
	devices: [
		['dev-0001', 'dev-0002'],
		['dev-0003'],
		['dev-0004', 'dev-0005', 'dev-0006'],
		['dev-0007'],
	],
};
const EXECUTION_B: Execution = {
	account: TEMPORARY_ACCOUNT,
	taskType: 'freezeDevices',
	prefix: 'iso_b',
	devices: [['dev-0101'], ['dev-0102', 'dev-0103'], ['dev-0104'], ['dev-0105', 'dev-0106']],
};

function run(harness: typeof Harness, execution: Execution): Promise<INodeExecutionData[]> {
	const items = harness.itemsWith(
		execution.devices.map((ids, i) => ({ ids, name: `${execution.prefix}_${i + 1}` })),
	);
	const commandFields =
		execution.taskType === 'createCommands'
			? { serviceId: 'Switch', commandName: 'ON_OFF', commandParameters: '{"value":"OFF"}' }
			: {};
	return harness.runNode({
		parameters: {
			resource: 'batchTask',
			operation: 'create',
			taskType: execution.taskType,
			batchMode: 'perItem',
			taskName: '={{ $json.name }}',
			deviceIds: '={{ $json.ids }}',
			...commandFields,
		},
		items,
		credentials: credentialsFor(execution.account, emulator.url),
	});
}

/** Each task is in the execution's own account, with the execution's own body, and in the output. */
function expectOwnTasks(execution: Execution, output: INodeExecutionData[]) {
	const stored = emulator.state(execution.account.ak).tasks;
	expect(stored.map((t) => [t.name, t.type, (t.view as IDataObject).targets])).toEqual(
		execution.devices.map((ids, i) => [`${execution.prefix}_${i + 1}`, execution.taskType, ids]),
	);
	for (const task of stored) {
		const document = (task.view as IDataObject).document;
		if (execution.taskType === 'createCommands')
			expect(document).toEqual({
				service_id: 'Switch',
				command_name: 'ON_OFF',
				paras: { value: 'OFF' },
			});
		else expect(document).toBeUndefined();
	}
	expect(output.map((o) => [o.json.task_id, o.json.task_name])).toEqual(
		stored.map((t) => [t.id, t.name]),
	);
	const requests = emulator.log.filter((e) => e.method === 'POST');
	expect(
		requests.filter((e) => e.ak === execution.account.ak).map((e) => [e.status, e.taskName]),
	).toEqual(execution.devices.map((_, i) => [201, `${execution.prefix}_${i + 1}`]));
}

/** How often consecutive requests came from different accounts: > 1 means the executions overlapped. */
function accountSwitches(): number {
	const aks = emulator.log.filter((e) => e.method === 'POST').map((e) => e.ak);
	return aks.slice(1).filter((ak, i) => ak !== aks[i]).length;
}

function loadHarnessCopy(): typeof Harness {
	let copy: typeof Harness | undefined;
	jest.isolateModules(() => {
		copy = require('./helpers/engine') as typeof Harness;
	});
	return copy!;
}

describe('no state shared between executions (queue mode)', () => {
	it('two interleaved executions on one loaded node keep their own account and body', async () => {
		const harness = require('./helpers/engine') as typeof Harness;
		const [outA, outB] = await Promise.all([run(harness, EXECUTION_A), run(harness, EXECUTION_B)]);
		expect(accountSwitches()).toBeGreaterThan(1);
		expectOwnTasks(EXECUTION_A, outA);
		expectOwnTasks(EXECUTION_B, outB);
		expect(emulator.tasks()).toHaveLength(EXECUTION_A.devices.length + EXECUTION_B.devices.length);
	});

	it('the node module loaded twice: interleaved executions on each copy share nothing', async () => {
		const copyA = loadHarnessCopy();
		const copyB = loadHarnessCopy();
		// Really two loads: distinct classes of the node and of n8n-workflow's errors.
		expect(copyA.nodeType.constructor).not.toBe(copyB.nodeType.constructor);
		const descriptionBefore = JSON.stringify(copyA.nodeType.description);
		expect(JSON.stringify(copyB.nodeType.description)).toBe(descriptionBefore);

		const [outA, outB] = await Promise.all([run(copyA, EXECUTION_A), run(copyB, EXECUTION_B)]);
		expect(accountSwitches()).toBeGreaterThan(1);
		expectOwnTasks(EXECUTION_A, outA);
		expectOwnTasks(EXECUTION_B, outB);
		// Executions change nothing at module level that the other copy (or a later execution) could see.
		expect(JSON.stringify(copyA.nodeType.description)).toBe(descriptionBefore);
		expect(JSON.stringify(copyB.nodeType.description)).toBe(descriptionBefore);

		// A second round on the same copies, accounts swapped: no memory of the first round.
		emulator.reset();
		const [againA, againB] = await Promise.all([run(copyA, EXECUTION_B), run(copyB, EXECUTION_A)]);
		expectOwnTasks(EXECUTION_B, againA);
		expectOwnTasks(EXECUTION_A, againB);
	});
});

describe('static scan for module-level mutable state', () => {
	it('nodes/ and credentials/ have none', () => {
		const root = path.resolve(__dirname, '..');
		const sources = readSources(root, ['nodes', 'credentials']);
		expect(Object.keys(sources).length).toBeGreaterThan(20);
		expect(scanSources(sources)).toEqual([]);
	});

	it('finds every kind of module-level state it looks for', () => {
		const findings = scanSources({
			'planted.ts': [
				'let counter = 0;',
				'var legacy = 1;',
				'export let exported = 2;',
				'const cache = new Map<string, string>();',
				'const tokens: string[] = [];',
				'const byId = {} as Record<string, number>;',
				'const seen = new Set<string>();',
				'const READ_ONLY = new Set(["a"]);',
				'const FROZEN = ["x", "y"];',
				'class Store { static hits = 0; static readonly LIMIT = 3; }',
				'export function use(k: string) { cache.set(k, k); tokens.push(k); byId[k] = 1; return READ_ONLY.has(k) || FROZEN.includes(k); }',
			].join('\n'),
			'other.ts':
				'import { seen } from "./planted"; export const mark = (k: string) => seen.add(k);',
		});
		expect(findings.map((f) => [f.name, f.reason])).toEqual([
			['counter', 'top-level let'],
			['legacy', 'top-level var'],
			['exported', 'top-level let'],
			['cache', 'top-level container that is mutated'],
			['tokens', 'top-level container that is mutated'],
			['byId', 'top-level container that is mutated'],
			['seen', 'top-level container that is mutated'],
			['Store.hits', 'static class property that is not readonly'],
		]);
	});
});
