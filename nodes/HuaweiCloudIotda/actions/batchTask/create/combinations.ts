/**
 * Settings that are each valid but cannot be honoured together, refused by name before anything is sent. The
 * option rules (createOptionRules.ts) say when one option applies; these are pairs across the two collections
 * (Additional Fields and Options) whose combined meaning IoTDA cannot carry out:
 * - Schedule Time with Staged Rollout Waves: wave N + 1 starts only after wave N finished, so one schedule time
 *   cannot hold for every wave; the later waves were sent with a time already past and refused (issue #29 item 5).
 * - Schedule Time with Wait for Completion, when the scheduled start is after Max Wait ends: the wait would run
 *   out before the task starts.
 * - Need Confirm with Wait for Completion or waves: with need_confirm every sub-task stays Waitting until
 *   ConfirmBatchTask (PY create_batch_task.py need_confirm), which the node does not send inside a Create, so the
 *   wait runs out and the task stays unconfirmed (issue #29 item 10, audit row 24).
 */
import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../../helpers/inputErrors';
import { parseIotdaTime } from '../../../helpers/iotdaTime';
import type { CreateOptions } from './readCreateOptions';

/**
 * Throws an InputError naming the first combination above found in `body` (the task body, whose
 * `task_policy.schedule_time` and `need_confirm` are what would be sent) and `options` (readCreateOptions),
 * with `now` in ms. Returns quietly otherwise.
 */
export function refuseUnhonourableCombinations(
	body: IDataObject,
	options: Pick<CreateOptions, 'wait' | 'rollout'>,
	now: number,
): void {
	const policy = (body.task_policy as IDataObject | undefined) ?? {};
	const scheduleTime = policy.schedule_time;
	if (scheduleTime !== undefined && options.rollout)
		throw new InputError(
			'Schedule Time',
			scheduleTime,
			'cannot be combined with Staged Rollout Waves: each wave starts only after the one before it finished, so one schedule time cannot hold for every wave. Remove Schedule Time and start the workflow at that time (Schedule Trigger), or use Rollout → Advance, whose maintenance window schedules each wave',
		);
	const startsAt = parseIotdaTime(scheduleTime);
	if (startsAt !== undefined && options.wait && startsAt > now + options.wait.maxWaitMs)
		throw new InputError(
			'Schedule Time',
			scheduleTime,
			`starts after Wait for Completion's Max Wait (${options.wait.maxWaitMs / 60000} minutes) ends, so the wait would run out before the task starts. Raise Max Wait past the schedule time, or turn Wait for Completion off`,
		);
	if (body.need_confirm === true && options.wait)
		throw new InputError(
			'Need Confirm',
			true,
			`cannot be combined with ${options.rollout ? 'Staged Rollout Waves' : 'Wait for Completion'}: with Need Confirm every device waits for a confirmation (Batch Task → Confirm) before it starts, so the wait would run out with the task unconfirmed. Turn Wait for Completion off and confirm in a later step, or turn Need Confirm off`,
		);
}
