/**
 * Stop, Retry and Confirm are safe to send again, so the transport resends them after an answer was lost
 * (HTTP 500/502/504, a reset or timed-out connection). The first call may have been carried out, and then
 * IoTDA answers the resent one as it sees the task now: a Stop is refused because the task is already
 * Stopping; a Retry lists the devices the first call retried as failures ("is Processing"). Reporting those
 * as failures invites a second action, so this reads such answers (issue #29 item 4):
 * - a refusal while the task is in a status the operation leads to is the first call's success;
 * - a device the resent call could not act on has an unknown outcome: the first call may have acted on it.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { CONTROL_RULES, type ControlOperation } from '../../helpers/apiRules';
import type { LostAnswerReply } from '../../transport';
import { fetchTaskSummary } from '../../api/batchTasks';
import { itemSettings } from '../../transport/requestOptions';

/** What the output says of a device the resent call could not act on. */
export const UNKNOWN_AFTER_LOST_ANSWER =
	'outcome unknown: the first call may have gone through (its answer was lost and the call was sent again). Check with Batch Task → Get before acting again.';

/** Set on a result that stands for the first call's success: `true` when that call's answer was lost. */
export const DONE_BY_EARLIER_CALL = 'done_by_earlier_call';

/**
 * The transport's `afterLostAnswer` for one Stop/Retry/Confirm call on `taskId`: `targets` are the call's
 * listed devices (empty for "all eligible"). Returns IoTDA's answer shape `{ targets: [{ target, status, … }] }`
 * with the readings above, or undefined to keep a refusal the task's status does not explain.
 * Throws what reading the task throws (a NodeApiError naming `action`).
 */
export function readLostAnswer(
	this: IExecuteFunctions,
	operation: ControlOperation,
	taskId: string,
	targets: readonly string[],
	itemIndex: number,
): (answer: LostAnswerReply) => Promise<IDataObject | undefined> {
	return async ({ statusCode, body }) => {
		if (statusCode < 400) return { ...body, targets: unknownWhereRefused(body.targets, targets) };
		const task = await fetchTaskSummary.call(
			this,
			taskId,
			`Read batch task ${taskId} after a resent ${operation}`,
			itemSettings.call(this, itemIndex),
		);
		if (!CONTROL_RULES[operation].statusesAfter.includes(task.status)) return undefined;
		const message = `The first call was carried out (its answer was lost); the task is now ${task.status}.`;
		const done = { status: 'success', [DONE_BY_EARLIER_CALL]: true, message };
		const listed = targets.length ? targets : [null];
		return { targets: listed.map((target) => ({ target, ...done })) };
	};
}

/**
 * A resent call's per-device answer: refusals become unknown outcomes. For "all eligible" (no listed devices)
 * the devices the first call acted on are in no answer, so one more result says so.
 */
function unknownWhereRefused(results: unknown, listed: readonly string[]): IDataObject[] {
	const read = ((results as IDataObject[] | undefined) ?? []).map((result) =>
		result.status === 'success'
			? result
			: { ...result, status: 'unknown', message: UNKNOWN_AFTER_LOST_ANSWER },
	);
	if (listed.length) return read;
	const firstCall = `The devices the first call acted on are not listed: ${UNKNOWN_AFTER_LOST_ANSWER}`;
	return [...read, { target: null, status: 'unknown', message: firstCall }];
}
