// The approval example (examples/rollout-approval-between-waves.json) with `n8n start` running: its manual
// path run with `n8n execute` (a second n8n process, as the hourly schedule would run it) creates wave 1;
// a day later (emulator clock) the next run stops at "Wait for Approval" with wave 2 awaiting approval and
// nothing created; another run asks no second time; opening the resume URL the run built resumes that
// execution in the server, and its "Start Approved Wave" creates wave 2 — named by the approval — and only then.
import { N8nInstance } from '../../harness/n8n-instance.mjs';
import { check, checkEqual, waitFor } from '../lib/check.mjs';
import { readExecution } from '../lib/executions.mjs';
import {
	addTaggedFleet,
	importRolloutExample,
	onRolloutClock,
	ROLLOUT,
	rolloutTasks,
	subTasksPerDevice,
} from '../lib/rollout-fleet.mjs';

export const EXAMPLE = 'rollout-approval-between-waves.json';
const WORKFLOW_ID = 'iotdaExRollApprv1';
const output = (result, node) => N8nInstance.nodeOutput(result.run, node) ?? [];

export const name =
	'rollout approval example on n8n start: wave 2 waits for the resume URL, then starts as approved';

export async function prepare(context) {
	await importRolloutExample(context, EXAMPLE);
}

/** One run of the example's manual path; its "Advance Rollout" output. */
async function runOnce(n8n, expectStatus) {
	const result = await n8n.execute(WORKFLOW_ID);
	checkEqual(
		result.run?.status,
		expectStatus,
		`execution status (${result.error}, log ${result.logFile})`,
	);
	const [advanced] = output(result, 'Advance Rollout');
	return { result, advanced };
}

export async function run({ n8n, emulator, runtime }) {
	// n8n 1.x does not keep the static data of a CLI run that ends waiting (it exits first): there the third
	// run asks again. On 2.x, and with the Schedule Trigger of an active workflow, "Ask Once per Wave" holds.
	const asksOnce = runtime.majorVersion >= 2;
	return onRolloutClock(emulator, () => approveWave2(n8n, emulator, asksOnce));
}

async function approveWave2(n8n, emulator, asksOnce) {
	const fleet = await addTaggedFleet(emulator, 'appr', 20);

	const first = await runOnce(n8n, 'success');
	checkEqual(
		[first.advanced.decision, first.advanced.wave, first.advanced.planned_action.devices],
		['created_wave', 1, 2],
		'first run (wave 1 needs no approval)',
	);
	checkEqual(output(first.result, 'Approval Request'), [], 'approval asked for wave 1');

	// A day later wave 1 has succeeded and soaked (24 h): wave 2 awaits approval and the run waits.
	await emulator.configure({ advanceMs: 25 * 3600_000 });
	const second = await runOnce(n8n, 'waiting');
	checkEqual(
		[second.advanced.decision, second.advanced.wave],
		['awaiting_approval', 2],
		'second run',
	);
	const [asked] = output(second.result, 'Approval Request');
	checkEqual(asked?.wave, 2, 'wave named by the approval request');
	const resume = /\/webhook-waiting\/(\d+)/.exec(asked.approve_url ?? '');
	check(resume, `approve_url ${asked.approve_url} is not a resume URL`);
	const third = await runOnce(n8n, asksOnce ? 'success' : 'waiting');
	checkEqual(third.advanced.decision, 'awaiting_approval', 'third run');
	if (asksOnce) checkEqual(output(third.result, 'Approval Request'), [], 'wave 2 asked again');
	checkEqual(Object.keys(await rolloutTasks(emulator)), [`${ROLLOUT}_w1`], 'tasks before approval');

	const answer = await fetch(asked.approve_url);
	checkEqual(answer.status, 200, `resume URL answer (${(await answer.text()).slice(0, 200)})`);
	const resumed = await waitFor('the approved execution to finish', async () => {
		const e = await readExecution(n8n, resume[1]);
		return !['waiting', 'running', 'new'].includes(e.status) && e;
	});
	checkEqual(resumed.status, 'success', 'status of the approved execution');
	const [started] = resumed.outputs('Start Approved Wave');
	const tasks = await rolloutTasks(emulator);
	const wave2 = tasks[`${ROLLOUT}_w2`] ?? [];
	checkEqual(
		[started?.decision, started?.wave, started?.created_task_ids, wave2.map((t) => t.targets)],
		['created_wave', 2, wave2.map((t) => t.task_id), [8]],
		'"Start Approved Wave" output and the wave-2 task (50 % of 20 devices, less wave 1)',
	);
	await emulator.configure({ advanceMs: 3600_000 });
	const perDevice = Object.values(await subTasksPerDevice(emulator, fleet));
	checkEqual(
		[perDevice.filter(([s]) => s === 1).length, perDevice.filter(([s]) => s > 1).length],
		[10, 0],
		'devices with one / more than one started sub-task',
	);
	return `wave 1 → awaiting_approval (wave 2${asksOnce ? ', asked once' : ''}) → resume URL → wave 2 task ${wave2[0].task_id} (8 devices)`;
}
