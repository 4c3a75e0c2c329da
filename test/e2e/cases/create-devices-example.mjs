// The create-devices example: 25 rows → Convert to File (xlsx) → Upload Task File → Create Batch
// Task (createDevices) with the uploaded file; checks n8n's output and the file + task the emulator holds.
import { N8nInstance } from '../../harness/n8n-instance.mjs';
import { check, checkEqual } from '../lib/check.mjs';

const WORKFLOW_ID = 'iotdaExCreateDev1';

export const name =
	'create-devices example: rows → xlsx → Upload Task File → createDevices task from the file';

export async function run({ n8n, emulator }) {
	await emulator.reset();
	const result = await n8n.execute(WORKFLOW_ID);
	check(result.ok, `workflow failed: ${result.error} (log ${result.logFile})`);
	const [uploaded] = N8nInstance.nodeOutput(result.run, 'Upload Task File');
	check(
		typeof uploaded?.file_id === 'string' && uploaded.file_id,
		`no file_id out of "Upload Task File": ${JSON.stringify(uploaded)}`,
	);
	check(
		/^BatchCreateDevices_\d{8}_\d{6}\.xlsx$/.test(uploaded.file_name ?? ''),
		`uploaded file name ${uploaded.file_name}`,
	);
	const created = N8nInstance.nodeOutput(result.run, 'Create Devices Task');
	checkEqual(created.length, 1, 'items out of "Create Devices Task"');

	const state = await emulator.state();
	checkEqual(
		state.accounts.find((a) => a.name === 'basic')?.files,
		1,
		'task files stored in the emulator',
	);
	checkEqual(
		state.tasks.map((t) => [t.task_id, t.task_type, t.targets]),
		[[created[0].task_id, 'createDevices', 25]],
		'stored tasks (id, type, rows of the file)',
	);
	// IoTDA's Task model has no document_source (audit row 21), so the emulator's admin view is asked instead.
	checkEqual(
		state.tasks[0].document_source,
		uploaded.file_id,
		'document_source of the stored task',
	);
	return `file ${uploaded.file_name} → task ${created[0].task_id} with 25 rows`;
}
