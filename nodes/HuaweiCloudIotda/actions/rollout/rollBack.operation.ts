/**
 * Rollout → Roll Back: explicit, never automatic. Halts the rollout (halt.operation.ts), then creates
 * upgrade tasks `<name>_rb1`, `<name>_rb2`, … (≤ 30,000 devices each, IoTDA's targets per task) to the
 * previous package(s) for the rollout's wave devices that report the target version. Refused by name when a
 * rollback task of the rollout already exists (a re-run would send the devices twice).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chunk } from '../../helpers/arrays';
import { LIMITS, PATTERNS } from '../../helpers/apiRules';
import { parseIdList } from '../../helpers/idList';
import { InputError } from '../../helpers/inputErrors';
import { parseIotdaTime } from '../../helpers/iotdaTime';
import { withNameSuffix } from '../../helpers/validate';
import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { viewOf, type ObservedState } from './observed';
import { rolloutProperties } from './rolloutProperties';
import { START_GUARD_MS } from './step';
import { haltRollout } from './halt.operation';
import { listTasksOfType } from './state';
import { createTask, stopTask } from './taskActions';
import { readAndDecide, rolloutRun, serverNow, stepOutput, type RolloutRun } from './stepRun';

export const description = updateDisplayOptions(forOperation('rollout', 'rollBack'), [
	{
		displayName: 'Roll Back to Package IDs',
		name: 'rollbackPackageIds',
		type: 'string',
		required: true,
		default: '',
		description:
			'The OTA package(s) of the previous version. Devices of the rollout that report the Target Version are upgraded to it; the rollout is halted first.',
	},
	...rolloutProperties,
]);

function rollbackPackages(value: unknown): string[] {
	const ids = parseIdList('Roll Back to Package IDs', value, LIMITS.packageIdMaxLength);
	if (!ids.length)
		throw new InputError('Roll Back to Package IDs', value, 'needs at least one package ID');
	const bad = ids.find((id) => !PATTERNS.packageId.test(id));
	if (bad) throw new InputError('Roll Back to Package IDs', bad, 'is not a package ID');
	return [...new Set(ids)];
}

/** The rollout's wave devices that report the target version, in device ID order. */
function upgradedDevices(run: RolloutRun, state: ObservedState): string[] {
	const view = viewOf(run.settings, state);
	const version = (d: { fw_version?: string; sw_version?: string }) =>
		run.settings.taskType === 'firmwareUpgrade' ? d.fw_version : d.sw_version;
	const on = new Set(
		state.targets
			.concat(state.waveDevices)
			.filter((d) => version(d) === run.settings.targetVersion)
			.map((d) => d.device_id),
	);
	return [...new Set(view.waves.flatMap((w) => w.task.targets))].filter((id) => on.has(id)).sort();
}

async function refuseRepeat(this: IExecuteFunctions, run: RolloutRun): Promise<void> {
	const first = withNameSuffix(run.settings.name, '_rb1', 'for the rollback');
	const tasks = await listTasksOfType.call(this, run.settings, run.itemIndex, run.options);
	if (!tasks.some((t) => t.task_name === first)) return;
	throw new NodeOperationError(
		this.getNode(),
		`Rollout "${run.settings.name}" was already rolled back (task "${first}" exists)`,
		{
			itemIndex: run.itemIndex,
			description:
				'Nothing was created. Follow the rollback tasks with Batch Task → Get; to roll back again, delete them first.',
		},
	);
}

/** Refuses a rollback package that is one of the rollout's own: it would "roll back" to the new version. */
function refuseOwnPackage(run: RolloutRun, packages: string[]): void {
	const own = packages.find((id) => run.settings.packageIds.includes(id));
	if (own)
		throw new InputError(
			'Roll Back to Package IDs',
			own,
			"is a package of the rollout itself (Package IDs); give the previous version's package",
		);
}

/** Earliest `create_time`, then the smallest task ID: the task of a name that stays (as for waves, observed.ts). */
function byCreation(a: IDataObject, b: IDataObject): number {
	const time = (t: IDataObject) => parseIotdaTime(t.create_time) ?? 0;
	const [x, y] = [String(a.task_id), String(b.task_id)];
	return time(a) - time(b) || (x < y ? -1 : x > y ? 1 : 0);
}

/**
 * Stops the twins of `names` that Roll Backs run at the same moment created (each passed refuseRepeat before
 * any had created): of each name the earliest task stays. Rollback tasks start START_GUARD_MS after their
 * creation, so a twin is stopped before any device is sent back twice. Returns the IDs this run stopped.
 */
async function stopRacedTwins(
	this: IExecuteFunctions,
	run: RolloutRun,
	names: string[],
): Promise<string[]> {
	const listed = await listTasksOfType.call(this, run.settings, run.itemIndex, run.options);
	const stopped: string[] = [];
	for (const name of names) {
		const twins = listed
			.filter((t) => t.task_name === name)
			.sort(byCreation)
			.slice(1);
		for (const twin of twins)
			if (await stopTask.call(this, run, String(twin.task_id))) stopped.push(String(twin.task_id));
	}
	return stopped;
}

/** Creates `<name>_rb1`, … for `devices` (≤ 30,000 each) to `packages`; returns their IDs and names. */
async function createRollbackTasks(
	this: IExecuteFunctions,
	run: RolloutRun,
	state: ObservedState,
	devices: string[],
	packages: string[],
): Promise<{ ids: string[]; names: string[] }> {
	const known = new Set(state.tasks.map((t) => t.taskId));
	const ids: string[] = [];
	const names: string[] = [];
	for (const [k, deviceIds] of chunk(devices, LIMITS.maxTargets).entries()) {
		const name = withNameSuffix(run.settings.name, `_rb${k + 1}`, 'for the rollback');
		const startAt = serverNow(run) + START_GUARD_MS;
		names.push(name);
		ids.push(
			await createTask.call(this, run, { name, deviceIds, startAt, packageIds: packages }, known),
		);
	}
	return { ids, names };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const packages = rollbackPackages(this.getNodeParameter('rollbackPackageIds', i, ''));
	const run = rolloutRun.call(this, i);
	refuseOwnPackage(run, packages);
	await refuseRepeat.call(this, run);
	const { state, decision } = await readAndDecide.call(this, run);
	const halted = await haltRollout.call(this, run, state, decision);
	const devices = upgradedDevices(run, state);
	const rollback = await createRollbackTasks.call(this, run, state, devices, packages);
	const raced = rollback.names.length ? await stopRacedTwins.call(this, run, rollback.names) : [];
	const why = `rolled back: ${devices.length} device(s) that report ${run.settings.targetVersion} are upgraded to ${packages.join(', ')}`;
	const race = raced.length
		? [
				`another Roll Back ran at the same moment: ${raced.length} second rollback task(s) stopped before they started (${raced.join(', ')})`,
			]
		: [];
	const rolledBack = { ...halted.decision, reasons: [why, ...race, ...halted.decision.reasons] };
	const effects = {
		created: [...halted.effects.created, ...rollback.ids],
		stopped: [...halted.effects.stopped, ...raced],
		racesStopped: raced.length,
	};
	return [stepOutput(run, 'rollBack', rolledBack, effects)];
}
