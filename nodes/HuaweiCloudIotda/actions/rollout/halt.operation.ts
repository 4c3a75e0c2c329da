/**
 * Rollout → Halt: stops every running task of the rollout and records the halt in IoTDA, where every later
 * step reads it (step.ts rule 2): a `<name>_halt` marker task of the rollout's type, scheduled 7 days ahead
 * (IoTDA's farthest schedule_time) for one device of the rollout and stopped at once, so its sub-task never
 * runs. A marker left live by an interrupted Halt is stopped by the next Advance. Permanent: to go on, start
 * a rollout of another name.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { isLive, viewOf, type ObservedState } from './observed';
import { haltTaskName } from './plan';
import { rolloutProperties } from './rolloutProperties';
import type { StepDecision } from './step';
import { createTask, stopTask } from './taskActions';
import {
	readAndDecide,
	rolloutRun,
	serverNow,
	stepOutput,
	type RolloutRun,
	type StepEffects,
} from './stepRun';

export const description = updateDisplayOptions(forOperation('rollout', 'halt'), rolloutProperties);

/** A marker starts this long before IoTDA's 7-day limit, so clock differences cannot push it past. */
const MARKER_START_MS = 7 * 24 * 3600_000 - 3600_000;

async function createMarker(
	this: IExecuteFunctions,
	run: RolloutRun,
	state: ObservedState,
): Promise<string> {
	const device = state.tasks[0]?.targets[0] ?? state.targets[0]?.device_id;
	if (device === undefined)
		throw new NodeOperationError(
			this.getNode(),
			`Rollout "${run.settings.name}" has no device to halt`,
			{
				itemIndex: run.itemIndex,
				description:
					'No wave task exists and the targets list no device, so there is nothing to halt.',
			},
		);
	const known = new Set(state.tasks.map((t) => t.taskId));
	const name = haltTaskName(run.settings.name);
	return await createTask.call(
		this,
		run,
		{ name, deviceIds: [device], startAt: serverNow(run) + MARKER_START_MS },
		known,
	);
}

/**
 * Halts the rollout read in `state`: stops its live tasks (waves, twins, a marker) and creates and stops the
 * marker when none exists. Returns what it did and the decision as it now stands (`halted`).
 */
export async function haltRollout(
	this: IExecuteFunctions,
	run: RolloutRun,
	state: ObservedState,
	decision: StepDecision,
): Promise<{ effects: StepEffects; decision: StepDecision }> {
	const stopped: string[] = [];
	for (const task of state.tasks.filter(isLive))
		if (await stopTask.call(this, run, task.taskId)) stopped.push(task.taskId);
	const created: string[] = [];
	if (!state.tasks.some((t) => t.taskName === haltTaskName(run.settings.name))) {
		const marker = await createMarker.call(this, run, state);
		created.push(marker);
		if (await stopTask.call(this, run, marker)) stopped.push(marker);
	}
	const why = `halted by Rollout → Halt: ${stopped.length} task(s) stopped${created.length ? `, marker task ${created[0]} recorded` : ', the marker already existed'}`;
	return {
		effects: { created, stopped, racesStopped: 0 },
		decision: {
			...decision,
			decision: 'halted',
			// The wave halted is the latest that exists (as Advance reads it later), not the one planned next.
			wave: latestWave(run, state),
			next_check_at: null,
			action: { type: 'none' },
			reasons: [why, ...notCarriedOut(decision)],
		},
	};
}

function latestWave(run: RolloutRun, state: ObservedState): number {
	const waves = viewOf(run.settings, state).waves;
	return waves[waves.length - 1]?.wave ?? 0;
}

/** The step's reasons, its planned wave (the first reason, step.ts) said as not created: Halt creates none. */
function notCarriedOut(decision: StepDecision): string[] {
	const action = decision.action;
	if (action.type !== 'create_wave') return decision.reasons;
	const skipped = `wave ${action.wave} was not created: the rollout is halted`;
	return [skipped, ...decision.reasons.slice(1)];
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const run = rolloutRun.call(this, i);
	const { state, decision } = await readAndDecide.call(this, run);
	const halted = await haltRollout.call(this, run, state, decision);
	return [stepOutput(run, 'halt', halted.decision, halted.effects)];
}
