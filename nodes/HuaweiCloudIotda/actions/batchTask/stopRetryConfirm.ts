/**
 * Stop, Retry and Confirm share one flow: learn the task's type and status first (so a refusal is explained
 * before anything changes), then act on every eligible sub-task (body `{}`) or on the listed devices in
 * chunks of the API's limit, and output one item per device with its result.
 * Device IDs of all input items that name the same task are combined, so 250 items cost 3 calls, not 250:
 * these operations work across items and report every failure through the router's `fail`.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { append, chunk, listing, pairedWith } from '../../helpers/arrays';
import { parseIdList, uniqueInOrder } from '../../helpers/idList';
import { InputError } from '../../helpers/inputErrors';
import { alreadyDone, type FailItems, type Failure } from '../../helpers/itemErrors';
import { itemParameterReader } from '../../helpers/itemParameter';
import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { itemSettings } from '../../transport/requestOptions';
import {
	CONTROL_RULES,
	LIMITS,
	TASK_STATUSES,
	taskTypeName,
	type ControlOperation,
} from '../../helpers/apiRules';
import { requestOptionsCollection } from '../requestOptions.description';
import { taskRlc } from '../../descriptions/rlc.description';
import { controlBatchTask, fetchTaskSummary, type TaskSummary } from '../../api/batchTasks';
import { describeTask, readTaskId } from './taskLookup';
import { readLostAnswer } from './lostAnswer';

const OPERATION_NAME: Record<ControlOperation, string> = {
	stop: 'Stop',
	retry: 'Retry',
	confirm: 'Confirm',
};

export function controlDescription(operation: ControlOperation): INodeProperties[] {
	const rule = CONTROL_RULES[operation];
	return updateDisplayOptions(forOperation('batchTask', operation), [
		taskRlc,
		{
			displayName: 'Devices',
			name: 'devices',
			type: 'options',
			default: 'all',
			options: [
				{
					name: 'All Eligible Devices',
					value: 'all',
					description: `Every sub-task that is ${listing(rule.eligibleSubTasks)}`,
				},
				{
					name: 'Listed Devices',
					value: 'listed',
					description: `Only the given device IDs (sent in calls of ${LIMITS.targetsPerControlCall})`,
				},
			],
		},
		{
			displayName: 'Device IDs',
			name: 'deviceIds',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. {{ $json.target }}',
			description:
				'Device IDs: an array, or text separated by commas, semicolons, spaces or new lines. IDs of all input items for the same task are combined.',
			displayOptions: { show: { devices: ['listed'] } },
		},
		requestOptionsCollection(),
	]);
}

interface Job {
	taskId: string;
	allEligible: boolean;
	itemIndexes: number[];
	/** Unique device IDs in first-seen order, and the items that listed each. */
	deviceIds: string[];
	itemsByDevice: Map<string, number[]>;
}

function readDeviceIds(value: unknown): string[] {
	const ids = uniqueInOrder(parseIdList('Device IDs', value, LIMITS.deviceIdMaxLength));
	if (ids.length === 0)
		throw new InputError(
			'Device IDs',
			value,
			'must contain at least one device ID (or choose All Eligible Devices)',
		);
	return ids;
}

function addToJob(job: Job, i: number, ids: readonly string[]): void {
	job.itemIndexes.push(i);
	for (const id of ids) {
		const listedBy = job.itemsByDevice.get(id);
		if (listedBy) listedBy.push(i);
		else {
			job.deviceIds.push(id);
			job.itemsByDevice.set(id, [i]);
		}
	}
}

/** Groups the items by task (and by "all" vs "listed"); items whose parameters are bad become failures. */
function collectJobs(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): { jobs: Job[]; failures: Failure[] } {
	const jobs = new Map<string, Job>();
	const failures: Failure[] = [];
	const deviceIdsOf = itemParameterReader(this, items, 'deviceIds', '');
	for (let i = 0; i < items.length; i++) {
		try {
			const taskId = readTaskId.call(this, i);
			const allEligible = this.getNodeParameter('devices', i, 'all') !== 'listed';
			const ids = allEligible ? [] : readDeviceIds(deviceIdsOf(i));
			const key = `${taskId}/${allEligible ? 'all' : 'listed'}`;
			let job = jobs.get(key);
			if (!job)
				jobs.set(
					key,
					(job = { taskId, allEligible, itemIndexes: [], deviceIds: [], itemsByDevice: new Map() }),
				);
			addToJob(job, i, ids);
		} catch (error) {
			failures.push({ error, pairedWith: i });
		}
	}
	return { jobs: [...jobs.values()], failures };
}

/** IoTDA refuses these; saying so before calling names the task, its type and its status. */
function assertAllowed(
	this: IExecuteFunctions,
	task: TaskSummary,
	operation: ControlOperation,
	itemIndex: number,
) {
	const rule = CONTROL_RULES[operation];
	if (!rule.taskTypes.includes(task.task_type)) {
		throw new NodeOperationError(
			this.getNode(),
			`Cannot ${operation} ${describeTask(task)}: only ${listing(rule.taskTypes.map(taskTypeName))} tasks can be ${rule.verb}`,
			{
				itemIndex,
				description: `IoTDA supports ${OPERATION_NAME[operation]} only for upgrade tasks; this task's type is ${task.task_type}. Nothing was sent.`,
			},
		);
	}
	if (rule.refusedStatuses.includes(task.status)) {
		const allowed = TASK_STATUSES.filter((s) => !rule.refusedStatuses.includes(s));
		throw new NodeOperationError(
			this.getNode(),
			`Cannot ${operation} ${describeTask(task)}: the task is ${task.status}; a task can be ${rule.verb} only while ${listing(allowed)}`,
			{
				itemIndex,
				description: `IoTDA refuses ${OPERATION_NAME[operation]} for tasks that are ${listing(rule.refusedStatuses)}. Nothing was sent.`,
			},
		);
	}
}

/** What one job needs while it sends its calls. */
interface JobRun {
	job: Job;
	task: TaskSummary;
	operation: ControlOperation;
	calls: IDataObject[];
	output: INodeExecutionData[];
}

const pairedFor = (job: Job, target: unknown) =>
	pairedWith(job.itemsByDevice.get(String(target)) ?? job.itemIndexes);

function deviceFields(run: JobRun): IDataObject {
	return { task_id: run.task.task_id, task_name: run.task.task_name, operation: run.operation };
}

async function sendCall(this: IExecuteFunctions, run: JobRun, n: number): Promise<void> {
	const { job, operation, calls } = run;
	const first = job.itemIndexes[0];
	const action = `${OPERATION_NAME[operation]} batch task ${job.taskId}`;
	const response = await controlBatchTask.call(this, job.taskId, operation, calls[n], {
		// Repeating a stop/retry/confirm changes nothing more, so transient failures may be retried; a resent
		// call's answer is read knowing that the first may have been carried out.
		idempotent: true,
		afterLostAnswer: readLostAnswer.call(
			this,
			operation,
			job.taskId,
			(calls[n].targets as string[] | undefined) ?? [],
			first,
		),
		action: calls.length > 1 ? `${action} (call ${n + 1} of ${calls.length})` : action,
		...itemSettings.call(this, first),
	});
	for (const result of (response.targets as IDataObject[] | undefined) ?? []) {
		run.output.push({
			json: { ...deviceFields(run), ...result },
			pairedItem: pairedFor(job, result.target),
		});
	}
}

/**
 * A failed call: with "all eligible" every item of the job fails; otherwise every device not yet handled, each
 * error item naming the items that listed its device. One error for all of them (errorItems labels each).
 */
function callFailures(run: JobRun, n: number, error: unknown): Failure[] {
	const { job, calls } = run;
	const detail = n > 0 ? `after ${n} of ${calls.length} calls succeeded` : undefined;
	if (job.allEligible)
		return job.itemIndexes.map((i) => ({
			error,
			pairedWith: i,
			detail,
			fields: { task_id: job.taskId },
		}));
	const fields = deviceFields(run);
	return calls.slice(n).flatMap((call) =>
		(call.targets as string[]).map((target) => ({
			error,
			pairedWith: job.itemsByDevice.get(target) ?? job.itemIndexes,
			detail,
			fields: { ...fields, target, status: 'failure' },
		})),
	);
}

async function runJob(
	this: IExecuteFunctions,
	job: Job,
	operation: ControlOperation,
	fail: FailItems,
): Promise<INodeExecutionData[]> {
	const first = job.itemIndexes[0];
	let task: TaskSummary;
	try {
		task = await fetchTaskSummary.call(
			this,
			job.taskId,
			`${OPERATION_NAME[operation]} batch task ${job.taskId}`,
			itemSettings.call(this, first),
		);
		assertAllowed.call(this, task, operation, first);
	} catch (error) {
		return fail(
			job.itemIndexes.map((i) => ({ error, pairedWith: i, fields: { task_id: job.taskId } })),
		);
	}
	const calls: IDataObject[] = job.allEligible
		? [{}]
		: chunk(job.deviceIds, LIMITS.targetsPerControlCall).map((targets) => ({ targets }));
	const run: JobRun = { job, task, operation, calls, output: [] };
	for (let n = 0; n < calls.length; n++) {
		try {
			await sendCall.call(this, run, n);
		} catch (error) {
			return append(run.output, fail(callFailures(run, n, error)));
		}
	}
	if (run.output.length === 0) {
		// Nothing was eligible: say so instead of ending the workflow branch silently.
		const message = `No sub-task was ${listing(CONTROL_RULES[operation].eligibleSubTasks)}; nothing to ${operation}`;
		run.output.push({
			json: { ...deviceFields(run), target: null, status: 'none', message },
			pairedItem: pairedWith(job.itemIndexes),
		});
	}
	return run.output;
}

/** Stop, Retry or Confirm for all input items: one job per task, each device's result as one item. */
export async function runControlOperation(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	fail: FailItems,
	operation: ControlOperation,
): Promise<INodeExecutionData[]> {
	const { jobs, failures } = collectJobs.call(this, items);
	// Bad items are reported before anything is sent: without Continue On Fail nothing is sent at all.
	const output = fail(failures);
	// A failure that stops the node drops the output of the jobs before it: its error names their tasks.
	const done: string[] = [];
	for (const job of jobs) {
		const stopNote = done.length
			? alreadyDone(`${OPERATION_NAME[operation]} of the tasks before it`, done)
			: undefined;
		const failJob: FailItems = (jobFailures) =>
			fail(jobFailures.map((failure) => ({ ...failure, stopNote })));
		append(output, await runJob.call(this, job, operation, failJob));
		done.push(job.taskId);
	}
	return output;
}
