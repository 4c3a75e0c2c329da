// The IAM Token credential in a real n8n: n8n-core's preAuthentication / expirable-field / refresh-on-401
// machinery, not a stand-in. Create (aggregate, 35,000 devices → 2 tasks) + Get, then more executions in new
// `n8n execute` processes: IAM is asked once (the token is stored with the credential in n8n's database),
// once more after the token expired (one 401 APIG.0307, one refresh, one retry), and a 401 that a new token
// does not cure is sent exactly twice (no loop). Neither the password nor any token appears in n8n's output
// or log files.
import fs from 'node:fs';
import path from 'node:path';
import { N8nInstance } from '../../harness/n8n-instance.mjs';
import { check, checkEqual } from '../lib/check.mjs';

const CREDENTIAL = { id: 'iotdaE2eIamTok01', name: 'IoTDA e2e: IAM token' };
const TYPE = 'huaweiCloudIotdaIamTokenApi';
const NODE_TYPE = 'n8n-nodes-huaweicloud-iotda.huaweiCloudIotda';
const DEVICES = 35_000;
// The e2e emulator's clock runs 1,800× fast: a year of emulator time is hours of real time, so the token
// expires only when the case advances the clock.
const TTL_SECONDS = 365 * 24 * 3600;

export const name =
	'IAM Token credential: 35,000 devices → 2 tasks + Get; token fetched once across executions, once more after expiry, no 401 loop';

/** The emulator's IAM user of the seeded "basic" account (test/emulator/iam.ts iamUserOf). */
function tokenCredentialData(emulator) {
	const account = emulator.accounts.basic;
	return {
		userName: 'emu_user_basic',
		password: 'EmuIamPassword-basic-1',
		domainName: 'emu_domain_basic',
		region: account.region,
		project: account.region, // by name: the project id comes back with the token
		endpoint: emulator.url,
		iamEndpoint: emulator.url,
		instanceId: '',
		ignoreSslIssues: false,
	};
}

const iotdaNode = (nodeName, position, parameters) => ({
	id: `node-${nodeName.replace(/\W+/g, '-')}`,
	name: nodeName,
	type: NODE_TYPE,
	typeVersion: 1,
	position,
	parameters: { authentication: 'iamToken', ...parameters },
	credentials: { [TYPE]: CREDENTIAL },
});

function workflow(id, nodes) {
	const trigger = {
		id: 'node-trigger',
		name: 'Run',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const all = [trigger, ...nodes];
	const connections = {};
	for (let i = 0; i < all.length - 1; i++)
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return {
		id,
		name: `IAM token e2e ${id}`,
		active: false,
		nodes: all,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

const createAndGet = workflow('iotdaE2eTokCreat', [
	iotdaNode('Create', [200, 0], {
		resource: 'batchTask',
		operation: 'create',
		taskType: 'freezeDevices',
		taskName: 'token_freeze',
		targetSource: 'deviceIds',
		deviceIds: `={{ Array.from({ length: ${DEVICES} }, (_, i) => 'tok-' + String(i).padStart(5, '0')) }}`,
		batchMode: 'aggregate',
	}),
	iotdaNode('Get', [400, 0], {
		resource: 'batchTask',
		operation: 'get',
		taskId: { __rl: true, mode: 'id', value: '={{ $json.task_id }}' },
	}),
]);
const list = workflow('iotdaE2eTokList1', [
	iotdaNode('List', [200, 0], {
		resource: 'batchTask',
		operation: 'getAll',
		taskType: 'freezeDevices',
		returnAll: true,
	}),
]);

export async function run({ n8n, emulator, runtime }) {
	await emulator.reset();
	await emulator.configure({ tokenTtlSeconds: TTL_SECONDS });
	const data = tokenCredentialData(emulator);
	await n8n.importCredentials([{ ...CREDENTIAL, type: TYPE, data }]);
	await n8n.importWorkflows([createAndGet, list]);
	const log = async () => (await emulator.requestLog()).entries;
	const tokenRequests = async () =>
		(await log()).filter((e) => e.method === 'POST' && e.path === '/v3/auth/tokens').length;
	const executions = [];
	const execute = async (id) => {
		const result = await n8n.execute(id);
		executions.push(result);
		return result;
	};

	// 1. Create + Get with a fresh credential: one token for all requests.
	const first = await execute(createAndGet.id);
	check(first.ok, `create/get workflow failed: ${first.error} (log ${first.logFile})`);
	const created = N8nInstance.nodeOutput(first.run, 'Create');
	checkEqual(
		created.map((t) => t.device_count),
		[30000, 5000],
		'device_count per created task',
	);
	const got = N8nInstance.nodeOutput(first.run, 'Get');
	checkEqual(
		got.map((t) => t.task_id),
		created.map((t) => t.task_id),
		'Get read both created tasks',
	);
	const { tasks } = await emulator.state();
	checkEqual(tasks.length, 2, 'tasks stored in the emulator');
	checkEqual(await tokenRequests(), 1, 'token requests after the first execution');

	// 2. Two more executions, each a new n8n process: the stored token is reused.
	for (let i = 0; i < 2; i++) check((await execute(list.id)).ok, 'list workflow failed');
	checkEqual(await tokenRequests(), 1, 'token requests after three executions');
	const stored = await storedToken(n8n);
	check(/^MII/.test(stored.iamToken ?? ''), 'no token stored with the credential');

	// 3. The token expires on the emulator's clock: one 401 APIG.0307, one new token, one retry. n8n-core 1.x
	// ignores `except: [401]`, so there the node gets the 401 as a response and sends the list once more without
	// ignoring status errors: that second 401 is the one n8n refreshes on (transport/index.ts, send).
	await emulator.configure({ advanceMs: (TTL_SECONDS + 1) * 1000 });
	const before = (await log()).length;
	const third = await execute(list.id);
	check(third.ok, `list workflow after expiry failed: ${third.error}`);
	const afterExpiry = (await log())
		.slice(before)
		.map((e) => `${e.method} ${e.status} ${e.errorCode ?? ''}`.trim());
	const n8n1 = runtime.n8nVersion.startsWith('1.');
	const refused = n8n1 ? ['GET 401 APIG.0307', 'GET 401 APIG.0307'] : ['GET 401 APIG.0307'];
	checkEqual(
		afterExpiry,
		[...refused, 'POST 201', 'GET 200'],
		'requests after expiry (list, token, retried list)',
	);
	checkEqual(await tokenRequests(), 2, 'token requests after expiry');
	const renewed = await storedToken(n8n);
	check(renewed.iamToken && renewed.iamToken !== stored.iamToken, 'the new token was not stored');

	// 4. A 401 that a new token does not cure: one refresh, one retry, then the error. No loop.
	await emulator.admin('POST', 'faults', {
		kind: 'status',
		status: 401,
		errorCode: 'APIG.0307',
		errorMsg: 'The token must be updated.',
		times: -1,
		match: { path: '/batchtasks' },
	});
	const beforeLoop = (await log()).length;
	const fourth = await execute(list.id);
	await emulator.admin('DELETE', 'faults');
	check(!fourth.ok, 'the workflow succeeded although IoTDA kept answering 401');
	const loop = (await log()).slice(beforeLoop).map((e) => `${e.method} ${e.status}`);
	checkEqual(
		loop,
		[...(n8n1 ? ['GET 401', 'GET 401'] : ['GET 401']), 'POST 201', 'GET 401'],
		'requests when IoTDA keeps answering 401',
	);
	check(
		/refused the IAM token/.test(fourth.error),
		`the error does not explain the token case: ${fourth.error}`,
	);

	// 5. No password, no token in anything n8n printed or logged.
	const secrets = [
		data.password,
		stored.iamToken,
		renewed.iamToken,
		(await storedToken(n8n)).iamToken,
	];
	const texts = executions.flatMap((r) => [
		JSON.stringify(r.run ?? ''),
		r.error ?? '',
		fs.readFileSync(r.logFile, 'utf8'),
	]);
	const leaks = secrets.filter((s) => texts.some((t) => t.includes(s)));
	checkEqual(
		leaks.length,
		0,
		`secrets found in n8n's output/logs (${secrets.length} secrets, ${texts.length} texts)`,
	);
	return `2 tasks; ${executions.length} executions, ${await tokenRequests()} token requests; 401 loop guard: ${loop.join(', ')}`;
}

/** The credential as n8n stored it (decrypted export): where preAuthentication's token ended up. */
async function storedToken(n8n) {
	const file = path.join(n8n.workDir, 'token-credential-export.json');
	try {
		await n8n.cli([
			'export:credentials',
			`--id=${CREDENTIAL.id}`,
			'--decrypted',
			`--output=${file}`,
		]);
		const [credential] = JSON.parse(fs.readFileSync(file, 'utf8'));
		return credential.data;
	} finally {
		fs.rmSync(file, { force: true }); // holds the password in plain text
	}
}
