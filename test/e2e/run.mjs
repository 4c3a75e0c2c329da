#!/usr/bin/env node
// `npm run test:e2e` — our package in a real n8n against the local IoTDA emulator.
// Builds the package, provisions the n8n version asked for (cached, one lockfile per version in
// test/harness/n8n/), runs every example workflow headless and over HTTP (the AI Agent example
// against a scripted local OpenAI-compatible model), asserts on n8n's output AND on what the
// emulator stores, then drives the editor in headless Chromium. Exits 1 when any case fails.
// Work files and logs: .e2e/e2e-<version>/
//
//   npm run test:e2e                       everything, on the newest pinned n8n (2.41.1)
//   npm run test:e2e -- --n8n 1.123.81     on another pinned version (`.ci/run` runs each)
//   npm run test:e2e -- --skip-build       reuse dist/
//   npm run test:e2e -- --only webhook     cases whose name contains "webhook"
//   npm run test:e2e -- --no-browser       skip the editor/screenshot case
import path from 'node:path';
import { listExamples } from '../harness/examples.mjs';
import { repoRoot } from '../harness/package-under-test.mjs';
import { freePort, stopAllBackground } from '../harness/processes.mjs';
import { n8nVersionsFromArgs } from '../harness/provision-n8n.mjs';
import { firstFirmwarePackage, importExamples, prepareStage } from '../harness/stage.mjs';
import * as aiAgent from './cases/ai-agent-example.mjs';
import * as bulk from './cases/bulk-100k-devices.mjs';
import * as createDevices from './cases/create-devices-example.mjs';
import * as editor from './cases/editor-screenshots.mjs';
import * as errorOutput from './cases/error-output.mjs';
import * as groupCanary from './cases/group-canary.mjs';
import * as iamToken from './cases/iam-token-credential.mjs';
import * as outputSchemas from './cases/output-schemas.mjs';
import * as report from './cases/report-example.mjs';
import * as rolloutAdvance from './cases/rollout-advance.mjs';
import * as rollout from './cases/rollout-example.mjs';
import * as rolloutApproval from './cases/rollout-approval.mjs';
import * as rolloutTrigger from './cases/rollout-trigger-advance.mjs';
import * as searchTarget from './cases/search-target.mjs';
import * as trigger from './cases/trigger-example.mjs';
import * as webhook from './cases/webhook-example.mjs';
import * as wrongSecret from './cases/wrong-secret-key.mjs';

// Every example must be exercised by a case: a new example without a case fails the suite.
const CASE_OF_EXAMPLE = {
	'scheduled-firmware-rollout.json': rollout,
	'webhook-switch-off-devices.json': webhook,
	'create-devices-from-rows.json': createDevices,
	'rollout-finished-retry-failed.json': trigger,
	[aiAgent.EXAMPLE]: aiAgent,
	[report.EXAMPLE]: report,
	[rolloutAdvance.EXAMPLE]: rolloutAdvance,
	[rolloutApproval.EXAMPLE]: rolloutApproval,
	[rolloutTrigger.EXAMPLE]: rolloutTrigger,
};
const HEADLESS_CASES = [
	rollout,
	createDevices,
	bulk,
	wrongSecret,
	errorOutput,
	iamToken,
	groupCanary,
	report,
	searchTarget,
];
// Cases on `n8n start`; a case's prepare(context) runs before the server starts (imports need the CLI).
// trigger after the others: it makes dev-0010 fail for the rest of the emulator's life. rolloutAdvance
// last: it restarts `n8n start` and makes devices halt-000006…10 fail (devices no other case uses).
const SERVER_CASES = [
	webhook,
	aiAgent,
	outputSchemas,
	editor,
	rolloutApproval,
	rolloutTrigger,
	trigger,
	rolloutAdvance,
];

const args = process.argv.slice(2);
const [n8nVersion] = n8nVersionsFromArgs(args, { allowAll: false });
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const noBrowser = args.includes('--no-browser');
const t0 = Date.now();
const say = (message) =>
	console.log(
		`[e2e ${n8nVersion} ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)}s] ${message}`,
	);
const results = [];

async function runCase(testCase, context) {
	if (only && !testCase.name.includes(only)) return;
	const started = Date.now();
	const took = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
	say(`▶ ${testCase.name}`);
	try {
		const detail = await testCase.run(context);
		results.push({ name: testCase.name, ok: true });
		say(`  ✓ ${took()} ${detail ?? ''}`);
	} catch (error) {
		results.push({ name: testCase.name, ok: false, error: error.message });
		say(`  ✗ ${took()} ${error.message}`);
	}
}

async function main() {
	const missing = listExamples().filter(({ fileName }) => !CASE_OF_EXAMPLE[fileName]);
	if (missing.length)
		throw new Error(`examples without an e2e case: ${missing.map((m) => m.fileName).join(', ')}`);

	const stage = await prepareStage({
		workDir: path.join(repoRoot, '.e2e', `e2e-${n8nVersion}`),
		n8nVersion,
		port: await freePort(),
		emulator: { seed: 1, speed: 1800 },
		skipBuild: args.includes('--skip-build'),
		log: say,
	});
	const firmwarePackageId = (await firstFirmwarePackage(stage.client)).package_id;
	await importExamples(stage, {
		devicesFile: path.join(stage.n8n.filesDir, 'rollout-devices.xlsx'),
		firmwarePackageId,
	});
	const context = { ...stage, firmwarePackageId, noBrowser, say };

	for (const testCase of HEADLESS_CASES) await runCase(testCase, context);
	const serverCases = SERVER_CASES.filter((c) => !only || c.name.includes(only));
	if (serverCases.length) {
		for (const testCase of serverCases) await testCase.prepare?.(context);
		await stage.n8n.start();
		await stage.n8n.setupOwner();
		say(`n8n start ready on ${stage.n8n.baseUrl}, owner created`);
		for (const testCase of serverCases) await runCase(testCase, context);
		await stage.n8n.stop();
	}
	await context.fakeOpenAi?.stop();
}

main()
	.catch((error) => {
		results.push({ name: 'setup', ok: false, error: error.message });
		say(`✗ setup failed: ${error.message}`);
	})
	.finally(async () => {
		await stopAllBackground();
		const failed = results.filter((r) => !r.ok);
		console.log(
			`\ne2e on n8n ${n8nVersion}: ${results.length} cases, ${results.length - failed.length} passed, ${failed.length} failed (${((Date.now() - t0) / 1000).toFixed(0)}s)`,
		);
		for (const r of failed) console.log(`  ✗ ${r.name}\n    ${r.error}`);
		if (results.length === 0) console.log('  no case ran (check --only)');
		process.exitCode = failed.length || results.length === 0 ? 1 : 0;
	});
