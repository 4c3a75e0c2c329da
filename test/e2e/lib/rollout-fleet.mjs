// What the rollout examples' e2e cases share: the example imported with the emulator's V1.2.0 firmware package
// in its Rollout Settings (as a user sets it), a fleet of devices on V1.0.0 tagged with the examples' Tag Key,
// and what IoTDA then holds — the rollout's tasks and every device's started and succeeded sub-tasks.
import { loadExample, setAssignment, withCredential } from '../../harness/examples.mjs';

/** The examples' Rollout Settings: rolloutName and tagKey as shipped. */
export const ROLLOUT = 'fw_1_2_0_sensors';
const TAG_KEY = 'fw_rollout';
const TARGET_VERSION = 'V1.2.0';

async function withTargetPackage(client, fileName) {
	const { packages } = await client.listOtaPackages('firmwarePackage');
	const pkg = packages.find((p) => p.version === TARGET_VERSION);
	if (!pkg) throw new Error(`the emulator has no ${TARGET_VERSION} firmware package`);
	const workflow = withCredential(loadExample(fileName));
	setAssignment(workflow, 'Rollout Settings', 'firmwarePackageId', pkg.package_id);
	return workflow;
}

/** Imports the example with the package filled in (before `n8n start`: imports need the CLI). */
export async function importRolloutExample({ n8n, client }, fileName) {
	await n8n.importWorkflows([await withTargetPackage(client, fileName)]);
}

/**
 * Creates a copy of the example with the package filled in on the running server (as the editor saves one);
 * returns the ID n8n gave it (1.x ignores the ID sent).
 */
export async function createRolloutWorkflow({ n8n, client }, fileName) {
	const { id, ...workflow } = await withTargetPackage(client, fileName);
	const created = await n8n.postJson('/rest/workflows', {
		...workflow,
		name: `${workflow.name} (${id})`,
	});
	return String(created.data.id);
}

/** `count` devices `<prefix>-000001`… of the package's product on V1.0.0 with the Tag Key; their IDs. */
export async function addTaggedFleet(emulator, prefix, count) {
	const { devices } = await emulator.admin('POST', 'devices', {
		count,
		prefix,
		fw_versions: ['V1.0.0'],
		tags: [{ tag_key: TAG_KEY, tag_value: 'yes' }],
	});
	return devices.map((d) => d.device_id);
}

/** The rollout's tasks as the emulator holds them, by name: {name: [{task_id, status, targets}]}. */
export async function rolloutTasks(emulator) {
	const byName = {};
	for (const t of (await emulator.state()).tasks)
		if (t.task_name.startsWith(`${ROLLOUT}_`))
			(byName[t.task_name] ??= []).push({
				task_id: t.task_id,
				status: t.status,
				targets: t.targets,
			});
	return byName;
}

/**
 * Runs `fn()` on a fresh emulator (reset) with its clock at 30× and restores the clock's speed after. A wave
 * is created to start 60 s (IoTDA time) after the step read IoTDA's time; at the stage's 1800× those 60 s are
 * 33 ms, less than a step may take between its last reading and its create (IoTDA then refuses a start in the
 * past). At 30× they are 2 s, and a wave of this fleet runs in about 2 s.
 */
export async function onRolloutClock(emulator, fn) {
	const { speed } = (await emulator.state()).config;
	await emulator.reset();
	await emulator.configure({ speed: 30 });
	try {
		return await fn();
	} finally {
		await emulator.configure({ speed });
	}
}

/** Per device of `fleet`: [sub-tasks started, sub-tasks succeeded] over every task (emulator's sub-task log). */
export async function subTasksPerDevice(emulator, fleet) {
	const { sub_tasks: rows } = await emulator.admin('GET', 'sub-task-log');
	return Object.fromEntries(
		fleet.map((id) => {
			const mine = rows.filter((r) => r.target === id);
			return [id, [mine.filter((r) => r.started).length, mine.filter((r) => r.succeeded).length]];
		}),
	);
}
