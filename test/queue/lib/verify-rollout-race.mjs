// Judges one rollout race (rollout-race.mjs): N Advance runs at once on both workers made ONE wave 1. Pure:
// takes the collected facts, returns {failures: [text], stats}. verify-rollout-race.selfcheck.mjs shows that
// each check can fail.
const ENDED_BY_STOP = ['Stopped', 'Stopping'];

function countBy(values) {
	const counts = {};
	for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
	return counts;
}

/** The executions: one per call, all successful, each started by exactly one worker, both workers used. */
function checkExecutions(facts, fail) {
	const { calls, executions, logWorkers, workers } = facts;
	if (executions.length !== calls.length)
		fail(`${executions.length} execution record(s) for ${calls.length} webhook calls`);
	const ranOn = executions.map((e) => logWorkers.get(e.id) ?? []);
	executions.forEach((e, i) => {
		if (e.status !== 'success') fail(`execution ${e.id}: ${e.status} ${e.errors.join(' | ')}`);
		if (ranOn[i].length !== 1) fail(`execution ${e.id}: started by [${ranOn[i].join(', ')}]`);
	});
	const perWorker = countBy(ranOn.flat());
	for (const w of workers) if (!(perWorker[w] > 0)) fail(`${w} ran no execution`);
	return perWorker;
}

/** IoTDA's tasks and sub-tasks: one live wave 1 of the planned devices, every twin stopped unstarted. */
function checkIotda(facts, fail) {
	const { tasks, subTasks, rollout, fleet, firstWave, requests } = facts;
	const wave1 = tasks.filter((t) => t.task_name === `${rollout}_w1`);
	const others = tasks.filter((t) => t.task_name !== `${rollout}_w1`);
	if (others.length) fail(`tasks other than wave 1: ${others.map((t) => t.task_name).join(', ')}`);
	const live = wave1.filter((t) => !ENDED_BY_STOP.includes(t.status));
	if (live.length !== 1)
		fail(`${live.length} wave-1 task(s) not stopped (${live.map((t) => t.task_id).join(', ')})`);
	const kept = live[0];
	if (kept && kept.targets.length !== firstWave)
		fail(`the wave-1 task has ${kept.targets.length} devices, the plan says ${firstWave}`);
	const twins = wave1.filter((t) => t !== kept);
	const started = subTasks.filter((s) => s.started);
	for (const twin of twins) {
		const early = started.filter((s) => s.task_id === twin.task_id).length;
		if (early) fail(`twin ${twin.task_id}: ${early} sub-task(s) started before it was stopped`);
	}
	const perDevice = countBy(started.map((s) => s.target));
	const wrong = fleet.filter((id) => (perDevice[id] ?? 0) !== (kept?.targets.includes(id) ? 1 : 0));
	if (wrong.length)
		fail(
			`devices whose started sub-tasks are not 1 (in wave 1) or 0 (not): ${wrong
				.slice(0, 5)
				.map((id) => `${id}: ${perDevice[id] ?? 0}`)
				.join(', ')}`,
		);
	if (requests.unauthorized) fail(`${requests.unauthorized} request(s) rejected with 401`);
	if (requests.createsAccepted !== wave1.length)
		fail(`IoTDA accepted ${requests.createsAccepted} creates but holds ${wave1.length} tasks`);
	if (requests.createsOther)
		fail(`${requests.createsOther} create(s) refused for another reason than the limit`);
	return { kept, twins };
}

/** n8n's outputs (the webhook answers): one created_wave naming the kept task, every twin reported. */
function checkOutputs(facts, { kept, twins }, fail) {
	const outputs = facts.calls.map((c) => (c.status === 200 ? c.json : undefined));
	const missing = facts.calls.filter((c, i) => !outputs[i]?.decision);
	if (missing.length)
		fail(
			`${missing.length} call(s) without an Advance output, e.g. ${missing[0].status} ${missing[0].text}`,
		);
	const answered = outputs.filter(Boolean);
	const created = answered.filter((o) => o.decision === 'created_wave');
	if (created.length !== 1 || created[0].created_task_ids?.[0] !== kept?.task_id)
		fail(
			`created_wave outputs ${JSON.stringify(created.map((o) => o.created_task_ids))}, kept task ${kept?.task_id}`,
		);
	const others = answered.filter((o) => !['created_wave', 'waiting'].includes(o.decision));
	if (others.length)
		fail(`decisions other than created_wave/waiting: ${others.map((o) => o.decision)}`);
	const reported = (key) => answered.flatMap((o) => o[key] ?? []);
	const createdIds = reported('created_task_ids');
	for (const t of [kept, ...twins].filter(Boolean))
		if (createdIds.filter((id) => id === t.task_id).length !== 1)
			fail(
				`task ${t.task_id}: reported created by ${createdIds.filter((id) => id === t.task_id).length} outputs`,
			);
	const stoppedIds = reported('stopped_task_ids');
	for (const twin of twins)
		if (stoppedIds.filter((id) => id === twin.task_id).length !== 1)
			fail(
				`twin ${twin.task_id}: reported stopped by ${stoppedIds.filter((id) => id === twin.task_id).length} outputs`,
			);
	const racesStopped = answered.reduce((n, o) => n + Number(o.races_stopped ?? 0), 0);
	if (racesStopped !== twins.length)
		fail(`races_stopped adds up to ${racesStopped}, ${twins.length} twin(s) were created`);
	return countBy(answered.map((o) => o.decision));
}

/**
 * facts: {rollout, fleet: [deviceId], firstWave, calls: [{status, json, text}], tasks: [{task_id, task_name,
 * status, targets}], subTasks: [{task_id, target, started}], requests (summariseRequests), raceWindowMs,
 * executions, logWorkers, workers, wallMs}
 */
export function verifyRolloutRace(facts) {
	const failures = [];
	const fail = (text) => failures.push(text);
	const perWorker = checkExecutions(facts, fail);
	const iotda = checkIotda(facts, fail);
	const decisions = checkOutputs(facts, iotda, fail);
	return {
		failures,
		stats: {
			calls: facts.calls.length,
			perWorker,
			decisions,
			tasksCreated: iotda.twins.length + (iotda.kept ? 1 : 0),
			twinsStopped: iotda.twins.length,
			createsRefusedByLimit: facts.requests.createsRefusedByLimit,
			raceWindowMs: facts.raceWindowMs,
			wallSeconds: Math.round(facts.wallMs / 100) / 10,
		},
	};
}
