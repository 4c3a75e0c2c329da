// Negative check: a credential with a wrong SK must make the emulator reject the signature, the
// workflow fail, and nothing be created. (Proves the suite notices a broken signer/credential.)
import path from 'node:path';
import { demoDeviceIds, writeDeviceSheet } from '../../harness/device-sheet.mjs';
import { CREDENTIAL_TYPE } from '../../harness/examples.mjs';
import { check, checkEqual } from '../lib/check.mjs';
import { rolloutWorkflow } from '../lib/rollout-workflow.mjs';

const BAD_CREDENTIAL = { id: 'iotdaE2eBadSk001', name: 'IoTDA e2e: wrong secret key' };

export const name =
	'wrong secret key → emulator rejects the signature → the workflow fails, no task';

export async function run({ n8n, emulator, firmwarePackageId, runtime }) {
	await emulator.reset();
	const good = emulator.credentialData('basic');
	await n8n.importCredentials([
		{
			...BAD_CREDENTIAL,
			type: CREDENTIAL_TYPE,
			data: { ...good, secretAccessKey: `${good.secretAccessKey}x` },
		},
	]);
	const devicesFile = writeDeviceSheet(
		runtime,
		path.join(n8n.filesDir, 'e2e-3-devices.xlsx'),
		demoDeviceIds(1, 3),
	);
	await n8n.importWorkflows([
		rolloutWorkflow({
			id: 'iotdaE2eBadSk001',
			devicesFile,
			firmwarePackageId,
			credential: BAD_CREDENTIAL,
		}),
	]);

	const result = await n8n.execute('iotdaE2eBadSk001');
	check(!result.ok, 'the workflow succeeded although the secret key is wrong');
	checkEqual(result.exitCode, 1, 'exit code of n8n execute');
	const { tasks } = await emulator.state();
	checkEqual(tasks.length, 0, 'tasks stored in the emulator');
	const { entries } = await emulator.requestLog();
	const rejected = entries.filter((e) => e.method === 'POST' && e.path.endsWith('/batchtasks'));
	check(rejected.length > 0, 'the create request never reached the emulator');
	check(
		rejected.every((e) => e.status === 401),
		`create requests were not rejected with 401: ${JSON.stringify(rejected)}`,
	);
	check(
		!result.error.includes(`${good.secretAccessKey}x`),
		'the error message contains the secret key',
	);
	return `rejected with 401 (${rejected[0].errorCode}); n8n error: ${result.error.slice(0, 120)}`;
}
