// Issue #26 in a real n8n: a recurring rollout that targets "the devices not yet on version X" converges.
// The emulator holds a product whose devices run mixed firmware versions; Create → Firmware Upgrade with
// Target Source "Devices Matching a Search" (firmware version is not X) targets exactly the devices not on X;
// once those tasks succeeded (the emulator moves an upgraded device to the package's version), the same
// workflow run again creates no task and its output says every device is on X.
import { N8nInstance } from '../../harness/n8n-instance.mjs';
import { check, checkEqual } from '../lib/check.mjs';
import { manualWorkflow } from '../lib/manual-workflow.mjs';

export const name =
	'search target: "firmware version is not X" upgrades exactly the devices behind, then creates no task';

const WORKFLOW_ID = 'iotdaE2eSearchTarget1';
const NODE = 'Upgrade devices behind';

const searchWorkflow = (pkg) =>
	manualWorkflow({
		id: WORKFLOW_ID,
		name: 'IoTDA e2e: devices not on version X',
		node: NODE,
		parameters: {
			resource: 'batchTask',
			operation: 'create',
			taskType: 'firmwareUpgrade',
			taskName: 'e2e_fleet_to_latest',
			targetSource: 'deviceSearch',
			searchProductId: pkg.product_id,
			searchFirmwareMatch: 'isNot',
			searchFirmwareVersions: pkg.version,
			packageId: pkg.package_id,
			options: { waitForCompletion: true, pollInterval: 1, maxWait: 10 },
		},
	});

export async function run({ n8n, emulator, client }) {
	await emulator.reset();
	const ak = emulator.accounts?.basic?.ak;
	const { packages } = await client.listOtaPackages('firmwarePackage');
	const pkg = packages[0];
	const X = pkg.version;
	// 60 more devices of the package's product: a third on X, the others behind on two older versions.
	await emulator.admin('POST', 'devices', {
		count: 60,
		prefix: 'fleet',
		product_id: pkg.product_id,
		fw_versions: [X, 'V0.9.0', 'V0.8.0'],
		...(ak ? { ak } : {}),
	});
	const devices = async () =>
		(
			await emulator.admin(
				'GET',
				`devices?product_id=${encodeURIComponent(pkg.product_id)}${ak ? `&ak=${ak}` : ''}`,
			)
		).devices;
	const before = await devices();
	const behind = before.filter((d) => d.fw_version !== X).map((d) => d.device_id);
	check(
		behind.length >= 40 && behind.length < before.length,
		`mixed versions expected: ${behind.length} of ${before.length} behind`,
	);
	await n8n.importWorkflows([searchWorkflow(pkg)]);

	const first = await n8n.execute(WORKFLOW_ID);
	check(first.ok, `first run failed: ${first.error} (log ${first.logFile})`);
	const [task] = N8nInstance.nodeOutput(first.run, NODE);
	checkEqual(
		[task?.status, task?.device_count, task?.matched_devices, task?.found_by, task?.targets_from],
		['Success', behind.length, behind.length, 'SearchDevices', 'device search'],
		'first run: the task, its devices and how they were found',
	);
	const { tasks } = await emulator.state();
	checkEqual(
		tasks.map((t) => [t.task_name, t.targets, t.status]),
		[['e2e_fleet_to_latest', behind.length, 'Success']],
		'tasks stored in the emulator after the first run',
	);
	// The task moved only its targets; every device is now on X, so its targets were exactly those behind.
	const after = await devices();
	checkEqual(
		after.filter((d) => d.fw_version !== X).map((d) => d.device_id),
		[],
		'devices still not on X after the first run',
	);

	const second = await n8n.execute(WORKFLOW_ID);
	check(second.ok, `second run failed: ${second.error} (log ${second.logFile})`);
	const [none] = N8nInstance.nodeOutput(second.run, NODE);
	checkEqual(
		[none?.created, none?.device_count, none?.matched_devices],
		[false, 0, 0],
		'second run: no task, no device',
	);
	check(
		new RegExp(`every device .* is already on firmware version ${X.replace(/\./g, '\\.')}`).test(
			String(none?.reason),
		),
		`second run's reason does not say every device is on ${X}: ${none?.reason}`,
	);
	checkEqual((await emulator.state()).tasks.length, 1, 'tasks after the second run');
	return `${behind.length} of ${before.length} devices behind ${X} upgraded in one task; second run: "${none.reason}"`;
}
