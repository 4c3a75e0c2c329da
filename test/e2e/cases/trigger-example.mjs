// The IoTDA Trigger on a running `n8n start` against the emulator process.
// Push: activation registers one routing rule + HTTP action (activating again keeps one), a task that
// finishes starts exactly one execution with the documented output, 401/400 for a request without the
// secret / with a malformed body start nothing, deactivation leaves no rule or action.
// Poll: first poll (at activation) emits nothing, a change emits one item, a poll without change nothing.
// Example: rollout finished → Get failed devices → Retry them once.
import http from 'node:http';
import { packageName } from '../../harness/package-under-test.mjs';
import { check, checkEqual, waitFor } from '../lib/check.mjs';

// Prefixes of the node ids; the workflow ids are the ones n8n assigns (1.x ignores an id sent on create).
const PUSH_ID = 'iotdaTrigPush001';
const POLL_ID = 'iotdaTrigPoll001';
const EXAMPLE_ID = 'iotdaExTrigger01';
const PUSH_WEBHOOK_ID = '0c5e7d2a-4b1f-4e3a-9d8c-7b6a5f4e3d21';
const credentials = {
	huaweiCloudIotdaApi: { id: 'iotdaDemoCred001', name: 'Huawei Cloud IoTDA (demo)' },
};

/** A local HTTP server that records every JSON body the workflows report to it, by path. */
async function startCollector() {
	const received = { push: [], poll: [] };
	const server = http.createServer((req, res) => {
		let text = '';
		req.on('data', (c) => (text += c));
		req.on('end', () => {
			const key = req.url.includes('poll') ? 'poll' : 'push';
			received[key].push(JSON.parse(text || '{}'));
			res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		received,
		url: `http://127.0.0.1:${server.address().port}`,
		close: () => new Promise((r) => server.close(r)),
	};
}

function workflow(id, name, triggerNode, reportUrl) {
	return {
		name,
		// n8n 1.x's POST /rest/workflows requires `active` (2.x defaults it); activation is a separate call.
		active: false,
		nodes: [
			{
				id: `${id}-t`,
				name: 'IoTDA Trigger',
				type: `${packageName}.huaweiCloudIotdaTrigger`,
				typeVersion: 1,
				position: [0, 0],
				credentials,
				...triggerNode,
			},
			{
				id: `${id}-r`,
				name: 'Report',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
				parameters: {
					method: 'POST',
					url: reportUrl,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: { 'IoTDA Trigger': { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function setActive(n8n, id, active) {
	if (active) return n8n.activateWorkflow(id);
	const res = await n8n.postJson(`/rest/workflows/${id}/deactivate`, {});
	check(res.data.active === false, `workflow ${id} still active after deactivation`);
}

async function createTask(client, name, taskType, targets) {
	const kind = taskType === 'firmwareUpgrade' ? 'firmwarePackage' : 'softwarePackage';
	const { packages } = await client.listOtaPackages(kind);
	return client.request('POST', '/batchtasks', {
		body: {
			task_name: name,
			task_type: taskType,
			targets,
			document: { package_ids: [packages[0].package_id] },
		},
	});
}

async function waitFinished(client, taskId) {
	return waitFor(`task ${taskId} to finish`, async () => {
		const { batchtask } = await client.showBatchTask(taskId);
		return ['Success', 'Fail', 'PartialSuccess', 'Stopped'].includes(batchtask.status) && batchtask;
	});
}

async function pushPart({ n8n, emulator, client }, collector, pushId) {
	// n8n registers the webhook (our create()) after the activation request has answered.
	const registered = async () => {
		const routing = await emulator.admin('GET', 'routing');
		return (
			routing.rules.length > 0 &&
			routing.rules.every((r) => r.active) &&
			routing.actions.length > 0 &&
			routing
		);
	};
	await setActive(n8n, pushId, true);
	await waitFor('the routing rule', registered);
	await setActive(n8n, pushId, true); // activating twice
	await sleep(3000);
	const { rules, actions } = await waitFor('the routing rule', registered);
	checkEqual(
		rules.map((r) => [r.subject, r.app_type, r.active]),
		[[{ resource: 'batchtask', event: 'update' }, 'GLOBAL', true]],
		'rules after activating twice',
	);
	check(
		rules[0].rule_name.startsWith(`n8n_${pushId}_`),
		`rule name ${rules[0].rule_name} does not name the workflow`,
	);
	checkEqual(actions.length, 1, 'rule actions after activating twice');
	const url = actions[0].channel_detail.http_forwarding.url;
	const webhookUrl = `${n8n.baseUrl}/webhook/${PUSH_WEBHOOK_ID}/iotda-batch-task`;
	check(
		url.startsWith(`${webhookUrl}?token=`),
		`action URL ${url.split('?')[0]} is not the workflow's webhook`,
	);

	const task = await createTask(client, 'trigger_push', 'firmwareUpgrade', [
		'dev-0010',
		'dev-0011',
	]);
	await waitFinished(client, task.task_id);
	const [event] = await waitFor(
		'the push execution',
		() => collector.received.push.length > 0 && collector.received.push,
	);
	await sleep(3000); // a second execution would show up by now
	checkEqual(collector.received.push.length, 1, 'executions started by the finished task');
	checkEqual(
		[
			event.task_id,
			event.task_name,
			event.task_type,
			event.status,
			event.source,
			event.failed_device_count,
			event.failed_devices.map((d) => d.device_id),
		],
		[task.task_id, 'trigger_push', 'firmwareUpgrade', 'PartialSuccess', 'push', 1, ['dev-0010']],
		'push event',
	);
	check(
		typeof event.status_desc === 'string' &&
			/^\d{4}-\d\d-\d\dT/.test(event.event_time) &&
			event.task_progress.total === 2,
		`event fields ${JSON.stringify(event)}`,
	);
	const { deliveries } = await emulator.admin('GET', 'routing');
	check(
		deliveries.every((d) => d.delivered),
		'a push was not answered 2xx',
	);
	checkEqual(
		deliveries.filter((d) => d.task_id === task.task_id && d.status === 'PartialSuccess').length,
		1,
		'pushes of the final status',
	);

	const body = JSON.stringify({
		resource: 'batchtask',
		event: 'update',
		event_time: '20260101T000000Z',
		notify_data: {
			body: {
				app_id: 'x',
				task_id: task.task_id,
				task_type: 'firmwareUpgrade',
				status: 'Fail',
				status_desc: '',
			},
		},
	});
	const post = (target, text) =>
		fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
	checkEqual((await post(webhookUrl, body)).status, 401, 'status without the secret');
	checkEqual(
		(await post(`${webhookUrl}?token=wrong`, body)).status,
		401,
		'status with a wrong secret',
	);
	checkEqual(
		(await post(url, '{"resource":"batchtask"}')).status,
		400,
		'status of a malformed body',
	);
	await sleep(2000);
	checkEqual(collector.received.push.length, 1, 'executions after the refused requests');

	await setActive(n8n, pushId, false);
	const after = await waitFor('the rule to be deleted', async () => {
		const routing = await emulator.admin('GET', 'routing');
		return routing.rules.length === 0 && routing;
	});
	checkEqual(
		[after.rules.length, after.actions.length],
		[0, 0],
		'rules and actions after deactivation',
	);
}

async function pollPart({ n8n, client }, collector, pollId) {
	await createTask(client, 'before_poll', 'softwareUpgrade', ['dev-0020']);
	await setActive(n8n, pollId, true); // activation runs the first poll
	await sleep(2000);
	checkEqual(collector.received.poll.length, 0, 'items of the first poll');
	const task = await createTask(client, 'trigger_poll', 'softwareUpgrade', ['dev-0021']);
	await waitFinished(client, task.task_id);
	await setActive(n8n, pollId, false);
	await setActive(n8n, pollId, true); // second poll
	const [event] = await waitFor(
		'the poll execution',
		() => collector.received.poll.length > 0 && collector.received.poll,
	);
	await sleep(2000);
	checkEqual(collector.received.poll.length, 1, 'items after a change');
	checkEqual(
		[event.task_id, event.status, event.source, event.previous_status],
		[task.task_id, 'Success', 'poll', null],
		'poll event',
	);
	await setActive(n8n, pollId, false);
	await setActive(n8n, pollId, true); // third poll, nothing changed
	await sleep(3000);
	checkEqual(collector.received.poll.length, 1, 'items after a poll without change');
	await setActive(n8n, pollId, false);
}

async function examplePart({ n8n, emulator, client }) {
	// Real time, so that the retried task is seen running before it finishes again (the emulator notifies only
	// the statuses it observes, every 50 ms).
	const { speed } = (await emulator.state()).config;
	await emulator.configure({ speed: 1 });
	await setActive(n8n, EXAMPLE_ID, true);
	await waitFor("the example's routing rule", async () =>
		(await emulator.admin('GET', 'routing')).rules.some((r) => r.active),
	);
	const task = await createTask(client, 'rollout_retry', 'firmwareUpgrade', [
		'dev-0010',
		'dev-0012',
	]);
	await waitFinished(client, task.task_id);
	const retries = async () =>
		(await emulator.requestLog(5000)).entries.filter(
			(e) => e.method === 'POST' && e.path.endsWith(`/batchtasks/${task.task_id}/retry`),
		);
	await waitFor('the example to retry the failed device', async () => (await retries()).length > 0);
	// The retried device fails again: the task finishes again, and the example must not retry a second time.
	await waitFor(
		'the second finish to be pushed',
		async () =>
			(await emulator.admin('GET', 'routing')).deliveries.filter(
				(d) => d.task_id === task.task_id && d.status === 'PartialSuccess',
			).length >= 2,
	);
	await sleep(3000);
	checkEqual(
		(await retries()).map((e) => e.status),
		[200],
		'retry calls of the example',
	);
	await setActive(n8n, EXAMPLE_ID, false);
	await emulator.configure({ speed });
}

export const name =
	'trigger: push (rule lifecycle, one execution per change, 401/400), poll, retry example';

export async function run(context) {
	const { n8n, emulator } = context;
	await emulator.reset();
	// dev-0010 always fails (kept for the rest of this emulator's life: the trigger case runs last).
	await emulator.configure({ failTargets: ['dev-0010'] });
	const collector = await startCollector();
	try {
		const pushTrigger = {
			webhookId: PUSH_WEBHOOK_ID,
			parameters: { mode: 'push', taskTypes: ['firmwareUpgrade'], includeDetails: true },
		};
		const pollTrigger = {
			parameters: {
				mode: 'poll',
				taskTypes: ['softwareUpgrade'],
				pollTimes: { item: [{ mode: 'everyHour' }] },
			},
		};
		const push = await n8n.postJson(
			'/rest/workflows',
			workflow(PUSH_ID, 'Trigger e2e push', pushTrigger, `${collector.url}/push`),
		);
		const poll = await n8n.postJson(
			'/rest/workflows',
			workflow(POLL_ID, 'Trigger e2e poll', pollTrigger, `${collector.url}/poll`),
		);
		await pushPart(context, collector, push.data.id);
		await pollPart(context, collector, poll.data.id);
		await examplePart(context);
	} finally {
		await collector.close();
	}
	return 'push: 1 rule, 1 execution, 401/400, cleaned up; poll: 0/1/0 items; example retried once';
}
