// Issue #27 in a real n8n: the Advance example (examples/scheduled-rollout-advance.json) takes a rollout of
// 1,000 emulator devices through its 4 waves in 6 separate executions — `n8n execute` and HTTP on `n8n start`,
// with `n8n start` restarted between two steps — and a second rollout whose wave 2 fails halts for good.
// Asserted from n8n's output (decision, wave, counts, the message node the Switch chose) and from what the
// emulator stores (the wave tasks, their times and every sub-task, the versions the devices report).
import {
	ADVANCE_EXAMPLE,
	CONVERGE_ROLLOUT,
	HALT_ROLLOUT,
	RolloutDriver,
	atRealSpeed,
	fleetVersions,
	resetEmulator,
	rolloutPackage,
	stepLine,
	subTasksOf,
} from '../../harness/rollout-converge.mjs';
import { check, checkEqual } from '../lib/check.mjs';

export const EXAMPLE = ADVANCE_EXAMPLE;
export const name =
	'rollout advance: 1,000 devices in 4 waves over 6 executions with an n8n restart → complete; a failing wave 2 halts';

export async function prepare(context) {
	const pkg = await rolloutPackage(context.client);
	const drivers = [CONVERGE_ROLLOUT, HALT_ROLLOUT].map(
		(spec) => new RolloutDriver({ n8n: context.n8n, emulator: context.emulator, spec, pkg }),
	);
	for (const driver of drivers) await driver.prepare();
	context.rolloutAdvance = { pkg, drivers };
}

const iotdaTime = (s) =>
	Date.parse(String(s).replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));

/** The rollout's tasks in the emulator, in wave order, each with its stored create/start time and sub-tasks. */
async function storedWaves({ emulator, client }, rollout) {
	const { tasks } = await emulator.state();
	const mine = tasks.filter((t) => t.task_name.startsWith(`${rollout}_`));
	const waves = [];
	for (const task of mine.sort((a, b) => a.task_name.localeCompare(b.task_name))) {
		const shown = (await client.showBatchTask(task.task_id, { limit: 1 })).batchtask;
		waves.push({
			...task,
			createdAt: iotdaTime(shown.create_time),
			startAt: iotdaTime(shown.task_policy?.schedule_time),
			subTasks: await subTasksOf(client, task.task_id),
		});
	}
	return waves;
}

const decisions = (records) => records.map((r) => [r.out.decision, r.out.wave]);

/** n8n's side of the converging rollout: decisions, wave sizes, what each creating step saw, the end. */
function checkConvergeOutput(records) {
	checkEqual(
		decisions(records),
		[
			['created_wave', 1],
			['soaking_until', 2],
			['created_wave', 2],
			['created_wave', 3],
			['created_wave', 4],
			['complete', 4],
		],
		'decisions and waves of the 6 steps',
	);
	const created = records.filter((r) => r.out.decision === 'created_wave');
	checkEqual(
		created.map((r) => [r.out.planned_action.devices, r.out.created_task_ids.length]),
		[
			[50, 1],
			[200, 1],
			[250, 1],
			[500, 1],
		],
		'wave sizes (5 %, 25 %, 50 %, 100 % of 1,000) and tasks created per step',
	);
	// Each creating step saw every earlier wave's device succeed and none pending (the threshold met).
	checkEqual(
		created.map((r) => [r.out.counts.succeeded, r.out.counts.pending, r.out.counts.failed]),
		[
			[0, 0, 0],
			[50, 0, 0],
			[250, 0, 0],
			[500, 0, 0],
		],
		'succeeded/pending/failed seen by the steps that created waves 1–4',
	);
	checkEqual(
		records.at(-1).out.counts,
		{
			targets: 1000,
			on_target_version: 1000,
			succeeded: 1000,
			failed: 0,
			pending: 0,
			never_started: 0,
		},
		'counts of the final step',
	);
}

/** Every step ended in the message node of its decision; steps 3 and 4 ran on two `n8n start` processes. */
function checkConvergeRouting(records, routes) {
	for (const r of records.filter((x) => x.via === 'cli'))
		checkEqual(
			r.route,
			routes[r.out.decision],
			`message node the Switch chose for ${r.out.decision}`,
		);
	for (const r of records)
		check(
			typeof r.message === 'string' && r.message.includes(`Rollout ${CONVERGE_ROLLOUT.rollout}`),
			`step ${r.out.decision} has no message: ${JSON.stringify(r.message)}`,
		);
	const [, , third, fourth] = records;
	check(
		third.pid && fourth.pid && third.pid !== fourth.pid,
		`steps 3 and 4 should run on two n8n start processes (pids ${third.pid}, ${fourth.pid})`,
	);
}

/** The emulator's side: the 4 wave tasks, when each was created, and every device upgraded exactly once. */
async function checkConvergeStored(context, soakMs) {
	const waves = await storedWaves(context, CONVERGE_ROLLOUT.rollout);
	checkEqual(
		waves.map((w) => [w.task_name, w.targets, w.status]),
		[50, 200, 250, 500].map((size, i) => [
			`${CONVERGE_ROLLOUT.rollout}_w${i + 1}`,
			size,
			'Success',
		]),
		'rollout tasks stored (no twin, no halt marker, no fifth wave)',
	);
	for (let i = 1; i < waves.length; i++)
		check(
			waves[i].createdAt >= waves[i - 1].startAt + soakMs,
			`wave ${i + 1} created ${new Date(waves[i].createdAt).toISOString()}, before wave ${i} (started ${new Date(waves[i - 1].startAt).toISOString()}) had soaked ${soakMs / 3600_000} h`,
		);
	const upgrades = new Map();
	for (const d of waves.flatMap((w) => w.subTasks))
		upgrades.set(d.target, [...(upgrades.get(d.target) ?? []), d.status]);
	const devices = await fleetVersions(context.emulator, CONVERGE_ROLLOUT.prefix);
	checkEqual(devices.length, 1000, 'fleet size');
	const wrong = devices.filter(
		(d) =>
			d.fw_version !== context.rolloutAdvance.pkg.version ||
			upgrades.get(d.device_id)?.join() !== 'Success',
	);
	checkEqual(
		wrong.map((d) => [d.device_id, d.fw_version, upgrades.get(d.device_id)]),
		[],
		'devices not upgraded exactly once',
	);
	checkEqual(upgrades.size, 1000, 'devices with a sub-task');
}

async function checkHalt(context, records) {
	checkEqual(
		decisions(records),
		[
			['created_wave', 1],
			['waiting', 1],
			['created_wave', 2],
			['halted', 2],
			['halted', 2],
		],
		'decisions and waves of the failing rollout',
	);
	check(
		/wave 2 .*15 of 20 devices report the target version, below the 95% threshold/.test(
			records[3].out.reasons[0],
		),
		`halt reason: ${records[3].out.reasons[0]}`,
	);
	check(records[3].message.includes('HALTED at wave 2'), `halt message: ${records[3].message}`);
	checkEqual(
		records.slice(3).map((r) => r.out.created_task_ids),
		[[], []],
		'tasks created by the halted steps',
	);
	const waves = await storedWaves(context, HALT_ROLLOUT.rollout);
	checkEqual(
		waves.map((w) => [w.task_name, w.targets, w.status, w.progress.success, w.progress.fail]),
		[
			[`${HALT_ROLLOUT.rollout}_w1`, 5, 'Success', 5, 0],
			[`${HALT_ROLLOUT.rollout}_w2`, 20, 'PartialSuccess', 15, 5],
		],
		'tasks of the failing rollout (no wave 3 or 4)',
	);
	const upgraded = (await fleetVersions(context.emulator, HALT_ROLLOUT.prefix)).filter(
		(d) => d.fw_version === context.rolloutAdvance.pkg.version,
	);
	checkEqual(upgraded.length, 20, 'devices of the failing rollout on the version');
}

export async function run(context) {
	const { pkg, drivers } = context.rolloutAdvance;
	const [converge, halt] = drivers;
	const say = (record, i) => context.say(`    ${stepLine(record, i, pkg.version)}`);
	const summary = (records) =>
		`${records.length} executions (${decisions(records)
			.map(([d]) => d)
			.join(' → ')}), requests per step ${records.map((r) => r.out.requests).join('/')}`;
	return atRealSpeed(context.emulator, async () => {
		await resetEmulator(context.emulator, context.client, pkg);
		const first = await converge.run(say);
		checkConvergeOutput(first);
		checkConvergeRouting(first, converge.routes);
		await checkConvergeStored(context, converge.soakMs);
		await resetEmulator(context.emulator, context.client, pkg);
		const second = await halt.run(say);
		await checkHalt(context, second);
		return `converge: ${summary(first)}; halt: ${summary(second)}`;
	});
}
