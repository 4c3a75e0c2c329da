// The webhook example (examples/webhook-switch-off-devices.json) as the queue test runs it: its own
// id and webhook path, the test credential, and one node added after the trigger — an Execution Data
// node that saves which n8n process ran the execution ({{ $env.IOTDA_QUEUE_PROCESS }}) into the
// execution's metadata (Postgres table execution_metadata). It passes its input through unchanged, so
// the example's own nodes and expressions run as shipped. Optionally with n8n's Retry On Fail on the
// IoTDA node (how a user makes executions wait for a free slot under IoTDA's unfinished-task limit).
import { randomUUID } from 'node:crypto';
import { loadExample, nodeNamed, withCredential } from '../../harness/examples.mjs';

export const WEBHOOK_EXAMPLE = 'webhook-switch-off-devices.json';
export const TRIGGER_NODE = 'POST Device IDs';
export const CREATE_NODE = 'Create Command Task';
export const RECORD_NODE = 'Record n8n Process';
export const PROCESS_METADATA_KEY = 'n8n_process';

export function queueWorkflow({ id, path, retryOnFail }) {
	const workflow = withCredential(loadExample(WEBHOOK_EXAMPLE));
	workflow.id = id;
	workflow.name = `${workflow.name} (queue test ${id})`;
	const trigger = nodeNamed(workflow, TRIGGER_NODE);
	trigger.parameters.path = path;
	trigger.webhookId = randomUUID();
	const create = nodeNamed(workflow, CREATE_NODE);
	if (retryOnFail)
		Object.assign(create, {
			retryOnFail: true,
			maxTries: retryOnFail.maxTries,
			waitBetweenTries: retryOnFail.waitMs,
		});
	return withProcessRecord(workflow, TRIGGER_NODE);
}

/**
 * Inserts the Execution Data node that saves which n8n process ran the execution right after the trigger
 * (it passes its input through unchanged). Changes and returns `workflow`.
 */
export function withProcessRecord(workflow, triggerName) {
	const trigger = nodeNamed(workflow, triggerName);
	const [x, y] = trigger.position;
	workflow.nodes.push({
		id: randomUUID(),
		name: RECORD_NODE,
		type: 'n8n-nodes-base.executionData',
		typeVersion: 1.1,
		position: [x + 120, y + 200],
		parameters: {
			dataToSave: {
				values: [{ key: PROCESS_METADATA_KEY, value: '={{ $env.IOTDA_QUEUE_PROCESS }}' }],
			},
		},
	});
	const next = workflow.connections[triggerName];
	workflow.connections[triggerName] = { main: [[{ node: RECORD_NODE, type: 'main', index: 0 }]] };
	workflow.connections[RECORD_NODE] = next;
	return workflow;
}
