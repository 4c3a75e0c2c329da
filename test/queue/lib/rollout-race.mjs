// The rollout race of the queue test: one workflow — Webhook → Record n8n Process → Rollout → Advance —
// called N times at once for ONE rollout over an emulator fleet, so Advance runs on both workers race to
// create wave 1 (issue #27 "Queue mode: 20 Advance runs at once → one wave"). The emulator clock runs at
// real speed here: the 60 s between a wave's creation and its start (the engine's START_GUARD_MS) are real
// seconds, and every twin a race creates must be stopped inside them. Then the clock is moved past every
// start, so the sub-task log shows which sub-tasks ever started. Judged by verify-rollout-race.mjs.
import { randomUUID } from 'node:crypto';
import { CREDENTIAL_TYPE, DEMO_CREDENTIAL } from '../../harness/examples.mjs';
import { packageName } from '../../harness/package-under-test.mjs';
import {
	executionsInWorkerLogs,
	lastExecutionId,
	waitForExecutions,
} from './execution-records.mjs';
import { fireWebhooks, waitForWebhook } from './fire-webhooks.mjs';
import { requestLog, tasksWithTargets } from './iotda-tasks.mjs';
import { WORKER_NAMES } from './queue-cluster.mjs';
import { withProcessRecord } from './queue-workflow.mjs';
import { summariseRequests } from './verify-phase.mjs';

const TRIGGER = 'POST Advance';
/** 20 devices, plan "20%, 100%": wave 1 takes 4 of them. */
export const RACE_FLEET = { devices: 20, wavePlan: '20%, 100%', firstWave: 4 };
const TARGET_VERSION = 'V1.2.0';

/** Webhook (answers with the Advance output) → Record n8n Process → Rollout → Advance. */
export function rolloutRaceWorkflow({ id, path }) {
	const workflow = {
		id,
		name: `Rollout Advance race (queue test ${id})`,
		nodes: [
			{
				id: randomUUID(),
				name: TRIGGER,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Advance Rollout',
				type: `${packageName}.huaweiCloudIotda`,
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'rollout',
					operation: 'advance',
					rolloutName: '={{ $json.body.rollout }}',
					taskType: 'firmwareUpgrade',
					packageIds: '={{ $json.body.package_id }}',
					targetVersion: TARGET_VERSION,
					wavePlan: RACE_FLEET.wavePlan,
					soakHours: 1,
					thresholdPercent: 95,
					targetSource: 'deviceIds',
					deviceIds: '={{ $json.body.device_ids.join(",") }}',
					requestOptions: {},
				},
				credentials: { [CREDENTIAL_TYPE]: { ...DEMO_CREDENTIAL } },
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: 'Advance Rollout', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
	return withProcessRecord(workflow, TRIGGER);
}

/** A fresh fleet on V1.0.0 and the package to V1.2.0 of its product; returns the webhook body. */
async function prepareRollout(cluster, round) {
	await cluster.emulator.reset();
	await cluster.emulator.configure({ speed: 1, maxUnfinishedPerSpace: 10 });
	const { devices } = await cluster.emulator.admin('POST', 'devices', {
		count: RACE_FLEET.devices,
		prefix: `qroll${round}`,
		fw_versions: ['V1.0.0'],
	});
	const { packages } = await cluster.client.listOtaPackages('firmwarePackage');
	const pkg = packages.find(
		(p) => p.version === TARGET_VERSION && p.product_id === devices[0].product_id,
	);
	if (!pkg) throw new Error(`the emulator has no ${TARGET_VERSION} firmware package`);
	return {
		rollout: `queue_race_${round}`,
		package_id: pkg.package_id,
		device_ids: devices.map((d) => d.device_id),
	};
}

/** Fires `calls` Advance calls at once and collects what verifyRolloutRace needs. */
export async function collectRolloutRace(cluster, { workflow, url, calls, round }) {
	const body = await prepareRollout(cluster, round);
	await waitForWebhook(url);
	const afterId = await lastExecutionId(cluster.postgres);
	const fired = await fireWebhooks({ url, count: calls, body, timeoutMs: 60000 });
	const executions = await waitForExecutions(cluster.postgres, workflow.id, afterId, calls);
	const requests = await requestLog(cluster.emulator);
	// Past every wave-1 task's start (60 s after its creation): a twin not stopped in time has started by now.
	await cluster.emulator.configure({ advanceMs: 120000 });
	const { sub_tasks: subTasks } = await cluster.emulator.admin('GET', 'sub-task-log');
	return {
		rollout: body.rollout,
		fleet: body.device_ids,
		firstWave: RACE_FLEET.firstWave,
		calls: fired.calls,
		wallMs: fired.wallMs,
		tasks: await tasksWithTargets(cluster.emulator, cluster.client),
		subTasks,
		requests: summariseRequests(requests),
		raceWindowMs: raceWindow(requests),
		executions,
		logWorkers: executionsInWorkerLogs(cluster.workerLogs()),
		workers: WORKER_NAMES,
	};
}

/** Real ms from the first accepted create to the last accepted stop (0 without a stop). */
function raceWindow(entries) {
	const at = (e) => Date.parse(e.time);
	const creates = entries.filter((e) => e.method === 'POST' && /\/batchtasks$/.test(e.path));
	const stops = entries.filter((e) => e.method === 'POST' && /\/stop$/.test(e.path));
	const first = creates.filter((e) => e.status === 201).map(at);
	const last = stops.filter((e) => e.status === 200).map(at);
	return first.length && last.length ? Math.max(...last) - Math.min(...first) : 0;
}
