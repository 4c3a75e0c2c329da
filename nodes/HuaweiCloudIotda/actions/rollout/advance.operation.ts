/**
 * Rollout → Advance: reads the rollout's whole state from IoTDA, decides ONE step (step.ts) and carries it
 * out — create the next wave (scheduled START_GUARD_MS ahead or at the window's opening), or stop one task.
 * After creating a wave it lists the rollout's tasks again: when a run at the same moment created the same
 * wave, every twin but the canonical one (earliest create_time, then smallest task ID) is stopped before
 * its sub-tasks start. One output item per input item (stepRun.ts stepOutput).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { viewOf, type ObservedState } from './observed';
import { rolloutProperties } from './rolloutProperties';
import { createTask, stopTask } from './taskActions';
import { listRolloutTasks, observedTask } from './state';
import type { StepAction, StepDecision } from './step';
import {
	NO_EFFECTS,
	readForAdvance,
	rolloutRun,
	stepOutput,
	type RolloutRun,
	type StepEffects,
} from './stepRun';

export const description = updateDisplayOptions(
	forOperation('rollout', 'advance'),
	rolloutProperties,
);

type CreateWave = Extract<StepAction, { type: 'create_wave' }>;

/**
 * Stops the live twins of `taskName` that are not its canonical task; returns the IDs this run stopped and
 * the canonical task's ID (undefined when IoTDA lists none of the name).
 */
async function stopTwins(
	this: IExecuteFunctions,
	run: RolloutRun,
	state: ObservedState,
	taskName: string,
): Promise<{ stopped: string[]; canonical?: string }> {
	const listed = await listRolloutTasks.call(this, run.settings, run.itemIndex, run.options);
	const tasks = [];
	for (const task of listed.filter((t) => t.task_name === taskName))
		tasks.push(await observedTask.call(this, task, run.itemIndex, run.options));
	const stopped: string[] = [];
	const view = viewOf(run.settings, { ...state, tasks });
	for (const twin of view.liveDuplicates)
		if (await stopTask.call(this, run, twin.taskId)) stopped.push(twin.taskId);
	return { stopped, canonical: view.waves[0]?.task.taskId };
}

/**
 * Creates the wave, then stops its twins. A create IoTDA refused (e.g. its 10 unfinished tasks per resource
 * space, reached by racing runs) while another run's task of the wave exists lost the race: nothing was
 * created, and the output says so; without such a task the refusal is the step's error.
 */
async function createWave(
	this: IExecuteFunctions,
	run: RolloutRun,
	state: ObservedState,
	action: CreateWave,
): Promise<StepEffects & { lostRace: boolean }> {
	const known = new Set(state.tasks.map((t) => t.taskId));
	const task = {
		name: action.task_name,
		deviceIds: action.device_ids,
		startAt: Date.parse(action.start_at),
	};
	const outcome = await createTask.call(this, run, task, known).then(
		(id) => ({ id }),
		(error: unknown) => ({ error }),
	);
	const twins = await stopTwins.call(this, run, state, action.task_name);
	const stopped = twins.stopped;
	if ('id' in outcome)
		return {
			created: [outcome.id],
			stopped,
			racesStopped: stopped.length,
			lostRace: twins.canonical !== outcome.id,
		};
	if (twins.canonical === undefined) throw outcome.error;
	return { created: [], stopped, racesStopped: stopped.length, lostRace: true };
}

/** The decision as carried out: a wave this run created but lost to a twin is the other run's wave. */
function asCarriedOut(decision: StepDecision, lost: boolean, id?: string): StepDecision {
	if (!lost) return decision;
	const why =
		id === undefined
			? `another run created wave ${decision.wave} at the same moment and IoTDA refused this run's task: the other task is the wave`
			: `task ${id} was created at the same moment as another run's task for wave ${decision.wave}; it was stopped before it started, the other task is the wave`;
	return { ...decision, decision: 'waiting', reasons: [why, ...decision.reasons] };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const run = rolloutRun.call(this, i);
	const { state, decision } = await readForAdvance.call(this, run);
	const action = decision.action;
	if (action.type === 'create_wave') {
		const effects = await createWave.call(this, run, state, action);
		const carried = asCarriedOut(decision, effects.lostRace, effects.created[0]);
		return [stepOutput(run, 'advance', carried, effects)];
	}
	if (action.type === 'stop_task') {
		const stopped = (await stopTask.call(this, run, action.task_id)) ? [action.task_id] : [];
		const races = action.why === 'duplicate' ? stopped.length : 0;
		return [stepOutput(run, 'advance', decision, { created: [], stopped, racesStopped: races })];
	}
	return [stepOutput(run, 'advance', decision, NO_EFFECTS)];
}
