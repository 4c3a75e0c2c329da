/** The Create operation's "Options", read once and typed. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../../helpers/inputErrors';
import {
	checkBoolean,
	optionalInteger,
	optionalNumber,
	optionalText,
} from '../../../helpers/validate';
import { simplifyOn, type SimplifyMode } from '../simplify';
import { WAIT_LIMITS } from '../waitForTask';
import { createDescription } from './create.description';
import { readCollection } from './formVersion';

export interface CreateOptions {
	/** The Simplify toggle (a field beside Options): task items carry simplify.ts's fields, not the raw Task. */
	simplify: SimplifyMode;
	dryRun: boolean;
	tooManyTasks: 'fail' | 'createWhatFits';
	/** Options → Max Tasks per Run; undefined (empty or 0) = not checked by the node. */
	maxTasks?: number;
	ifTaskExists: 'create' | 'returnExisting' | 'fail';
	idempotencyKey?: string;
	wait?: { pollIntervalMs: number; maxWaitMs: number; deviceOutput: 'fields' | 'items' };
	rollout?: { waves: string; successThreshold: number; pauseMs: number };
}

/**
 * Options → Max Tasks per Run: undefined when blank or 0 (also `"0"` from a spreadsheet: not checked), else a
 * whole number 1–1,000,000. Throws InputError naming the field otherwise.
 */
function maxTasksOf(value: unknown): number | undefined {
	const max = optionalInteger('Max Tasks per Run', value, 0, 0, 1000000);
	return max === 0 ? undefined : max;
}

/** Reads and checks Create's Options for one item; throws an InputError naming the field. */
export function readCreateOptions(this: IExecuteFunctions, itemIndex: number): CreateOptions {
	const o = readCollection.call(this, createDescription, 'options', itemIndex);
	const waves = optionalText('Staged Rollout Waves', o.rolloutWaves);
	const waitRequested =
		checkBoolean('Wait for Completion', o.waitForCompletion, false) || waves !== undefined;
	// The form's minimum holds for expressions too: a shorter interval only spends IoTDA's request quota.
	const pollSeconds = optionalNumber(
		'Poll Interval (Seconds)',
		o.pollInterval,
		30,
		WAIT_LIMITS.minPollSeconds,
	);
	const maxWaitMinutes = optionalNumber('Max Wait (Minutes)', o.maxWait, 60, 0);
	if (!(maxWaitMinutes > 0))
		throw new InputError('Max Wait (Minutes)', o.maxWait, 'must be a positive number');
	return {
		simplify: simplifyOn.call(this, itemIndex),
		dryRun: checkBoolean('Dry Run', o.dryRun, false),
		tooManyTasks: o.tooManyTasks === 'createWhatFits' ? 'createWhatFits' : 'fail',
		maxTasks: maxTasksOf(o.maxTasks),
		ifTaskExists:
			o.ifTaskExists === 'returnExisting' || o.ifTaskExists === 'fail' ? o.ifTaskExists : 'create',
		idempotencyKey: optionalText('Idempotency Key', o.idempotencyKey),
		wait: waitRequested
			? {
					pollIntervalMs: pollSeconds * 1000,
					maxWaitMs: maxWaitMinutes * 60000,
					deviceOutput: o.deviceOutput === 'items' ? 'items' : 'fields',
				}
			: undefined,
		rollout: waves
			? {
					waves,
					successThreshold: optionalInteger(
						'Success Threshold (%)',
						o.successThreshold,
						95,
						0,
						100,
					),
					pauseMs:
						optionalNumber('Pause Between Waves (Minutes)', o.pauseBetweenWaves, 0, 0) * 60000,
				}
			: undefined,
	};
}
