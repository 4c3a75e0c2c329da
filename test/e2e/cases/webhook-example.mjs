// The webhook example on a running `n8n start`: POST device ids over HTTP → a createCommands task
// in the emulator → the task id in the HTTP response. Also checks n8n lists our node and credential.
import { packageName } from '../../harness/package-under-test.mjs';
import { check, checkEqual } from '../lib/check.mjs';

const WORKFLOW_ID = 'iotdaExWebhook01';
const DEVICES = ['dev-0001', 'dev-0002', 'dev-0003', 'dev-0004', 'dev-0005'];

export const name =
	'webhook example over HTTP on n8n start → createCommands task, task id in the response';

export async function run({ n8n, emulator, client }) {
	await emulator.reset();
	const nodes = await n8n.getJson('/types/nodes.json');
	check(
		nodes.some((n) => n.name === `${packageName}.huaweiCloudIotda`),
		'n8n does not list our node type',
	);
	const credentials = await n8n.getJson('/types/credentials.json');
	check(
		credentials.some((c) => c.name === 'huaweiCloudIotdaApi'),
		'n8n does not list our credential type',
	);

	await n8n.activateWorkflow(WORKFLOW_ID);
	const { res, text } = await n8n.postWebhook('iotda-switch-devices', {
		device_ids: DEVICES,
		value: 'OFF',
	});
	checkEqual(res.status, 201, `webhook HTTP status (body ${text.slice(0, 300)})`);
	const answer = JSON.parse(text);
	check(
		typeof answer.task_id === 'string' && answer.task_id.length > 0,
		`no task_id in the webhook answer ${text}`,
	);
	checkEqual(answer.device_count, DEVICES.length, 'device_count in the webhook answer');

	const { tasks } = await emulator.state();
	checkEqual(
		tasks.map((t) => [t.task_id, t.task_type, t.targets]),
		[[answer.task_id, 'createCommands', DEVICES.length]],
		'stored tasks',
	);
	const shown = await client.showBatchTask(answer.task_id);
	const stored = shown.batchtask ?? shown;
	checkEqual(
		[stored.document?.service_id, stored.document?.command_name, stored.document?.paras],
		['Switch', 'ON_OFF', { value: 'OFF' }],
		'stored command document',
	);
	return `HTTP 201 with task ${answer.task_id} (${answer.task_name})`;
}
