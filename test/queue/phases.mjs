// The batches the queue test fires, each judged by lib/verify-phase.mjs:
//   scale     N calls at once on the example (+ Retry On Fail), tasks finish fast → every call its task
//   limit     tasks never finish → the 11th create onwards is refused; the example as shipped fails
//             those executions with IoTDA's limit message (never a silent drop)
//   retry     tasks take ~1 s → refused creates wait and retry (Retry On Fail) until all are created
//   rollout   N Rollout → Advance calls at once for one rollout → one wave 1, every twin stopped unstarted
//             (lib/rollout-race.mjs, judged by lib/verify-rollout-race.mjs)
//   negative  worker-2 restarted without our package → the same checks as "scale" must FAIL
import { startCpuWindow } from './lib/cpu-usage.mjs';
import {
	executionsInWorkerLogs,
	lastExecutionId,
	waitForExecutions,
} from './lib/execution-records.mjs';
import { fireWebhooks, waitForWebhook } from './lib/fire-webhooks.mjs';
import { requestLog, tasksWithTargets } from './lib/iotda-tasks.mjs';
import { WORKER_NAMES } from './lib/queue-cluster.mjs';
import { queueWorkflow } from './lib/queue-workflow.mjs';
import { collectRolloutRace, rolloutRaceWorkflow } from './lib/rollout-race.mjs';
import { summariseRequests, verifyPhase } from './lib/verify-phase.mjs';
import { verifyRolloutRace } from './lib/verify-rollout-race.mjs';

export const WORKFLOWS = {
	scale: queueWorkflow({
		id: 'iotdaQueueScale1',
		path: 'iotda-queue-scale',
		retryOnFail: { maxTries: 5, waitMs: 1000 },
	}),
	limit: queueWorkflow({ id: 'iotdaQueueLimit1', path: 'iotda-queue-limit' }),
	retry: queueWorkflow({
		id: 'iotdaQueueRetry1',
		path: 'iotda-queue-retry',
		retryOnFail: { maxTries: 5, waitMs: 2000 },
	}),
	rollout: rolloutRaceWorkflow({ id: 'iotdaQueueRoll01', path: 'iotda-queue-rollout' }),
};

function webhookUrl(cluster, workflow) {
	const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	return `${cluster.main.baseUrl}/webhook/${trigger.parameters.path}`;
}

/** Fires one batch on a clean emulator and collects every fact verifyPhase needs. */
async function fireAndCollect(
	cluster,
	{ workflow, count, tag, emulatorConfig, timeoutMs = 60000 },
) {
	await cluster.emulator.reset();
	await cluster.emulator.configure({ maxUnfinishedPerSpace: 10, ...emulatorConfig });
	const url = webhookUrl(cluster, workflow);
	await waitForWebhook(url);
	const afterId = await lastExecutionId(cluster.postgres);
	const stopCpu = startCpuWindow(cluster.pids());
	const { calls, wallMs } = await fireWebhooks({ url, count, tag, timeoutMs });
	const cpu = stopCpu();
	const executions = await waitForExecutions(cluster.postgres, workflow.id, afterId, count);
	const requests = summariseRequests(await requestLog(cluster.emulator));
	const tasks = await tasksWithTargets(cluster.emulator, cluster.client);
	return {
		calls,
		wallMs,
		cpu,
		tasks,
		requests,
		executions,
		logWorkers: executionsInWorkerLogs(cluster.workerLogs()),
		workers: WORKER_NAMES,
	};
}

export async function scalePhase(cluster, { calls }) {
	const facts = await fireAndCollect(cluster, {
		workflow: WORKFLOWS.scale,
		count: calls,
		tag: 'scale',
		emulatorConfig: { speed: 600 },
		timeoutMs: 180000,
	});
	return verifyPhase(facts, 'everyCallCreatesItsTask');
}

export async function limitPhase(cluster) {
	// speed 0.001: a task needs 5 s of emulated time = 83 min of real time → none finishes.
	const facts = await fireAndCollect(cluster, {
		workflow: WORKFLOWS.limit,
		count: 25,
		tag: 'limit',
		emulatorConfig: { speed: 0.001 },
	});
	const result = verifyPhase(facts, 'limitGivesClearErrors');
	if (result.stats.tasksCreated !== 10)
		result.failures.push(
			`expected exactly 10 tasks under the limit, IoTDA holds ${result.stats.tasksCreated}`,
		);
	return result;
}

export async function retryPhase(cluster) {
	// speed 5: a task is done after ~1 s real; 30 calls need three rounds of 10 slots.
	const facts = await fireAndCollect(cluster, {
		workflow: WORKFLOWS.retry,
		count: 30,
		tag: 'retry',
		emulatorConfig: { speed: 5 },
	});
	const result = verifyPhase(facts, 'everyCallCreatesItsTask');
	if (result.stats.limitRefusals === 0)
		result.failures.push('no create was refused for the limit: the retry path was not exercised');
	return result;
}

/** `calls` Rollout → Advance runs at once for one rollout (a fresh fleet per round): one wave 1. */
export async function rolloutRacePhase(cluster, { calls, round }) {
	const workflow = WORKFLOWS.rollout;
	const url = webhookUrl(cluster, workflow);
	return verifyRolloutRace(await collectRolloutRace(cluster, { workflow, url, calls, round }));
}

/** Worker-2 without our package: the scale checks must report it. Returns {detected, reasons, result}. */
export async function negativePhase(cluster, { calls }) {
	await cluster.restartWorkerWithoutPackage('worker-2');
	const facts = await fireAndCollect(cluster, {
		workflow: WORKFLOWS.scale,
		count: calls,
		tag: 'negative',
		emulatorConfig: { speed: 600 },
	});
	const result = verifyPhase(facts, 'everyCallCreatesItsTask');
	const onWorker2 = facts.executions.filter((e) => facts.logWorkers.get(e.id)?.[0] === 'worker-2');
	const failedOnWorker2 = onWorker2.filter((e) => e.status !== 'success');
	const reasons = [...new Set(failedOnWorker2.flatMap((e) => e.errors))];
	const detected =
		result.failures.length > 0 &&
		onWorker2.length > 0 &&
		failedOnWorker2.length === onWorker2.length &&
		facts.executions
			.filter((e) => facts.logWorkers.get(e.id)?.[0] === 'worker-1')
			.every((e) => e.status === 'success');
	return {
		detected,
		reasons,
		onWorker2: onWorker2.length,
		failedOnWorker2: failedOnWorker2.length,
		result,
	};
}
