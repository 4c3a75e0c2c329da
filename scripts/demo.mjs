#!/usr/bin/env node
// `npm run demo` — the package in a real n8n, end to end, with one command:
//   build the package, start the local IoTDA emulator, provision n8n 2.41.1 on Node 24 (first run
//   only, cached outside the repo), install the package, import the demo credential and the example
//   workflows, run the scheduled-rollout example headless, and print what the account really holds;
//   then (emulator only) a rollout that takes days, one Rollout → Advance step per execution
//   (examples/scheduled-rollout-advance.json): 1,000 devices converge wave by wave over 6 executions with an
//   n8n restart between two of them, and a second rollout halts when its wave 2 fails.
//
//   npm run demo                 headless; stops everything at the end
//   npm run demo -- --readme-chart   also writes the chart the report example mailed to docs/report-chart.png
//   npm run demo -- --ui         then leaves the n8n editor running on http://127.0.0.1:5678 (Ctrl-C stops)
//   npm run dev                  same as --ui
//
// A real account instead of the emulator: set IOTDA_ENDPOINT, IOTDA_AK, IOTDA_SK, IOTDA_PROJECT_ID,
// IOTDA_REGION (optional IOTDA_INSTANCE_ID) and what to roll out: IOTDA_FIRMWARE_PACKAGE_ID and
// IOTDA_DEVICE_IDS (comma separated). The demo then creates a REAL firmware upgrade task.
import fs from 'node:fs';
import path from 'node:path';
import { demoDeviceIds, writeDeviceSheet } from '../test/harness/device-sheet.mjs';
import { OWNER, N8nInstance } from '../test/harness/n8n-instance.mjs';
import { repoRoot } from '../test/harness/package-under-test.mjs';
import { freePort, isPortFree, stopAllBackground } from '../test/harness/processes.mjs';
import { realAccountFromEnv } from '../test/harness/real-account.mjs';
import { runReportExample } from '../test/harness/report-example.mjs';
import {
	CONVERGE_ROLLOUT,
	FROM_VERSION,
	HALT_ROLLOUT,
	RolloutDriver,
	atRealSpeed,
	fleetVersions,
	resetEmulator,
	rolloutPackage,
	stepLine,
} from '../test/harness/rollout-converge.mjs';
import { formatReport, progressLine, waitForTasks } from '../test/harness/rollout-report.mjs';
import { firstFirmwarePackage, importExamples, prepareStage } from '../test/harness/stage.mjs';

const ROLLOUT_WORKFLOW_ID = 'iotdaExRollout01';
const CREATE_NODE = 'Create Firmware Rollout';
const SUMMARY_NODE = 'Rollout Summary';
// Emulator devices that are "offline" in this demo, so that the summary shows failures too.
const OFFLINE_DEVICES = ['dev-0013', 'dev-0077'];

const args = process.argv.slice(2);
const ui = args.includes('--ui');
const skipBuild = args.includes('--skip-build');
const port = Number(args[args.indexOf('--port') + 1]) || 5678;
const readmeChart = args.includes('--readme-chart');

const t0 = Date.now();
const say = (message) =>
	console.log(`[demo ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)}s] ${message}`);

function loudRealAccountWarning(real) {
	const bar = '!'.repeat(78);
	console.log(`\n${bar}\n!!  ${real.label}`);
	console.log(
		`!!  This demo will CREATE A REAL firmwareUpgrade batch task on ${real.deviceIds.length} device(s)`,
	);
	console.log(
		`!!  with firmware package ${real.firmwarePackageId}. Press Ctrl-C within 10 seconds to abort.`,
	);
	console.log(`${bar}\n`);
}

/** The report example on the demo's task: its mail (to a local sink) carries the chart, saved as a file. */
async function reportStep(stage, taskId) {
	say(`running "batch task report" headless on task ${taskId} (mail and chat go to local sinks)…`);
	const { result, mails, posts } = await runReportExample(stage, {
		taskId,
		workflowId: 'iotdaDemoReport1',
	});
	const chart = mails[0]?.attachments.find((a) => a.cid === 'chart')?.content;
	if (!result.ok || !chart)
		throw new Error(`the report workflow failed in n8n: ${result.error}\n  log: ${result.logFile}`);
	const files = [path.join(stage.n8n.workDir, 'report-chart.png')];
	if (readmeChart) files.push(path.join(repoRoot, 'docs', 'report-chart.png'));
	for (const file of files) fs.writeFileSync(file, chart);
	say(`mailed "${mails[0].subject}" with the chart (${chart.length} bytes): ${files.join(', ')}`);
	console.log(`\nThe chat received:\n${posts[0]?.body?.text ?? '(nothing)'}\n`);
}

/**
 * The rollouts that take days, in the emulator: each step one execution of the Advance example, the emulator
 * clock moved between steps (hours of soak in no time), `n8n start` restarted between two steps.
 */
async function advanceRollouts(stage) {
	const pkg = await rolloutPackage(stage.client);
	const drivers = [CONVERGE_ROLLOUT, HALT_ROLLOUT].map(
		(spec) => new RolloutDriver({ n8n: stage.n8n, emulator: stage.emulator, spec, pkg }),
	);
	for (const driver of drivers) await driver.prepare();
	await atRealSpeed(stage.emulator, async () => {
		for (const driver of drivers) {
			const { spec } = driver;
			await resetEmulator(stage.emulator, stage.client, pkg); // each rollout's search sees its own fleet
			const failing = spec.failing.length ? `; ${spec.failing.join(', ')} are offline (fail)` : '';
			console.log('');
			say(
				`rollout "${spec.rollout}": ${spec.count} ${pkg.product_name} devices on firmware ${FROM_VERSION} → ` +
					`${pkg.version}, waves 5/25/50/100 %, soak ${driver.soakMs / 3600_000} h, threshold 95 %${failing}`,
			);
			const records = await driver.run((record, i) => say(`  ${stepLine(record, i, pkg.version)}`));
			say(`  the workflow's message: ${records.at(-1).message}`);
			const fleet = await fleetVersions(stage.emulator, spec.prefix);
			const { tasks } = await stage.emulator.state();
			say(
				`  emulator: ${fleet.filter((d) => d.fw_version === pkg.version).length} of ${fleet.length} devices report ${pkg.version}; ` +
					`tasks ${tasks.map((t) => `${t.task_name} ${t.targets} ${t.status}`).join(', ')}`,
			);
		}
	});
}

async function main() {
	const real = realAccountFromEnv();
	if (real) {
		loudRealAccountWarning(real);
		await new Promise((r) => setTimeout(r, 10000));
	}
	if (ui && !(await isPortFree(port)))
		throw new Error(`port ${port} on 127.0.0.1 is in use; stop what runs there or pass --port N`);

	const stage = await prepareStage({
		workDir: path.join(repoRoot, '.e2e', 'demo'),
		// Without --ui, `n8n start` only serves the rollout steps: any free port.
		port: ui ? port : await freePort(),
		realAccount: real,
		emulator: { seed: 1, speed: 1800 },
		skipBuild,
		log: say,
	});
	let firmwarePackageId;
	let deviceIds;
	if (real) {
		firmwarePackageId = real.firmwarePackageId;
		deviceIds = real.deviceIds;
	} else {
		await stage.emulator.configure({ failTargets: OFFLINE_DEVICES });
		const pkg = await firstFirmwarePackage(stage.client);
		firmwarePackageId = pkg.package_id;
		deviceIds = demoDeviceIds(1, 120);
		say(
			`emulator: firmware package ${pkg.product_name} ${pkg.version} (${pkg.package_id}); ${OFFLINE_DEVICES.join(', ')} are offline`,
		);
	}
	const devicesFile = writeDeviceSheet(
		stage.runtime,
		path.join(stage.n8n.filesDir, 'rollout-devices.xlsx'),
		deviceIds,
	);
	const workflows = await importExamples(stage, { devicesFile, firmwarePackageId });
	say(
		`imported ${workflows.length} example workflow(s); device sheet ${devicesFile} (${deviceIds.length} devices)`,
	);

	say('running "scheduled firmware rollout" headless (n8n execute)…');
	const result = await stage.n8n.execute(ROLLOUT_WORKFLOW_ID);
	if (!result.ok)
		throw new Error(
			`the rollout workflow failed in n8n: ${result.error}\n  log: ${result.logFile}`,
		);
	const created = N8nInstance.nodeOutput(result.run, CREATE_NODE) ?? [];
	const summaryItem = (N8nInstance.nodeOutput(result.run, SUMMARY_NODE) ?? [])[0];
	say(
		`n8n finished in ${(result.durationMs / 1000).toFixed(1)}s; "${SUMMARY_NODE}": ${JSON.stringify(summaryItem)}`,
	);
	const taskIds = created.map((item) => item.task_id).filter(Boolean);
	if (taskIds.length === 0)
		throw new Error(`"${CREATE_NODE}" output no task id: ${JSON.stringify(created).slice(0, 500)}`);

	say(`following ${taskIds.length} task(s) in ${real ? 'the real account' : 'the emulator'}…`);
	let last = '';
	const tasks = await waitForTasks(stage.client, taskIds, {
		timeoutMs: real ? 30000 : 90000,
		onProgress: (current) => {
			const line = progressLine(current);
			if (line !== last) say(`  ${(last = line)}`);
		},
	});
	console.log(`\nWhat ${real ? 'the REAL account' : 'the IoTDA emulator'} holds now:`);
	console.log(formatReport(tasks));
	if (stage.emulator) {
		const state = await stage.emulator.state();
		console.log(`  (emulator admin API: ${state.tasks.length} task(s) stored in total)`);
	}
	console.log('');
	await reportStep(stage, taskIds[0]);
	if (stage.emulator) await advanceRollouts(stage);

	if (!ui) return;
	if (!stage.n8n.server) await stage.n8n.start();
	if (!stage.n8n.cookie) await stage.n8n.setupOwner();
	console.log(
		`n8n ${stage.runtime.n8nVersion} editor: ${stage.n8n.baseUrl}/workflow/${ROLLOUT_WORKFLOW_ID}`,
	);
	console.log(`  log in as ${OWNER.email} / ${OWNER.password} (a local throwaway account)`);
	console.log(
		`  credential "Huawei Cloud IoTDA (demo)" points at ${real ? 'the REAL account' : `the emulator (${stage.emulator.url})`}`,
	);
	console.log('Press Ctrl-C to stop n8n and the emulator.');
	await new Promise(() => {}); // until Ctrl-C (processes.mjs stops the children)
}

main()
	.catch((error) => {
		console.error(`\nDEMO FAILED: ${error.message}`);
		process.exitCode = 1;
	})
	.finally(async () => {
		if (!ui || process.exitCode) await stopAllBackground();
	});
