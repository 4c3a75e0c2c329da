/**
 * Stop, Retry and Confirm share one flow: learn the task's type and status first (so a refusal is explained
 * before anything changes), then act on every eligible sub-task (body `{}`) or on the listed devices in
 * chunks of the API's limit, and output one item per device with its result.
 * Device IDs of all input items that name the same task are combined, so 250 items cost 3 calls, not 250.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseIdList, uniqueInOrder } from '../../helpers/idList';
import { InputError } from '../../helpers/inputErrors';
import { asItemError, errorItemsOrThrow } from '../../helpers/itemErrors';
import { requestOptionsFor } from '../../helpers/requestOptions';
import {
	CONTROL_RULES,
	LIMITS,
	TASK_STATUSES,
	taskTypeName,
	type ControlOperation,
} from '../../helpers/taskTypes';
import { iotdaRequest } from '../../transport';
import { requestOptionsCollection } from '../requestOptions.description';
import { readTaskId, taskIdLocator } from './taskId.description';
import { describeTask, fetchTaskSummary, taskPath, type TaskSummary } from './taskLookup';
import { itemParameterReader } from '../../helpers/itemParameter';

const OPERATION_NAME: Record<ControlOperation, string> = { stop: 'Stop', retry: 'Retry', confirm: 'Confirm' };

const listing = (values: readonly string[]) =>
	values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;

export function controlDescription(operation: ControlOperation): INodeProperties[] {
	const rule = CONTROL_RULES[operation];
	const show = { resource: ['batchTask'], operation: [operation] };
	return [
		taskIdLocator(operation),
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
			displayOptions: { show },
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
			displayOptions: { show: { ...show, devices: ['listed'] } },
		},
		requestOptionsCollection('batchTask', operation),
	];
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
		throw new InputError('Device IDs', value, 'must contain at least one device ID (or choose All Eligible Devices)');
	return ids;
}

function collectJobs(context: IExecuteFunctions, items: INodeExecutionData[], output: INodeExecutionData[]) {
	const jobs = new Map<string, Job>();
	const deviceIdsOf = itemParameterReader(context, items, 'deviceIds', '');
	for (let i = 0; i < items.length; i++) {
		try {
			const taskId = readTaskId(context, i);
			const allEligible = context.getNodeParameter('devices', i, 'all') !== 'listed';
			const ids = allEligible ? [] : readDeviceIds(deviceIdsOf(i));
			const key = `${taskId}/${allEligible ? 'all' : 'listed'}`;
			let job = jobs.get(key);
			if (!job) {
				job = { taskId, allEligible, itemIndexes: [], deviceIds: [], itemsByDevice: new Map() };
				jobs.set(key, job);
			}
			job.itemIndexes.push(i);
			for (const id of ids) {
				const listedBy = job.itemsByDevice.get(id);
				if (listedBy) listedBy.push(i);
				else {
					job.deviceIds.push(id);
					job.itemsByDevice.set(id, [i]);
				}
			}
		} catch (error) {
			output.push(...errorItemsOrThrow(context, error, [i]));
		}
	}
	return [...jobs.values()];
}

/** IoTDA refuses these; saying so before calling names the task, its type and its status. */
function assertAllowed(context: IExecuteFunctions, task: TaskSummary, operation: ControlOperation, itemIndex: number) {
	const rule = CONTROL_RULES[operation];
	const verb = operation;
	if (!rule.taskTypes.includes(task.task_type)) {
		throw new NodeOperationError(
			context.getNode(),
			`Cannot ${verb} ${describeTask(task)}: only ${listing(rule.taskTypes.map(taskTypeName))} tasks can be ${rule.verb} [item ${itemIndex}]`,
			{
				itemIndex,
				description: `IoTDA supports ${OPERATION_NAME[operation]} only for upgrade tasks; this task's type is ${task.task_type}. Nothing was sent.`,
			},
		);
	}
	if (rule.refusedStatuses.includes(task.status)) {
		const allowed = TASK_STATUSES.filter((s) => !rule.refusedStatuses.includes(s));
		throw new NodeOperationError(
			context.getNode(),
			`Cannot ${verb} ${describeTask(task)}: the task is ${task.status}; a task can be ${rule.verb} only while ${listing(allowed)} [item ${itemIndex}]`,
			{ itemIndex, description: `IoTDA refuses ${OPERATION_NAME[operation]} for tasks that are ${listing(rule.refusedStatuses)}. Nothing was sent.` },
		);
	}
}

function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let at = 0; at < values.length; at += size) chunks.push(values.slice(at, at + size));
	return chunks;
}

const paired = (indexes: number[]) => indexes.map((item) => ({ item }));

async function runJob(context: IExecuteFunctions, job: Job, operation: ControlOperation): Promise<INodeExecutionData[]> {
	const first = job.itemIndexes[0];
	const action = `${OPERATION_NAME[operation]} batch task ${job.taskId}`;
	let task: TaskSummary;
	try {
		task = await fetchTaskSummary(context, job.taskId, action, first);
		assertAllowed(context, task, operation, first);
	} catch (error) {
		return errorItemsOrThrow(context, error, job.itemIndexes, { task_id: job.taskId });
	}

	const pairedFor = (target: unknown) => paired(job.itemsByDevice.get(String(target)) ?? job.itemIndexes);
	const calls: IDataObject[] = job.allEligible
		? [{}]
		: chunk(job.deviceIds, LIMITS.targetsPerControlCall).map((targets) => ({ targets }));
	const output: INodeExecutionData[] = [];
	for (const [n, body] of calls.entries()) {
		try {
			const response = await iotdaRequest.call(context, {
				method: 'POST',
				path: taskPath(job.taskId, `/${operation}`),
				body,
				// Repeating a stop/retry/confirm changes nothing more, so transient failures may be retried.
				idempotent: true,
				action: calls.length > 1 ? `${action} (call ${n + 1} of ${calls.length})` : action,
				itemIndex: first,
				...requestOptionsFor.call(context, first),
			});
			const results = (response.targets as IDataObject[] | undefined) ?? [];
			for (const result of results) {
				output.push({
					json: { task_id: task.task_id, task_name: task.task_name, operation, ...result },
					pairedItem: pairedFor(result.target),
				});
			}
		} catch (error) {
			const nodeError = asItemError(context, error, first);
			if (n > 0) nodeError.message += ` (after ${n} of ${calls.length} calls succeeded)`;
			if (!context.continueOnFail()) throw nodeError;
			if (job.allEligible) return [...output, ...errorItemsOrThrow(context, nodeError, job.itemIndexes, { task_id: job.taskId })];
			// Every device not yet handled gets its own error item, linked to the items that listed it.
			for (const target of calls.slice(n).flatMap((c) => c.targets as string[])) {
				output.push({
					json: { task_id: task.task_id, task_name: task.task_name, operation, target, status: 'failure', error: nodeError.message },
					pairedItem: pairedFor(target),
				});
			}
			return output;
		}
	}
	if (output.length === 0) {
		// Nothing was eligible: say so instead of ending the workflow branch silently.
		output.push({
			json: {
				task_id: task.task_id,
				task_name: task.task_name,
				operation,
				target: null,
				status: 'none',
				message: `No sub-task was ${listing(CONTROL_RULES[operation].eligibleSubTasks)}; nothing to ${operation}`,
			},
			pairedItem: paired(job.itemIndexes),
		});
	}
	return output;
}

export async function runControlOperation(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: ControlOperation,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (const job of collectJobs(this, items, output)) output.push(...(await runJob(this, job, operation)));
	return output;
}
