// 100,000 devices from a file → 4 tasks (30,000 + 30,000 + 30,000 + 10,000), one run of the example.
import path from 'node:path';
import { writeDeviceSheet } from '../../harness/device-sheet.mjs';
import { N8nInstance } from '../../harness/n8n-instance.mjs';
import { check, checkEqual } from '../lib/check.mjs';
import { CREATE_NODE, SUMMARY_NODE, rolloutWorkflow } from '../lib/rollout-workflow.mjs';

const COUNT = 100_000;

export const name =
	'rollout example with 100,000 devices from an xlsx file → 4 tasks in the emulator';

export async function run({ n8n, emulator, firmwarePackageId, runtime }) {
	await emulator.reset();
	const ids = Array.from({ length: COUNT }, (_, i) => `bulk-${String(i + 1).padStart(6, '0')}`);
	const devicesFile = writeDeviceSheet(
		runtime,
		path.join(n8n.filesDir, 'e2e-100k-devices.xlsx'),
		ids,
	);
	await n8n.importWorkflows([
		rolloutWorkflow({ id: 'iotdaE2eBulk0001', devicesFile, firmwarePackageId }),
	]);

	const result = await n8n.execute('iotdaE2eBulk0001');
	check(result.ok, `workflow failed: ${result.error} (log ${result.logFile})`);
	const created = N8nInstance.nodeOutput(result.run, CREATE_NODE);
	checkEqual(
		created.map((t) => t.device_count),
		[30000, 30000, 30000, 10000],
		'device_count per created task',
	);
	const [summary] = N8nInstance.nodeOutput(result.run, SUMMARY_NODE);
	checkEqual(
		[summary.taskCount, summary.deviceCount],
		[4, COUNT],
		`"${SUMMARY_NODE}" taskCount/deviceCount`,
	);

	const { tasks } = await emulator.state();
	checkEqual(tasks.length, 4, 'tasks stored in the emulator');
	checkEqual(
		tasks.map((t) => t.task_id).sort(),
		created.map((t) => t.task_id).sort(),
		'stored task ids = task ids n8n output',
	);
	checkEqual(
		tasks.reduce((sum, t) => sum + t.targets, 0),
		COUNT,
		'targets stored in total',
	);
	check(
		new Set(tasks.map((t) => t.task_name)).size === 4,
		`task names are not distinct: ${tasks.map((t) => t.task_name)}`,
	);
	return `4 tasks, ${COUNT} targets (n8n execute ${(result.durationMs / 1000).toFixed(1)}s)`;
}
