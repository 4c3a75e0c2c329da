// Shows that every check of verify-rollout-race.mjs can fail: a clean race (4 calls, one twin stopped in
// time) passes, and each planted fault — a twin left running, a twin's sub-task started, two created_wave
// outputs, a stop no output reports, an idle worker, a wave of the wrong size — is reported. Run by
// test/queue/run.mjs before the cluster starts (pure, milliseconds).
import { verifyRolloutRace } from './verify-rollout-race.mjs';

const WORKERS = ['worker-1', 'worker-2'];

function output(decision, created = [], stopped = []) {
	return {
		decision,
		created_task_ids: created,
		stopped_task_ids: stopped,
		races_stopped: stopped.length,
	};
}

function cleanFacts() {
	const outputs = [
		output('created_wave', ['K'], ['T']),
		output('waiting', ['T']),
		output('waiting'),
		output('waiting'),
	];
	const sub = (task, target, started) => ({ task_id: task, target, started });
	return {
		rollout: 'r',
		fleet: ['d1', 'd2', 'd3'],
		firstWave: 2,
		calls: outputs.map((json, call) => ({ call, status: 200, json, text: '' })),
		tasks: [
			{ task_id: 'K', task_name: 'r_w1', status: 'Success', targets: ['d1', 'd2'] },
			{ task_id: 'T', task_name: 'r_w1', status: 'Stopped', targets: ['d1', 'd2'] },
		],
		subTasks: [
			sub('K', 'd1', true),
			sub('K', 'd2', true),
			sub('T', 'd1', false),
			sub('T', 'd2', false),
		],
		requests: { unauthorized: 0, createsAccepted: 2, createsRefusedByLimit: 0, createsOther: 0 },
		raceWindowMs: 50,
		executions: outputs.map((_, i) => ({ id: i + 1, status: 'success', errors: [] })),
		logWorkers: new Map(outputs.map((_, i) => [i + 1, [WORKERS[i % 2]]])),
		workers: WORKERS,
		wallMs: 1000,
	};
}

const PLANTED = [
	['a twin left running', (f) => (f.tasks[1].status = 'Success'), /2 wave-1 task\(s\) not stopped/],
	['a twin sub-task started', (f) => (f.subTasks[2].started = true), /twin T: 1 sub-task/],
	[
		'two created_wave outputs',
		(f) => (f.calls[1].json.decision = 'created_wave'),
		/created_wave outputs/,
	],
	[
		'a stop no output reports',
		(f) => Object.assign(f.calls[0].json, { stopped_task_ids: [], races_stopped: 0 }),
		/twin T: reported stopped by 0/,
	],
	[
		'an idle worker',
		(f) => f.logWorkers.forEach((w) => (w[0] = 'worker-1')),
		/worker-2 ran no execution/,
	],
	['a wave of the wrong size', (f) => (f.firstWave = 3), /the plan says 3/],
	['a failed execution', (f) => (f.executions[2].status = 'error'), /execution 3: error/],
];

/** Returns a list of problems with the verifier itself (empty = every check can fail). */
export function selfCheckRolloutRace() {
	const problems = [];
	const clean = verifyRolloutRace(cleanFacts());
	if (clean.failures.length) problems.push(`clean race fails: ${clean.failures.join(' | ')}`);
	for (const [name, plant, pattern] of PLANTED) {
		const facts = cleanFacts();
		plant(facts);
		const { failures } = verifyRolloutRace(facts);
		if (!failures.some((f) => pattern.test(f)))
			problems.push(`${name} not reported (got: ${failures.join(' | ') || 'no failure'})`);
	}
	return problems;
}
