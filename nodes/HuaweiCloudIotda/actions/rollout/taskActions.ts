/**
 * The changes a rollout makes in IoTDA: create a task of the rollout's type for given devices, scheduled to
 * start later (CreateBatchTask `task_policy.schedule_time`, ≤ 7 days ahead), and stop a task
 * (StopBatchTask, body `{}`: every sub-task still Waitting, Processing or FailWaitRetry).
 * Sources: GO model_create_batch_task_request.go / model_task_policy.go; iotda-api.md §4.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { TERMINAL_TASK_STATUSES } from '../../helpers/apiRules';
import { formatIotdaTime } from '../../helpers/iotdaTime';
import { iotdaRequest } from '../../transport';
import { BATCH_TASKS_PATH, taskPath } from '../../api/batchTasks';
import { listRolloutTasks } from './state';
import type { RolloutRun } from './stepRun';

/** One task to create: name, devices, packages (defaults: the rollout's), start (epoch ms). */
export interface TaskToCreate {
	name: string;
	deviceIds: string[];
	startAt: number;
	packageIds?: string[];
}

/**
 * Creates the task and returns its ID. A create is never sent twice: when its answer is lost, the rollout's
 * tasks are listed again and a task of this name that `knownIds` (the tasks read before) does not hold is
 * taken as the one it made. Throws the transport's NodeApiError naming the task.
 */
export async function createTask(
	this: IExecuteFunctions,
	run: RolloutRun,
	task: TaskToCreate,
	knownIds: ReadonlySet<string>,
): Promise<string> {
	const body: IDataObject = {
		task_name: task.name,
		task_type: run.settings.taskType,
		targets: task.deviceIds,
		document: { package_ids: task.packageIds ?? run.settings.packageIds },
		task_policy: { schedule_time: formatIotdaTime(task.startAt) },
	};
	const created = await iotdaRequest.call(this, {
		method: 'POST',
		path: BATCH_TASKS_PATH,
		body,
		action: `Create batch task "${task.name}"`,
		itemIndex: run.itemIndex,
		...run.options,
		recover: async () =>
			(await listRolloutTasks.call(this, run.settings, run.itemIndex, run.options)).find(
				(t) => t.task_name === task.name && !knownIds.has(String(t.task_id)),
			),
	});
	return String(created.task_id);
}

/**
 * Stops task `taskId`. Returns true when this call stopped it, false when IoTDA refused because the task had
 * already ended or was being stopped (another run, or an operator, was first); other refusals are thrown.
 */
export async function stopTask(
	this: IExecuteFunctions,
	run: RolloutRun,
	taskId: string,
): Promise<boolean> {
	const request = { itemIndex: run.itemIndex, ...run.options };
	const sent = iotdaRequest.call(this, {
		method: 'POST',
		path: taskPath(taskId, '/stop'),
		body: {},
		idempotent: true,
		action: `Stop batch task ${taskId}`,
		...request,
	});
	const outcome = await sent.then(
		() => ({ stopped: true }),
		(error: unknown) => ({ error }),
	);
	if ('stopped' in outcome) return true;
	if (!(outcome.error instanceof NodeApiError) || outcome.error.httpCode !== '400')
		throw outcome.error;
	const shown = await iotdaRequest.call(this, {
		method: 'GET',
		path: taskPath(taskId),
		qs: { limit: 1 },
		action: `Read batch task ${taskId}`,
		...request,
	});
	const status = String((shown.batchtask as IDataObject | undefined)?.status);
	if (status === 'Stopping' || TERMINAL_TASK_STATUSES.includes(status)) return false;
	throw outcome.error;
}
