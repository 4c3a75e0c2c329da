// The AI Agent example on a running `n8n start`: a chat message goes to n8n's AI Agent, whose OpenAI Chat Model
// talks to a scripted OpenAI-compatible server on 127.0.0.1 (lib/fake-openai.mjs). Its first turn calls our node
// as a tool (HuaweiCloudIotdaTool, parameters from $fromAI()) with the device IDs as JSON text, as models send
// them; its second turn quotes the tool result. Checks: one task in the emulator with exactly those devices, the
// task ID in the agent's answer, what the model was told about the tool, and that a bad argument comes back to
// the model as a readable error in the tool message (the chat still gets an answer, n8n does not crash).
import {
	CREDENTIAL_TYPE,
	DEMO_CREDENTIAL,
	loadExample,
	nodeNamed,
	withCredential,
} from '../../harness/examples.mjs';
import { check, checkEqual } from '../lib/check.mjs';
import { FakeOpenAi, messageText } from '../lib/fake-openai.mjs';

export const EXAMPLE = 'ai-agent-create-command-task.json';
const DEVICES = ['dev-0001', 'dev-0002'];
const GOOD_ARGUMENTS = {
	taskName: 'switch_off_by_agent',
	deviceIds: JSON.stringify(DEVICES),
	value: 'OFF',
};
const BAD_ARGUMENTS = { taskName: 'switch_off_bad_ids', deviceIds: '["dev#0001"]', value: 'OFF' };

export const name =
	'AI Agent example: chat → model → our node as a tool → task in the emulator, task id in the answer';

function scriptedModel() {
	return new FakeOpenAi({
		// The chat message says which scenario to play.
		firstTurn: (request) => {
			const userText = messageText(request.messages.filter((m) => m.role === 'user').pop());
			return userText.includes('BAD') ? BAD_ARGUMENTS : GOOD_ARGUMENTS;
		},
		finalTurn: (toolText) => {
			const taskId = /"task_id"\s*:\s*"([^"]+)"/.exec(toolText)?.[1];
			return taskId
				? `Done: task ${taskId} switches the devices off.`
				: `The task could not be created: ${toolText}`;
		},
	});
}

/** Before `n8n start`: the model server, its credential and the example with a public chat webhook. */
export async function prepare(context) {
	const model = await scriptedModel().start();
	context.fakeOpenAi = model;
	const workflow = withCredential(loadExample(EXAMPLE));
	const trigger = nodeNamed(workflow, 'When chat message received');
	// The example's chat is the editor's; the test posts to the chat webhook like the hosted chat page does.
	trigger.parameters = {
		...trigger.parameters,
		public: true,
		mode: 'webhook',
		options: { responseMode: 'lastNode' },
	};
	const modelNode = nodeNamed(workflow, 'OpenAI Chat Model');
	await context.n8n.importCredentials([
		{
			...modelNode.credentials.openAiApi,
			type: 'openAiApi',
			data: { apiKey: 'sk-local-test-only', url: model.baseUrl },
		},
	]);
	check(
		nodeNamed(workflow, 'Create Switch Command Task').credentials[CREDENTIAL_TYPE].id ===
			DEMO_CREDENTIAL.id,
		'tool node credential',
	);
	await context.n8n.importWorkflows([workflow]);
	context.aiAgentChatUrl = `${context.n8n.baseUrl}/webhook/${trigger.webhookId}/chat`;
}

async function chat(url, sessionId, chatInput, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ action: 'sendMessage', sessionId, chatInput }),
		});
		const text = await res.text();
		// Activation registers the webhook asynchronously.
		if (res.status !== 404 || Date.now() > deadline) return { status: res.status, text };
		await new Promise((r) => setTimeout(r, 500));
	}
}

export async function run({ n8n, emulator, client, fakeOpenAi, aiAgentChatUrl }) {
	await emulator.reset();
	await n8n.activateWorkflow(loadExample(EXAMPLE).id);

	// 1. The good call: one tool call, one task with exactly those devices, the task id in the answer.
	const good = await chat(
		aiAgentChatUrl,
		'e2e-good',
		'Switch off devices ["dev-0001","dev-0002"] with a sync command task.',
	);
	checkEqual(good.status, 200, `chat HTTP status (body ${good.text.slice(0, 300)})`);
	const answer = JSON.parse(good.text).output;
	const { tasks } = await emulator.state();
	checkEqual(
		tasks.map((t) => [t.task_type, t.task_name, t.targets]),
		[['createCommands', GOOD_ARGUMENTS.taskName, 2]],
		'tasks in the emulator',
	);
	const taskId = tasks[0].task_id;
	checkEqual(answer, `Done: task ${taskId} switches the devices off.`, "the agent's final message");
	const shown = await client.showBatchTask(taskId);
	checkEqual(
		(shown.task_details ?? []).map((d) => d.target).sort(),
		DEVICES,
		'devices of the stored task',
	);
	checkEqual(
		[
			shown.batchtask?.document?.service_id,
			shown.batchtask?.document?.command_name,
			shown.batchtask?.document?.paras,
		],
		['Switch', 'ON_OFF', { value: 'OFF' }],
		'stored command',
	);

	// What the model was told: the operation's description and the $fromAI() arguments with their shapes.
	const [firstRequest, secondRequest] = fakeOpenAi.requests;
	checkEqual(
		fakeOpenAi.requests.length,
		2,
		'model calls for one chat message (tool call + final answer)',
	);
	const tool = firstRequest.tools?.[0]?.function;
	checkEqual(
		tool?.description,
		'Create a batch task for a list of devices in Huawei Cloud IoTDA',
		'tool description the model saw',
	);
	checkEqual(
		Object.keys(tool?.parameters?.properties ?? {}).sort(),
		['deviceIds', 'taskName', 'value'],
		'tool arguments the model saw',
	);
	check(
		/JSON array of strings/.test(tool.parameters.properties.deviceIds.description ?? ''),
		'deviceIds argument describes its shape',
	);
	const toolResult = messageText(secondRequest.messages.find((m) => m.role === 'tool'));
	check(
		toolResult.includes(taskId),
		`the tool message holds the task id (${toolResult.slice(0, 200)})`,
	);

	// 2. A bad argument: the node's validation error reaches the model as the tool result; the chat still answers.
	const before = fakeOpenAi.requests.length;
	const bad = await chat(aiAgentChatUrl, 'e2e-bad', 'Switch off device BAD "dev#0001".');
	checkEqual(
		bad.status,
		200,
		`chat HTTP status for the bad argument (body ${bad.text.slice(0, 300)})`,
	);
	const badRequests = fakeOpenAi.requests.slice(before);
	checkEqual(badRequests.length, 2, 'model calls for the bad-argument message');
	const errorText = messageText(badRequests[1].messages.find((m) => m.role === 'tool'));
	check(
		errorText.includes('Device IDs may contain only letters, digits, hyphens and underscores') &&
			errorText.includes('dev#0001'),
		`the tool message names the field and the value (${errorText.slice(0, 300)})`,
	);
	const badAnswer = JSON.parse(bad.text).output;
	check(
		badAnswer.startsWith('The task could not be created:') && badAnswer.includes('dev#0001'),
		`the agent's answer carries the error (${badAnswer.slice(0, 200)})`,
	);
	checkEqual((await emulator.state()).tasks.length, 1, 'no task created by the bad call');

	// 3. The model repeats the identical call (issue #29 item 12): the first task is returned, nothing is sent twice.
	const again = await chat(
		aiAgentChatUrl,
		'e2e-good-again',
		'Switch off devices ["dev-0001","dev-0002"] with a sync command task.',
	);
	checkEqual(
		again.status,
		200,
		`chat HTTP status for the repeated call (body ${again.text.slice(0, 300)})`,
	);
	checkEqual((await emulator.state()).tasks.length, 1, 'tasks after the identical repeated call');
	checkEqual(
		JSON.parse(again.text).output,
		`Done: task ${taskId} switches the devices off.`,
		'the repeated call answers with the first task',
	);
	return `task ${taskId} for ${DEVICES.join(', ')}; bad argument returned to the model: "${errorText.slice(0, 80)}…"`;
}
