#!/usr/bin/env node
// `npm run test:e2e` — our package in a real n8n 2.41.1 against the local IoTDA emulator.
// Builds the package, provisions n8n (cached), runs every example workflow headless and over
// HTTP, asserts on n8n's output AND on what the emulator stores, then drives the editor in
// headless Chromium. Exits 1 when any case fails. Work files and logs: .e2e/e2e/
//
//   npm run test:e2e                       everything
//   npm run test:e2e -- --skip-build       reuse dist/
//   npm run test:e2e -- --only webhook     cases whose name contains "webhook"
//   npm run test:e2e -- --no-browser       skip the editor/screenshot case
import path from 'node:path';
import { listExamples } from '../../scripts/lib/examples.mjs';
import { repoRoot } from '../../scripts/lib/package-under-test.mjs';
import { freePort, stopAllBackground } from '../../scripts/lib/processes.mjs';
import { firstFirmwarePackage, importExamples, prepareStage } from '../../scripts/lib/stage.mjs';
import * as bulk from './cases/bulk-100k-devices.mjs';
import * as createDevices from './cases/create-devices-example.mjs';
import * as editor from './cases/editor-screenshots.mjs';
import * as errorOutput from './cases/error-output.mjs';
import * as groupCanary from './cases/group-canary.mjs';
import * as iamToken from './cases/iam-token-credential.mjs';
import * as outputSchemas from './cases/output-schemas.mjs';
import * as rollout from './cases/rollout-example.mjs';
import * as trigger from './cases/trigger-example.mjs';
import * as webhook from './cases/webhook-example.mjs';
import * as wrongSecret from './cases/wrong-secret-key.mjs';

// Every example must be exercised by a case: a new example without a case fails the suite.
const CASE_OF_EXAMPLE = {
	'scheduled-firmware-rollout.json': rollout,
	'webhook-switch-off-devices.json': webhook,
	'create-devices-from-rows.json': createDevices,
	'rollout-finished-retry-failed.json': trigger,
};
const HEADLESS_CASES = [rollout, createDevices, bulk, wrongSecret, errorOutput, iamToken, groupCanary];
// trigger last: it makes dev-0010 fail for the rest of the emulator's life.
const SERVER_CASES = [webhook, outputSchemas, editor, trigger];

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const noBrowser = args.includes('--no-browser');
const t0 = Date.now();
const say = (message) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)}s] ${message}`);
const results = [];

async function runCase(testCase, context) {
	if (only && !testCase.name.includes(only)) return;
	const started = Date.now();
	say(`▶ ${testCase.name}`);
	try {
		const detail = await testCase.run(context);
		results.push({ name: testCase.name, ok: true });
		say(`  ✓ ${((Date.now() - started) / 1000).toFixed(1)}s ${detail ?? ''}`);
	} catch (error) {
		results.push({ name: testCase.name, ok: false, error: error.message });
		say(`  ✗ ${((Date.now() - started) / 1000).toFixed(1)}s ${error.message}`);
	}
}

async function main() {
	const missing = listExamples().filter(({ fileName }) => !CASE_OF_EXAMPLE[fileName]);
	if (missing.length) throw new Error(`examples without an e2e case: ${missing.map((m) => m.fileName).join(', ')}`);

	const stage = await prepareStage({
		workDir: path.join(repoRoot, '.e2e', 'e2e'),
		port: await freePort(),
		emulator: { seed: 1, speed: 1800 },
		skipBuild: args.includes('--skip-build'),
		log: say,
	});
	const firmwarePackageId = (await firstFirmwarePackage(stage.client)).package_id;
	await importExamples(stage, { devicesFile: path.join(stage.n8n.filesDir, 'rollout-devices.xlsx'), firmwarePackageId });
	const context = { ...stage, firmwarePackageId, noBrowser, say };

	for (const testCase of HEADLESS_CASES) await runCase(testCase, context);
	if (SERVER_CASES.some((c) => !only || c.name.includes(only))) {
		await stage.n8n.start();
		await stage.n8n.setupOwner();
		say(`n8n start ready on ${stage.n8n.baseUrl}, owner created`);
		for (const testCase of SERVER_CASES) await runCase(testCase, context);
		await stage.n8n.stop();
	}
}

main()
	.catch((error) => {
		results.push({ name: 'setup', ok: false, error: error.message });
		say(`✗ setup failed: ${error.message}`);
	})
	.finally(async () => {
		await stopAllBackground();
		const failed = results.filter((r) => !r.ok);
		console.log(`\ne2e: ${results.length - failed.length} passed, ${failed.length} failed (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
		for (const r of failed) console.log(`  ✗ ${r.name}\n    ${r.error}`);
		if (results.length === 0) console.log('  no case ran (check --only)');
		process.exitCode = failed.length || results.length === 0 ? 1 : 0;
	});
