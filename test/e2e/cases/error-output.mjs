// Issue #14 item 2 in a real n8n: with Settings → On Error → "Continue (using error output)" and both
// branches connected, for every operation a failure reaches the error output (as `error: { message, …context }`
// — task id, device — so n8n 1.x and 2.x both route it) and a success the success output. Three runs: a setup workflow makes the tasks the operations
// need, the main workflow has an "ok" and a "fails" node per operation, and a third run injects HTTP 500s
// (Max Attempts 1) for Stop with listed devices and for Batch Task File → Get Many.
import { DEMO_CREDENTIAL, CREDENTIAL_TYPE } from '../../harness/examples.mjs';
import { N8nInstance } from '../../harness/n8n-instance.mjs';
import { check, checkEqual } from '../lib/check.mjs';

export const name =
	'error output: every operation sends failures to the error branch, successes to the success branch';

const UNKNOWN_TASK = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const locator = (value) => ({ __rl: true, mode: 'id', value });
const IDS = { setup: 'iotdaE2eErrOut01', main: 'iotdaE2eErrOut02', faults: 'iotdaE2eErrOut03' };

function workflow(id, title, nodes, connections) {
	return {
		id,
		name: `IoTDA e2e: ${title}`,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

function builder() {
	const nodes = [
		{
			id: 'trigger',
			name: 'Run Now',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections = {};
	const link = (from, to, output = 0) => {
		const main = (connections[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output].push({ node: to, type: 'main', index: 0 });
	};
	/** An IoTDA node fed by `from`, both outputs wired to No Operation nodes "<name> → success" / "→ error". */
	const iotda = (name, parameters, from = 'Run Now') => {
		const y = nodes.length * 120;
		nodes.push({
			id: name,
			name,
			type: 'n8n-nodes-huaweicloud-iotda.huaweiCloudIotda',
			typeVersion: 1,
			position: [400, y],
			parameters,
			credentials: { [CREDENTIAL_TYPE]: { ...DEMO_CREDENTIAL } },
			onError: 'continueErrorOutput',
		});
		link(from, name);
		for (const [output, branch] of ['success', 'error'].entries()) {
			const sink = `${name} → ${branch}`;
			nodes.push({
				id: sink,
				name: sink,
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [700, y + output * 60],
				parameters: {},
			});
			link(name, sink, output);
		}
	};
	const plain = (node, from) => {
		nodes.push({ position: [200, nodes.length * 120], ...node });
		link(from, node.name);
	};
	return { nodes, connections, iotda, plain };
}

const upgrade = (taskName, deviceIds, firmwarePackageId, extra = {}) => ({
	resource: 'batchTask',
	operation: 'create',
	taskType: 'firmwareUpgrade',
	taskName,
	packageId: firmwarePackageId,
	deviceIds,
	batchMode: 'aggregate',
	additionalFields: extra,
	options: {},
});

/** Tasks the main run acts on: two upgrades waiting for Confirm (non-terminal) and one that failed. */
async function setUp(n8n, emulator, firmwarePackageId) {
	await emulator.configure({ failTargets: ['dev-0006'] });
	const {
		task_ids: [finished, deletable],
	} = await emulator.admin('POST', 'seed-tasks', { count: 2, task_type: 'firmwareUpgrade' });
	const b = builder();
	b.iotda(
		'T1',
		upgrade('e2e_confirm', 'dev-0001,dev-0002,dev-0003', firmwarePackageId, { needConfirm: true }),
	);
	b.iotda('T2', upgrade('e2e_stop', 'dev-0004,dev-0005', firmwarePackageId, { needConfirm: true }));
	b.iotda('T3', upgrade('e2e_retry', 'dev-0006', firmwarePackageId));
	await n8n.importWorkflows([workflow(IDS.setup, 'error output setup', b.nodes, b.connections)]);
	const result = await n8n.execute(IDS.setup);
	check(result.ok, `setup workflow failed: ${result.error} (log ${result.logFile})`);
	const [t1, t2, t3] = ['T1', 'T2', 'T3'].map(
		(node) => N8nInstance.nodeOutput(result.run, node)[0]?.task_id,
	);
	check(t1 && t2 && t3, 'setup did not create its three tasks');
	for (
		let i = 0;
		i < 100 && (await emulator.state()).tasks.find((t) => t.task_id === t3)?.status !== 'Fail';
		i++
	) {
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return { t1, t2, t3, finished, deletable };
}

/** Per operation: [node name, parameters that succeed, parameters that fail, what the error must mention]. */
function operationCases({ t1, t2, t3, finished, deletable }) {
	const task = (operation, taskId, extra = {}) => ({
		resource: 'batchTask',
		operation,
		taskId: locator(taskId),
		...extra,
	});
	const create = (taskName) => ({
		resource: 'batchTask',
		operation: 'create',
		taskType: 'freezeDevices',
		taskName,
		deviceIds: 'dev-0007',
		batchMode: 'aggregate',
		options: {},
	});
	return [
		['Create', create('e2e_create_ok'), create('bad-name'), 'Task Name may contain only'],
		['Get', task('get', t3), task('get', UNKNOWN_TASK), UNKNOWN_TASK],
		[
			'Get Many',
			{ resource: 'batchTask', operation: 'getAll', taskType: 'firmwareUpgrade', returnAll: true },
			{
				resource: 'batchTask',
				operation: 'getAll',
				taskType: 'firmwareUpgrade',
				filters: { appId: 'bad id!' },
			},
			'App ID',
		],
		['Delete', task('delete', deletable), task('delete', t1), `Cannot delete batch task ${t1}`],
		['Stop', task('stop', t2), task('stop', finished), `Cannot stop batch task ${finished}`],
		['Retry', task('retry', t3), task('retry', UNKNOWN_TASK), UNKNOWN_TASK],
		[
			'Confirm',
			task('confirm', t1, { devices: 'listed', deviceIds: 'dev-0001' }),
			task('confirm', finished),
			`Cannot confirm batch task ${finished}`,
		],
		// An expression: n8n refuses to start a workflow whose "By ID" value fails the locator's pattern.
		[
			'File Delete',
			null,
			{ resource: 'batchTaskFile', operation: 'delete', fileId: locator('={{ "bad id!" }}') },
			'Batch Task File',
		],
		[
			'File Upload',
			{ resource: 'batchTaskFile', operation: 'upload', binaryPropertyName: 'data', options: {} },
			{
				resource: 'batchTaskFile',
				operation: 'upload',
				binaryPropertyName: 'data',
				options: { fileName: 'notes.txt' },
			},
			'"notes.txt"',
		],
	];
}

function mainWorkflow(cases) {
	const b = builder();
	b.plain(
		{
			id: 'rows',
			name: 'Rows',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: {
				jsCode: "return [{ json: { node_id: 'meter-e2e-001', device_name: 'meter_e2e_001' } }];",
			},
		},
		'Run Now',
	);
	b.plain(
		{
			id: 'file',
			name: 'Task File',
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			parameters: {
				operation: 'xlsx',
				binaryPropertyName: 'data',
				options: { fileName: 'e2e-devices.xlsx', headerRow: true },
			},
		},
		'Rows',
	);
	for (const [label, ok, fails] of cases) {
		const from = label === 'File Upload' ? 'Task File' : 'Run Now';
		if (ok) b.iotda(`${label} ok`, ok, from);
		b.iotda(`${label} fails`, fails, from);
	}
	// File Delete succeeds on the file the upload just stored.
	b.iotda(
		'File Delete ok',
		{ resource: 'batchTaskFile', operation: 'delete', fileId: locator('={{ $json.file_id }}') },
		'File Upload ok → success',
	);
	return workflow(IDS.main, 'error output, every operation', b.nodes, b.connections);
}

const outputs = (run, node) => ({
	success: N8nInstance.nodeOutput(run, node, 0) ?? [],
	error: N8nInstance.nodeOutput(run, node, 1) ?? [],
	successBranch: N8nInstance.nodeOutput(run, `${node} → success`) ?? [],
	errorBranch: N8nInstance.nodeOutput(run, `${node} → error`) ?? [],
});

function checkOk(run, node) {
	const out = outputs(run, node);
	check(
		out.success.length > 0 && out.error.length === 0,
		`${node}: expected only success items, got ${JSON.stringify(out).slice(0, 400)}`,
	);
	checkEqual(
		out.successBranch.length,
		out.success.length,
		`${node}: items reaching the success branch`,
	);
}

function checkFails(run, node, mentions, context = {}) {
	const out = outputs(run, node);
	check(
		out.success.length === 0 && out.error.length > 0,
		`${node}: expected only error items, got ${JSON.stringify(out).slice(0, 400)}`,
	);
	checkEqual(out.errorBranch.length, out.error.length, `${node}: items reaching the error branch`);
	for (const item of out.errorBranch) {
		const message = item.error?.message;
		check(
			typeof message === 'string' && message.includes(mentions),
			`${node}: error ${JSON.stringify(item.error)?.slice(0, 300)} has no message mentioning ${mentions}`,
		);
		for (const [key, value] of Object.entries(context))
			checkEqual(item.error[key], value, `${node}: error.${key} on the error branch`);
	}
	return out.errorBranch;
}

/** Stop with listed devices and File Get Many, each call answered with HTTP 500 (Max Attempts 1). */
async function runFaults(n8n, emulator, t1) {
	await emulator.admin('POST', 'faults', {
		kind: 'status',
		status: 500,
		times: -1,
		match: { method: 'POST', pathRegex: '/stop$' },
	});
	await emulator.admin('POST', 'faults', {
		kind: 'status',
		status: 500,
		times: -1,
		match: { method: 'GET', pathRegex: '/batchtask-files$' },
	});
	const b = builder();
	b.iotda('Stop listed fails', {
		resource: 'batchTask',
		operation: 'stop',
		taskId: locator(t1),
		devices: 'listed',
		deviceIds: 'dev-0002,dev-0003',
		options: { maxAttempts: 1 },
	});
	b.iotda('File Get Many fails', {
		resource: 'batchTaskFile',
		operation: 'getAll',
		returnAll: true,
		options: { maxAttempts: 1 },
	});
	await n8n.importWorkflows([
		workflow(IDS.faults, 'error output, HTTP 500', b.nodes, b.connections),
	]);
	const result = await n8n.execute(IDS.faults);
	await emulator.admin('DELETE', 'faults');
	check(result.ok, `fault workflow failed: ${result.error} (log ${result.logFile})`);
	const stopped = checkFails(result.run, 'Stop listed fails', `Stop batch task ${t1} failed`, {
		task_id: t1,
		status: 'failure',
	});
	checkEqual(
		stopped.map((item) => item.error?.target),
		['dev-0002', 'dev-0003'],
		'Stop listed fails: devices on the error branch',
	);
	checkFails(result.run, 'File Get Many fails', 'List batch task files failed');
}

export async function run({ n8n, emulator, firmwarePackageId }) {
	await emulator.reset();
	const tasks = await setUp(n8n, emulator, firmwarePackageId);
	const cases = operationCases(tasks);
	await n8n.importWorkflows([mainWorkflow(cases)]);
	const result = await n8n.execute(IDS.main);
	check(result.ok, `main workflow failed: ${result.error} (log ${result.logFile})`);
	for (const [label, ok, , mentions] of cases) {
		if (ok) checkOk(result.run, `${label} ok`);
		checkFails(result.run, `${label} fails`, mentions);
	}
	checkOk(result.run, 'File Delete ok');
	checkFails(result.run, 'Stop fails', `Cannot stop`, { task_id: tasks.finished });
	await runFaults(n8n, emulator, tasks.t1);
	return `${cases.length + 1} operations × (success branch, error branch) + 2 HTTP 500 cases, routed as expected`;
}
