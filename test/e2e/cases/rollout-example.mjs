// The scheduled-rollout example as imported by the demo: 120 devices from a sheet → one
// firmwareUpgrade task; checks n8n's output, the task the emulator stores and how it ends.
import path from 'node:path';
import { demoDeviceIds, writeDeviceSheet } from '../../harness/device-sheet.mjs';
import { N8nInstance } from '../../harness/n8n-instance.mjs';
import { waitForTasks } from '../../harness/rollout-report.mjs';
import { check, checkEqual } from '../lib/check.mjs';
import { CREATE_NODE, SUMMARY_NODE, rolloutWorkflow } from '../lib/rollout-workflow.mjs';

const OFFLINE = ['dev-0013', 'dev-0077'];

export const name =
	'rollout example: 120 devices from an xlsx sheet → one firmwareUpgrade task in the emulator';

export async function run({ n8n, emulator, client, firmwarePackageId, runtime }) {
	await emulator.reset();
	await emulator.configure({ failTargets: OFFLINE });
	const devicesFile = writeDeviceSheet(
		runtime,
		path.join(n8n.filesDir, 'e2e-120-devices.xlsx'),
		demoDeviceIds(1, 120),
	);
	await n8n.importWorkflows([
		rolloutWorkflow({ id: 'iotdaE2eRollout1', devicesFile, firmwarePackageId }),
	]);

	const result = await n8n.execute('iotdaE2eRollout1');
	check(result.ok, `workflow failed: ${result.error} (log ${result.logFile})`);
	const created = N8nInstance.nodeOutput(result.run, CREATE_NODE);
	checkEqual(created.length, 1, `items out of "${CREATE_NODE}"`);
	const [task] = created;
	check(
		typeof task.task_id === 'string' && task.task_id.length > 0,
		`no task_id in ${JSON.stringify(task)}`,
	);
	checkEqual(task.device_count, 120, 'device_count in n8n output');
	// The example waits for completion: n8n's own output already holds the outcome, per device.
	checkEqual(task.status, 'PartialSuccess', 'task status in n8n output (Wait for Completion)');
	checkEqual(task.wait?.outcome, 'finished', 'wait outcome in n8n output');
	checkEqual(task.devices.succeeded.length, 118, 'devices.succeeded in n8n output');
	checkEqual(
		task.devices.failed.map((d) => d.device_id).sort(),
		OFFLINE,
		'devices.failed in n8n output',
	);
	const [summary] = N8nInstance.nodeOutput(result.run, SUMMARY_NODE);
	checkEqual(
		[summary.taskCount, summary.deviceCount],
		[1, 120],
		`"${SUMMARY_NODE}" taskCount/deviceCount`,
	);
	checkEqual(summary.statuses, ['PartialSuccess'], `"${SUMMARY_NODE}" statuses`);
	checkEqual(summary.failedDevices.length, 2, `"${SUMMARY_NODE}" failedDevices`);

	const { tasks } = await emulator.state();
	checkEqual(tasks.length, 1, 'tasks stored in the emulator');
	checkEqual(
		[tasks[0].task_id, tasks[0].task_type, tasks[0].targets, tasks[0].task_name],
		[task.task_id, 'firmwareUpgrade', 120, task.task_name],
		'stored task (id, type, targets, name)',
	);
	const shown = await client.showBatchTask(task.task_id);
	const stored = shown.batchtask ?? shown;
	check(
		JSON.stringify(stored.document ?? {}).includes(firmwarePackageId),
		`stored document ${JSON.stringify(stored.document)} lacks package ${firmwarePackageId}`,
	);
	checkEqual(stored.task_policy?.retry_count, 3, 'stored retry_count');

	const [final] = await waitForTasks(client, [task.task_id], { timeoutMs: 60000 });
	checkEqual(final.task.status, 'PartialSuccess', 'final task status');
	checkEqual(
		[final.task.task_progress.success, final.task.task_progress.fail],
		[118, 2],
		'final success/fail',
	);
	checkEqual(final.failures.map((d) => d.target).sort(), OFFLINE, 'failed devices');
	return `task ${task.task_id}: ${final.task.status} (waited in n8n: ${task.wait.status_requests} status requests), 118 ok, 2 offline failed (n8n execute ${(result.durationMs / 1000).toFixed(1)}s)`;
}
