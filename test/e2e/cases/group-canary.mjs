// Issue #21 in a real n8n: a canary on a device group stays a canary. Firmware Upgrade on Device Group IDs
// (a 50-device static group) with Staged Rollout Waves `10%, 100%`: n8n's output and the emulator must show
// wave 1 as a task of 5 devices and wave 2 as a task of the other 45, created only after wave 1 finished
// above the threshold — not one task for all 50.
import { N8nInstance } from '../../harness/n8n-instance.mjs';
import { check, checkEqual } from '../lib/check.mjs';
import { manualWorkflow } from '../lib/manual-workflow.mjs';

export const name =
	'group canary: waves 10%, 100% on a 50-device group → a 5-device task, then a 45-device task';

const WORKFLOW_ID = 'iotdaE2eGroupCanary1';
const NODE = 'Canary on group';

function canaryWorkflow(groupId, firmwarePackageId, { id = WORKFLOW_ID, extra = {} } = {}) {
	return manualWorkflow({
		id,
		name: 'IoTDA e2e: group canary',
		node: NODE,
		parameters: {
			resource: 'batchTask',
			operation: 'create',
			taskType: 'firmwareUpgrade',
			taskName: 'e2e_group_canary',
			targetSource: 'groupIds',
			groupIds: groupId,
			packageId: firmwarePackageId,
			options: {
				waitForCompletion: true,
				rolloutWaves: '10%, 100%',
				successThreshold: 95,
				pollInterval: 1,
				maxWait: 10,
			},
			...extra,
		},
	});
}

export async function run({ n8n, emulator, firmwarePackageId }) {
	await emulator.reset();
	const ak = emulator.accounts?.basic?.ak;
	const group = await emulator.admin('POST', 'groups', {
		name: 'E2eCanary50',
		device_count: 50,
		device_prefix: 'canary',
		...(ak ? { ak } : {}),
	});
	await n8n.importWorkflows([canaryWorkflow(group.group_id, firmwarePackageId)]);

	const result = await n8n.execute(WORKFLOW_ID);
	check(result.ok, `workflow failed: ${result.error} (log ${result.logFile})`);
	const [out] = N8nInstance.nodeOutput(result.run, NODE);
	const rollout = out?.rollout;
	check(rollout, `no rollout in n8n output: ${JSON.stringify(out)}`);
	checkEqual(rollout.status, 'completed', 'rollout status in n8n output');
	checkEqual(
		[rollout.targets_from, rollout.groups],
		['device groups', [{ group_id: group.group_id, device_count: 50 }]],
		'targets from the group, with its device count',
	);
	checkEqual(
		rollout.waves.map((w) => [w.task_name, w.device_count, w.status]),
		[
			['e2e_group_canary_w1', 5, 'Success'],
			['e2e_group_canary_w2', 45, 'Success'],
		],
		'waves in n8n output',
	);

	const { tasks } = await emulator.state();
	checkEqual(
		tasks.map((t) => [t.task_name, t.targets]).sort(),
		[
			['e2e_group_canary_w1', 5],
			['e2e_group_canary_w2', 45],
		],
		'tasks stored in the emulator (name, devices)',
	);
	const log = await emulator.requestLog(5000);
	const entries = Array.isArray(log) ? log : log.entries;
	const w1 = rollout.waves[0].task_id;
	const lastW1Poll =
		entries
			.map((e, i) => (e.method === 'GET' && e.path.endsWith(`/batchtasks/${w1}`) ? i : -1))
			.filter((i) => i >= 0)
			.pop() ?? -1;
	const w2Create = entries.findIndex(
		(e) => e.method === 'POST' && e.taskName === 'e2e_group_canary_w2',
	);
	check(
		lastW1Poll >= 0 && w2Create > lastW1Poll,
		`wave 2 created (log #${w2Create}) before the node saw wave 1 finish (log #${lastW1Poll})`,
	);
	check(
		!entries.some((e) => e.method === 'POST' && e.taskName === 'e2e_group_canary'),
		'an unstaged task for the whole group was created',
	);

	// The same canary imported with "One Task per Item" (which the form marks "Not used here"): n8n keeps the
	// option (nothing hidden is stripped) and the node refuses it — no task at all, rather than full rollouts.
	await n8n.importWorkflows([
		canaryWorkflow(group.group_id, firmwarePackageId, {
			id: 'iotdaE2eGroupCanary2',
			extra: { batchMode: 'perItem' },
		}),
	]);
	const before = (await emulator.state()).tasks.length;
	const refused = await n8n.execute('iotdaE2eGroupCanary2');
	check(!refused.ok, 'the per-item canary ran instead of being refused');
	check(
		/Staged Rollout Waves needs Batch Mode "One Task for All Items"/.test(
			`${refused.error} ${refused.output ?? ''}`,
		),
		`refusal does not name both settings: ${refused.error}`,
	);
	checkEqual(
		(await emulator.state()).tasks.length,
		before,
		'tasks after the refused per-item canary',
	);

	return `group ${group.group_id}: wave 1 ${rollout.waves[0].task_id} (5 devices, ${rollout.waves[0].success_rate}%), then wave 2 (45 devices); n8n execute ${(result.durationMs / 1000).toFixed(1)}s`;
}
