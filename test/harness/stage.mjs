// Everything the demo and the e2e test share: a provisioned n8n with our freshly built
// package installed, the IoTDA emulator (or a real account), and the demo credential.
import fs from 'node:fs';
import path from 'node:path';
import { provisionN8n } from './provision-n8n.mjs';
import { EmulatorProcess } from './emulator-process.mjs';
import {
	CREDENTIAL_TYPE,
	DEMO_CREDENTIAL,
	listExamples,
	setAssignment,
	withCredential,
} from './examples.mjs';
import { IotdaClient } from './iotda-client.mjs';
import { N8nInstance } from './n8n-instance.mjs';
import { buildAndPack } from './package-under-test.mjs';

export const ROLLOUT_EXAMPLE = 'scheduled-firmware-rollout.json';

/**
 * options: {workDir, port, n8nVersion (a pinned version; default the newest), realAccount, emulator: {seed, speed, failureRate}, skipBuild, log}
 * Returns {runtime, n8n, emulator?, client, credentialData, tarball}.
 */
export async function prepareStage({
	workDir,
	port = 5678,
	n8nVersion,
	realAccount,
	emulator: emulatorOptions = {},
	skipBuild = false,
	log = () => {},
}) {
	fs.rmSync(workDir, { recursive: true, force: true });
	fs.mkdirSync(workDir, { recursive: true });
	// Build first: a compile error shows in seconds, not after a first-time n8n install.
	const tarball = await buildAndPack(path.join(workDir, 'package'), { skipBuild });
	log(`built our package: ${path.basename(tarball)}`);
	const runtime = await provisionN8n(n8nVersion);
	log(`n8n ${runtime.n8nVersion} on Node 24: ${runtime.appDir}`);

	let emulator;
	let credentialData;
	if (realAccount) {
		credentialData = realAccount.credentialData;
	} else {
		emulator = await EmulatorProcess.start({
			...emulatorOptions,
			logFile: path.join(workDir, 'emulator.log'),
		});
		credentialData = emulator.credentialData('basic');
		log(`IoTDA emulator on ${emulator.url} (seeded fake account "basic")`);
	}

	const n8n = new N8nInstance(runtime, { workDir, port });
	await n8n.installPackage(tarball);
	await n8n.importCredentials([
		{ ...DEMO_CREDENTIAL, type: CREDENTIAL_TYPE, data: credentialData },
	]);
	log(
		`n8n user folder ${n8n.userFolder}: package installed, credential "${DEMO_CREDENTIAL.name}" imported`,
	);
	return {
		runtime,
		n8n,
		emulator,
		client: new IotdaClient(credentialData),
		credentialData,
		tarball,
	};
}

/** The first firmware package of the account's default resource space (emulator demo only). */
export async function firstFirmwarePackage(client) {
	const { packages = [] } = await client.listOtaPackages('firmwarePackage');
	if (packages.length === 0) throw new Error('the account has no firmware package');
	return packages[0];
}

/** Imports every example, with the rollout example pointed at a device sheet and a firmware package. */
export async function importExamples(stage, { devicesFile, firmwarePackageId }) {
	const workflows = listExamples().map(({ fileName, workflow }) => {
		const copy = withCredential(workflow);
		if (fileName === ROLLOUT_EXAMPLE) {
			setAssignment(copy, 'Rollout Settings', 'devicesFile', devicesFile);
			setAssignment(copy, 'Rollout Settings', 'firmwarePackageId', firmwarePackageId);
		}
		return copy;
	});
	await stage.n8n.importWorkflows(workflows);
	return workflows;
}
