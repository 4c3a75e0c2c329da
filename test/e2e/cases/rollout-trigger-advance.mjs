// The wave-finished example (examples/rollout-wave-finished-advance.json) activated on `n8n start`: its
// manual path ("Start Rollout", run with `n8n execute`) creates wave 1, then it is activated; IoTDA's push of each
// wave task's end starts the workflow, and its Advance creates the next wave — no schedule, no polling —
// until `complete`. Checked in n8n's executions (one per wave end, in wave order) and in the emulator (the
// planned waves, every device upgraded exactly once).
import { N8nInstance } from '../../harness/n8n-instance.mjs';
import { check, checkEqual, waitFor } from '../lib/check.mjs';
import { listExecutions, readExecution } from '../lib/executions.mjs';
import {
	addTaggedFleet,
	createRolloutWorkflow,
	onRolloutClock,
	ROLLOUT,
	rolloutTasks,
	subTasksPerDevice,
} from '../lib/rollout-fleet.mjs';

export const EXAMPLE = 'rollout-wave-finished-advance.json';

export const name =
	'rollout wave-finished example on n8n start: each wave end pushed by IoTDA advances the rollout to complete';

/** The executions the pushes started, with the finished task and the Advance output of each. */
async function pushedSteps(n8n, id) {
	const steps = [];
	for (const e of await listExecutions(n8n, id)) {
		if (e.mode === 'cli') continue;
		const run = await readExecution(n8n, e.id);
		const [event] = run.outputs('Wave Finished');
		const [step] = run.outputs('Advance Rollout');
		steps.push({
			status: run.status,
			task: event?.task_name,
			decision: step?.decision,
			wave: step?.wave,
		});
	}
	return steps;
}

async function activate(n8n, emulator, id) {
	await n8n.activateWorkflow(id);
	await waitFor('the routing rule', async () =>
		(await emulator.admin('GET', 'routing')).rules.some((r) => r.active),
	);
}

async function deactivate(n8n, emulator, id) {
	await n8n.postJson(`/rest/workflows/${id}/deactivate`, {});
	await waitFor(
		'the routing rule to be deleted',
		async () => (await emulator.admin('GET', 'routing')).rules.length === 0,
	);
}

export async function run(context) {
	const { n8n, emulator } = context;
	// Created on the server as the editor saves a workflow. Seen on n8n 1.123.81: after a second
	// `import:workflow` over the example already imported (and a CLI run), the activated workflow answered
	// IoTDA's pushes 401 (no push secret in its static data); created over REST it works on both versions.
	const id = await createRolloutWorkflow(context, EXAMPLE);
	return onRolloutClock(emulator, () => followWaves(n8n, emulator, id));
}

async function followWaves(n8n, emulator, id) {
	const fleet = await addTaggedFleet(emulator, 'wavt', 20);
	// As the example's note says: run Start Rollout, then activate. The clock is held meanwhile so that wave 1
	// cannot end before the workflow listens.
	await emulator.configure({ speed: 0.001 });
	const start = await n8n.execute(id);
	check(start.ok, `"Start Rollout" run failed: ${start.error} (log ${start.logFile})`);
	const [first] = N8nInstance.nodeOutput(start.run, 'Advance Rollout');
	checkEqual([first.decision, first.wave], ['created_wave', 1], '"Start Rollout" step');
	await activate(n8n, emulator, id);
	await emulator.configure({ speed: 30 });
	try {
		const steps = await waitFor(
			'the pushed steps to reach complete',
			async () => {
				const found = await pushedSteps(n8n, id);
				return found.some((s) => s.decision === 'complete') && found;
			},
			60000,
		).catch(async (error) => {
			const { deliveries } = await emulator.admin('GET', 'routing');
			const shown = deliveries.map((d) => [
				d.task_id,
				d.status,
				d.delivered,
				d.response_status,
				d.url,
			]);
			throw new Error(
				`${error.message}; steps ${JSON.stringify(await pushedSteps(n8n, id))}; pushes ${JSON.stringify(shown)}`,
			);
		});
		await new Promise((r) => setTimeout(r, 2000)); // a push after complete would show by now
		checkEqual(await pushedSteps(n8n, id), steps, 'pushed steps 2 s after complete');
		checkEqual(
			steps.map((s) => [s.status, s.task, s.decision, s.wave]),
			[
				['success', `${ROLLOUT}_w1`, 'created_wave', 2],
				['success', `${ROLLOUT}_w2`, 'created_wave', 3],
				['success', `${ROLLOUT}_w3`, 'complete', 3],
			],
			'executions started by the wave ends (finished task → decision, wave)',
		);
		const tasks = await rolloutTasks(emulator);
		checkEqual(
			Object.entries(tasks).map(([taskName, list]) => [
				taskName,
				list.map((t) => [t.status, t.targets]),
			]),
			[1, 2, 3].map((n, i) => [`${ROLLOUT}_w${n}`, [['Success', [2, 8, 10][i]]]]),
			'wave tasks in IoTDA (10 %, 50 %, 100 % of 20 devices)',
		);
		const perDevice = Object.values(await subTasksPerDevice(emulator, fleet));
		check(
			perDevice.every(([started, succeeded]) => started === 1 && succeeded === 1),
			`every device upgraded exactly once: ${JSON.stringify(perDevice)}`,
		);
		return `Start Rollout → wave 1; pushes → wave 2, wave 3, complete (${steps.length} executions)`;
	} finally {
		await deactivate(n8n, emulator, id);
	}
}
