/**
 * What every Rollout operation shares: an item's settings and targets, the reading of the rollout's state
 * from IoTDA (timed by IoTDA's own clock, counted by a RequestMeter), and the one output shape of a step.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RequestOptions } from '../../api/devices';
import { requestOptionsFor } from '../../transport/requestOptions';
import type { RequestMeter } from '../../transport';
import { fleetReader, type RolloutTargets } from './fleetReader';
import type { ObservedState } from './observed';
import type { RolloutSettings } from './plan';
import { readSettings } from './readSettings';
import { readRolloutState } from './state';
import { decideStep, type StepDecision } from './step';
import { readForStep } from './stepReading';
import { readTargets } from './targets.description';

/** One item's rollout: its checked settings and targets, and the request options every call of the step uses. */
export interface RolloutRun {
	itemIndex: number;
	settings: RolloutSettings;
	targets: RolloutTargets;
	meter: RequestMeter;
	options: RequestOptions;
}

/** Reads item `i`'s parameters (InputError naming the field before anything is sent). */
export function rolloutRun(this: IExecuteFunctions, i: number): RolloutRun {
	const param = (name: string, fallback?: unknown) => this.getNodeParameter(name, i, fallback);
	const settings = readSettings(param, this.getTimezone());
	const meter: RequestMeter = { requests: 0 };
	return {
		itemIndex: i,
		settings,
		targets: readTargets.call(this, i),
		meter,
		options: { ...requestOptionsFor.call(this, i), meter },
	};
}

/** IoTDA's time of the latest answer (the HTTP Date), else the n8n host's clock. Epoch ms. */
export const serverNow = (run: RolloutRun) => run.meter.serverTime ?? Date.now();

/** The rollout's state as IoTDA shows it now, and the step decided on it. */
export async function readAndDecide(
	this: IExecuteFunctions,
	run: RolloutRun,
): Promise<{ state: ObservedState; decision: StepDecision }> {
	const fleet = fleetReader(this, run.settings, run.targets, run.itemIndex, run.options);
	const read = await readRolloutState.call(
		this,
		run.settings,
		fleet,
		run.itemIndex,
		0,
		run.options,
	);
	const state = { ...read, now: serverNow(run) };
	return { state, decision: decideStep(run.settings, state) };
}

/**
 * Advance's reading: only what the decision needs (stepReading.ts), the same decision as readAndDecide with
 * fewer requests; its `state` lists the targets only when the decision needed them.
 */
export async function readForAdvance(
	this: IExecuteFunctions,
	run: RolloutRun,
): Promise<{ state: ObservedState; decision: StepDecision }> {
	const fleet = fleetReader(this, run.settings, run.targets, run.itemIndex, run.options);
	return await readForStep.call(this, run, fleet, () => serverNow(run));
}

/** What the step did in IoTDA. */
export interface StepEffects {
	created: string[];
	stopped: string[];
	/** Twins of a raced wave this step stopped (two runs created the same wave). */
	racesStopped: number;
}

export const NO_EFFECTS: StepEffects = { created: [], stopped: [], racesStopped: 0 };

/** The planned action without its device list (up to 30,000 IDs): what, which wave or task, how many devices. */
function actionSummary(decision: StepDecision): IDataObject {
	const action = decision.action;
	if (action.type !== 'create_wave') return { ...action };
	const { device_ids: ids, ...rest } = action;
	return { ...rest, devices: ids.length };
}

/**
 * The one output item of a step, the same shape for every operation and decision (schema:
 * __schema__/v1.0.0/rollout/advance.json): `decision` to route on, the wave, counts, `next_check_at` (ISO or
 * null: wait for an event), what was planned and done (task IDs), races stopped, requests sent, and IoTDA's
 * time of the reading.
 */
export function stepOutput(
	run: RolloutRun,
	operation: string,
	decision: StepDecision,
	effects: StepEffects,
): IDataObject {
	return {
		rollout: decision.rollout,
		operation,
		decision: decision.decision,
		wave: decision.wave,
		counts: { ...decision.counts },
		next_check_at: decision.next_check_at,
		reasons: decision.reasons,
		planned_action: actionSummary(decision),
		created_task_ids: effects.created,
		stopped_task_ids: effects.stopped,
		races_stopped: effects.racesStopped,
		requests: run.meter.requests,
		read_at: new Date(serverNow(run)).toISOString(),
	};
}
