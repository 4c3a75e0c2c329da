// Judges one batch of webhook calls against what IoTDA (the emulator) stored and what n8n recorded.
// Pure: takes the collected facts, returns {failures: [text], stats}. The same function judges the
// negative run (a worker without our package), where it must report failures.
import { isDeepStrictEqual } from 'node:util';

const LIMIT_TEXT = /unfinished task limit/i;

function percentile(sorted, p) {
	return sorted.length
		? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
		: 0;
}

/** Requests of the phase the emulator logged, summarised. */
export function summariseRequests(entries) {
	const creates = entries.filter((e) => e.method === 'POST' && /\/batchtasks$/.test(e.path));
	return {
		total: entries.length,
		unauthorized: entries.filter((e) => e.status === 401).length,
		createsAccepted: creates.filter((e) => e.status === 201).length,
		// With valid bodies, the only 400 IOTDA.000006 a create gets here is the unfinished-task limit.
		createsRefusedByLimit: creates.filter((e) => e.status === 400 && e.errorCode === 'IOTDA.000006')
			.length,
		createsOther: creates.filter(
			(e) => e.status !== 201 && !(e.status === 400 && e.errorCode === 'IOTDA.000006'),
		).length,
	};
}

function perProcess(executions) {
	const counts = {};
	for (const e of executions)
		counts[e.process ?? '(not recorded)'] = (counts[e.process ?? '(not recorded)'] ?? 0) + 1;
	return counts;
}

/**
 * facts: {calls, wallMs, tasks: [{task_id, targets: string[]}], requests (summariseRequests),
 *         executions: [{id, status, process, errors}], logWorkers: Map<executionId, [worker]>,
 *         workers: [names]}
 * expect: 'everyCallCreatesItsTask' | 'limitGivesClearErrors'
 */
export function verifyPhase(facts, expect) {
	const failures = [];
	const fail = (text) => failures.push(text);
	const { calls, tasks, requests, executions, logWorkers, workers } = facts;

	// --- what the callers got, and which task holds which call's devices
	const taskByTargets = new Map();
	for (const task of tasks) {
		const key = JSON.stringify(task.targets);
		taskByTargets.set(key, [...(taskByTargets.get(key) ?? []), task]);
	}
	const duplicates = [...taskByTargets.values()].reduce((n, same) => n + same.length - 1, 0);
	const callKeys = new Set(calls.map((c) => JSON.stringify(c.devices)));
	const orphans = tasks.filter((t) => !callKeys.has(JSON.stringify(t.targets))).length;
	const answered = calls.filter((c) => c.status === 201);
	const withTask = calls.filter((c) => taskByTargets.has(JSON.stringify(c.devices)));
	const lost = calls.length - withTask.length;
	if (duplicates)
		fail(`${duplicates} duplicate task(s): the same device list was created more than once`);
	if (orphans) fail(`${orphans} task(s) whose device list no call sent`);
	for (const call of answered) {
		const task = tasks.find((t) => t.task_id === call.json?.task_id);
		if (!task)
			fail(
				`call ${call.call}: answered 201 with task ${call.json?.task_id}, which IoTDA does not have`,
			);
		else if (!isDeepStrictEqual(task.targets, call.devices))
			fail(
				`call ${call.call}: task ${task.task_id} has targets ${JSON.stringify(task.targets)}, sent ${JSON.stringify(call.devices)}`,
			);
		if (call.json?.device_count !== call.devices.length)
			fail(
				`call ${call.call}: device_count ${call.json?.device_count}, sent ${call.devices.length}`,
			);
	}
	const failedCalls = calls.filter((c) => c.status !== 201);
	const failedWithTask = failedCalls.filter((c) => taskByTargets.has(JSON.stringify(c.devices)));
	if (failedWithTask.length)
		fail(
			`${failedWithTask.length} call(s) got an error answer although their task was created (calls ${failedWithTask
				.slice(0, 5)
				.map((c) => c.call)
				.join(', ')})`,
		);

	// --- execution records (Postgres) and which worker ran them (metadata, cross-checked with worker logs)
	const byStatus = {};
	for (const e of executions) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
	if (executions.length !== calls.length)
		fail(`${executions.length} execution record(s) for ${calls.length} webhook calls`);
	const perWorker = perProcess(executions);
	const logCounts = {};
	for (const e of executions) {
		const ranOn = logWorkers.get(e.id) ?? [];
		for (const w of ranOn) logCounts[w] = (logCounts[w] ?? 0) + 1;
		if (ranOn.length !== 1)
			fail(
				`execution ${e.id}: ${ranOn.length ? `started by ${ranOn.join(' and ')}` : 'in no worker log'}`,
			);
		else if (e.process && e.process !== ranOn[0])
			fail(`execution ${e.id}: metadata says ${e.process}, the logs say ${ranOn[0]}`);
	}
	for (const w of workers) if (!(logCounts[w] > 0)) fail(`${w} ran no execution`);
	const failedExecutions = executions.filter((e) => e.status !== 'success');
	const limitErrors = failedExecutions.filter((e) => e.errors.some((t) => LIMIT_TEXT.test(t)));

	// --- signatures and the unfinished-task limit
	if (requests.unauthorized)
		fail(`${requests.unauthorized} request(s) rejected with 401 (signature)`);
	if (requests.createsOther)
		fail(`${requests.createsOther} create request(s) failed for another reason than the limit`);
	if (requests.createsAccepted !== tasks.length)
		fail(`IoTDA accepted ${requests.createsAccepted} creates but holds ${tasks.length} tasks`);

	if (expect === 'everyCallCreatesItsTask') {
		if (answered.length !== calls.length) {
			const sample = failedCalls
				.slice(0, 3)
				.map((c) => `call ${c.call}: ${c.status} ${c.text.slice(0, 160)}`);
			fail(
				`${calls.length - answered.length} of ${calls.length} call(s) did not get 201 (${sample.join(' | ')})`,
			);
		}
		if (lost) fail(`${lost} call(s) produced no task (lost)`);
		if (tasks.length !== calls.length)
			fail(`tasks created ${tasks.length} ≠ webhook calls ${calls.length}`);
		if (failedExecutions.length) {
			const texts = [...new Set(failedExecutions.flatMap((e) => e.errors))].slice(0, 3);
			fail(
				`${failedExecutions.length} execution(s) not successful: ${JSON.stringify(byStatus)} ${texts.join(' | ')}`,
			);
		}
		for (const e of executions)
			if (!workers.includes(e.process))
				fail(`execution ${e.id}: recorded process ${e.process ?? '(none)'} is not a worker`);
	} else if (expect === 'limitGivesClearErrors') {
		// Every call is accounted for: its task, or a failed execution that names the limit.
		if (answered.length + failedCalls.length !== calls.length)
			fail('calls neither answered nor failed');
		if (lost !== failedCalls.length)
			fail(
				`${lost} call(s) without a task, but ${failedCalls.length} error answer(s): a silent drop`,
			);
		if (limitErrors.length !== failedCalls.length)
			fail(
				`${failedCalls.length} error answer(s), but ${limitErrors.length} execution(s) failed naming the unfinished-task limit`,
			);
		if (requests.createsRefusedByLimit !== failedCalls.length)
			fail(
				`IoTDA refused ${requests.createsRefusedByLimit} create(s) for the limit, ${failedCalls.length} call(s) failed`,
			);
		if (failedCalls.length === 0)
			fail('the unfinished-task limit was never reached: the phase did not test it');
		if (failedExecutions.length !== limitErrors.length)
			fail(
				`${failedExecutions.length - limitErrors.length} execution(s) failed for another reason than the limit`,
			);
	} else {
		throw new Error(`unknown expectation ${expect}`);
	}

	const latencies = calls.map((c) => c.ms).sort((a, b) => a - b);
	const sortedBy = (key) =>
		executions
			.map((e) => e[key])
			.filter((v) => typeof v === 'number')
			.sort((a, b) => a - b);
	const queued = sortedBy('queuedMs');
	const run = sortedBy('runMs');
	const seconds = facts.wallMs / 1000;
	return {
		failures,
		stats: {
			calls: calls.length,
			answered201: answered.length,
			errorAnswers: failedCalls.length,
			tasksCreated: tasks.length,
			duplicates,
			lost,
			orphans,
			executions: executions.length,
			executionsByStatus: byStatus,
			executionsPerWorker: perWorker,
			executionsPerWorkerFromLogs: logCounts,
			limitRefusals: requests.createsRefusedByLimit,
			limitErrorExecutions: limitErrors.length,
			sampleErrors: [...new Set(failedExecutions.flatMap((e) => e.errors))].slice(0, 3),
			unauthorized: requests.unauthorized,
			wallSeconds: Math.round(seconds * 100) / 100,
			cpu: facts.cpu,
			callsPerSecond: Math.round((calls.length / seconds) * 10) / 10,
			tasksPerMinute: Math.round((tasks.length / seconds) * 60),
			latencyMs: {
				p50: percentile(latencies, 50),
				p95: percentile(latencies, 95),
				max: latencies.at(-1) ?? 0,
			},
			// From the execution records: created → started by a worker, started → finished.
			queuedMs: { p50: percentile(queued, 50), p95: percentile(queued, 95) },
			runMs: { p50: percentile(run, 50), p95: percentile(run, 95) },
		},
	};
}
