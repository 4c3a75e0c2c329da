// Shows that every check of verify-phase.mjs can fail: a clean set of facts passes, and each planted
// fault (a duplicate task, a lost call, a wrong device list, a 401, an idle worker, a silent drop at the
// limit, ...) is reported. Run by test/queue/run.mjs before the cluster starts (pure, milliseconds).
import { verifyPhase } from './verify-phase.mjs';

const WORKERS = ['worker-1', 'worker-2'];

function cleanFacts(n = 6) {
	const calls = Array.from({ length: n }, (_, i) => {
		const devices = [`c${i}-d1`, `c${i}-d2`];
		return {
			call: i,
			devices,
			status: 201,
			json: { task_id: `t${i}`, device_count: 2 },
			text: '',
			ms: 10,
		};
	});
	return {
		calls,
		wallMs: 1000,
		tasks: calls.map((c) => ({ task_id: `t${c.call}`, targets: [...c.devices] })),
		requests: {
			total: n,
			unauthorized: 0,
			createsAccepted: n,
			createsRefusedByLimit: 0,
			createsOther: 0,
		},
		executions: calls.map((c) => ({
			id: c.call + 1,
			status: 'success',
			process: WORKERS[c.call % 2],
			errors: [],
		})),
		logWorkers: new Map(calls.map((c) => [c.call + 1, [WORKERS[c.call % 2]]])),
		workers: WORKERS,
	};
}

/** The limit case: calls 0-1 created, calls 2-3 refused and failed naming the limit. */
function limitFacts() {
	const facts = cleanFacts(4);
	for (const call of facts.calls.slice(2))
		Object.assign(call, { status: 500, json: { message: 'Error in workflow' } });
	facts.tasks = facts.tasks.slice(0, 2);
	facts.requests = { ...facts.requests, createsAccepted: 2, createsRefusedByLimit: 2 };
	for (const e of facts.executions.slice(2))
		Object.assign(e, { status: 'error', errors: ['unfinished task limit reached'] });
	return facts;
}

const PLANTED = [
	[
		'a duplicate task',
		(f) => f.tasks.push({ task_id: 'tX', targets: [...f.calls[0].devices] }),
		/duplicate/,
	],
	[
		'a task nobody asked for',
		(f) => f.tasks.push({ task_id: 'tY', targets: ['stranger'] }),
		/no call sent/,
	],
	[
		'a lost call',
		(f) => {
			f.tasks.pop();
			f.requests.createsAccepted -= 1;
		},
		/lost|does not have/,
	],
	[
		'a task with other devices',
		(f) => {
			f.tasks[0].targets = ['c0-d1'];
		},
		/has targets/,
	],
	[
		'a wrong device_count',
		(f) => {
			f.calls[1].json.device_count = 3;
		},
		/device_count/,
	],
	[
		'an error answer',
		(f) => {
			Object.assign(f.calls[2], { status: 500, json: undefined });
		},
		/did not get 201/,
	],
	[
		'a failed execution',
		(f) => {
			Object.assign(f.executions[0], { status: 'error', errors: ['boom'] });
		},
		/not successful/,
	],
	['a missing execution record', (f) => f.executions.pop(), /execution record/],
	[
		'an idle worker',
		(f) => {
			for (const e of f.executions) {
				e.process = 'worker-1';
				f.logWorkers.set(e.id, ['worker-1']);
			}
		},
		/worker-2 ran no execution/,
	],
	['an execution run twice', (f) => f.logWorkers.set(1, ['worker-1', 'worker-2']), /started by/],
	[
		'metadata and logs disagree',
		(f) => {
			f.executions[0].process = 'worker-2';
		},
		/metadata says/,
	],
	[
		'the main running an execution',
		(f) => {
			f.executions[0].process = 'main';
		},
		/metadata says|not a worker/,
	],
	[
		'a 401',
		(f) => {
			f.requests.unauthorized = 1;
		},
		/401/,
	],
	[
		'an unexpected create failure',
		(f) => {
			f.requests.createsOther = 1;
		},
		/another reason/,
	],
];

const PLANTED_AT_LIMIT = [
	[
		'a silent drop',
		(f) => {
			f.executions[3].errors = [];
		},
		/naming the unfinished-task limit|another reason/,
	],
	[
		'a refused call without an error answer',
		(f) => {
			Object.assign(f.calls[3], { status: 201, json: { task_id: 'gone', device_count: 2 } });
		},
		/does not have|silent drop/,
	],
	[
		'the limit never reached',
		(f) => {
			const clean = cleanFacts(4);
			Object.assign(f, clean);
		},
		/never reached/,
	],
];

/** Returns a list of problems with the verifier itself (empty = every check can fail). */
export function selfCheckVerifier() {
	const problems = [];
	const clean = verifyPhase(cleanFacts(), 'everyCallCreatesItsTask');
	if (clean.failures.length) problems.push(`clean facts fail: ${clean.failures.join(' | ')}`);
	const cleanLimit = verifyPhase(limitFacts(), 'limitGivesClearErrors');
	if (cleanLimit.failures.length)
		problems.push(`clean limit facts fail: ${cleanLimit.failures.join(' | ')}`);
	for (const [expect, make, planted] of [
		['everyCallCreatesItsTask', cleanFacts, PLANTED],
		['limitGivesClearErrors', limitFacts, PLANTED_AT_LIMIT],
	]) {
		for (const [name, plant, pattern] of planted) {
			const facts = make();
			plant(facts);
			const { failures } = verifyPhase(facts, expect);
			if (!failures.some((f) => pattern.test(f)))
				problems.push(
					`${expect}: ${name} not reported (got: ${failures.join(' | ') || 'no failure'})`,
				);
		}
	}
	return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const problems = selfCheckVerifier();
	for (const p of problems) console.log(`✗ ${p}`);
	console.log(
		problems.length
			? `${problems.length} problem(s)`
			: `every check can fail (${PLANTED.length + PLANTED_AT_LIMIT.length} planted faults reported)`,
	);
	process.exitCode = problems.length ? 1 : 0;
}
