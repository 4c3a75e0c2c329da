/**
 * Creating planned tasks: one after another, each through createOrReuseTask, then (Wait for Completion)
 * waiting for each and reporting its devices. `runPlan` does it for one task and throws (One Task per Item);
 * `createPlannedTasks` for a run's tasks across items, reporting failures through the router's `fail`.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { append, pairedWith } from '../../../helpers/arrays';
import { cancelSignalOf, now } from '../../../helpers/clock';
import { alreadyDone, type FailItems, type Failure } from '../../../helpers/itemErrors';
import { LIMITS } from '../../../helpers/apiRules';
import { collectDeviceResults } from '../../../api/batchTasks';
import { itemSettings } from '../../../transport/requestOptions';
import { simplifyTask, type SimplifyMode } from '../simplify';
import { waitForTask } from '../waitForTask';
import { createOrReuseTask } from './createOrReuseTask';
import { dryRunTasks } from './dryRun';
import type { CreateOptions } from './readCreateOptions';
import { deviceCount, type TaskPlan } from './taskPlan';

/**
 * Fields the node itself adds to a created task (not IoTDA's): kept by Simplify too. `recovered_after`: the
 * create's response was lost and the task found by name (transport); `upgrade_document_form` /
 * `upgrade_document_note`: which upgrade document form IoTDA accepted (createOrReuseTask.ts).
 */
const NODE_TASK_FIELDS = ['recovered_after', 'upgrade_document_form', 'upgrade_document_note'];

/** A created task's fields: Simplify's (simplify.ts) or the raw Task, both with the plan's deviceCount. */
function taskFields(task: IDataObject, plan: TaskPlan, simplify: SimplifyMode): IDataObject {
	if (!simplify) return { ...task, ...deviceCount(plan) };
	const simplified = simplifyTask(task, deviceCount(plan), simplify);
	for (const key of NODE_TASK_FIELDS) if (task[key] !== undefined) simplified[key] = task[key];
	return simplified;
}

/** The record of a created task that is not waited for. */
function createdRecord(
	task: IDataObject,
	existing: boolean,
	plan: TaskPlan,
	options: CreateOptions,
) {
	return {
		...taskFields(task, plan, options.simplify),
		...(existing ? { existing: true } : {}),
		input_item_count: plan.itemIndexes.length,
	};
}

/** Waits for a created task and turns it into records: fields of one record, or one record per device. */
async function waitAndReport(
	this: IExecuteFunctions,
	task: IDataObject,
	plan: TaskPlan,
	{ wait, simplify }: { wait: NonNullable<CreateOptions['wait']>; simplify: SimplifyMode },
	itemIndex: number,
): Promise<IDataObject[]> {
	const started = now();
	const waited = await waitForTask.call(this, String(task.task_id), {
		pollIntervalMs: wait.pollIntervalMs,
		maxWaitMs: wait.maxWaitMs,
		itemIndex,
	});
	const final = { ...task, ...waited.task };
	const summary = {
		outcome: waited.outcome,
		status_requests: waited.requests,
		waited_seconds: Math.round((now() - started) / 100) / 10,
	};
	const shown = taskFields(final, plan, simplify);
	// A cancelled execution sends nothing more: the task is reported as last seen, without device results.
	if (waited.outcome === 'cancelled') return [{ ...shown, wait: summary }];
	const devices = await collectDeviceResults.call(
		this,
		{ ...final, targets: plan.body.targets ?? final.targets },
		itemSettings.call(this, itemIndex),
	);
	if (wait.deviceOutput !== 'items') return [{ ...shown, wait: summary, devices }];
	const task_fields = {
		task_id: final.task_id,
		task_name: final.task_name,
		task_status: final.status,
	};
	const records: IDataObject[] = [];
	for (const device_id of devices.succeeded)
		records.push({ ...task_fields, device_id, status: 'Success' });
	for (const device of devices.failed) records.push({ ...task_fields, ...device });
	for (const device of devices.not_finished) records.push({ ...task_fields, ...device });
	return records;
}

function notCreatedRecord(plan: TaskPlan, reason: string): IDataObject {
	return {
		created: false,
		reason,
		task_name: plan.body.task_name,
		device_count: plan.deviceCount,
		targets: plan.body.targets,
	};
}

const waitSettings = (options: CreateOptions) => ({
	wait: options.wait!,
	simplify: options.simplify,
});

/** One task, per item: its records (dry run, not created when cancelled, created, or waited for). Throws. */
export async function runPlan(
	this: IExecuteFunctions,
	plan: TaskPlan,
	options: CreateOptions,
	itemIndex: number,
): Promise<IDataObject[]> {
	if (options.dryRun) return dryRunTasks.call(this, [plan], options, itemIndex);
	if (cancelSignalOf(this)?.aborted) return [notCreatedRecord(plan, 'execution cancelled')];
	const { task, existing } = await createOrReuseTask.call(this, plan.body, options, itemIndex);
	if (!options.wait) return [createdRecord(task, existing, plan, options)];
	return await waitAndReport.call(this, task, plan, waitSettings(options), itemIndex);
}

/**
 * Refuses a split that needs more tasks than the user's Options → Max Tasks per Run, unless the options
 * say create what fits. Without a maximum nothing is checked: IoTDA's own limit on unfinished tasks is not
 * documented (audit row 7), and its refusal is handled where a create fails (createFailures).
 */
function assertTasksFit(
	this: IExecuteFunctions,
	plans: TaskPlan[],
	options: CreateOptions,
	itemIndex: number,
): void {
	const fits = options.maxTasks;
	if (fits === undefined || plans.length <= fits || options.tooManyTasks === 'createWhatFits')
		return;
	throw new NodeOperationError(
		this.getNode(),
		`${plans.length} tasks are needed for these devices, but Max Tasks per Run is ${fits}`,
		{
			itemIndex,
			description: `Nothing was created. Split the input (at most ${fits * LIMITS.maxTargets} devices per run), raise or clear Options → Max Tasks per Run, or set Options → If More Tasks Than the Maximum → Create What Fits.`,
		},
	);
}

/**
 * A create failed: every plan not yet created fails, each error item naming the plan's items, and the
 * message says which tasks exist already.
 */
function createFailures(
	error: unknown,
	rest: TaskPlan[],
	created: Array<{ task: IDataObject }>,
	total: number,
): Failure[] {
	const names = created
		.map(({ task }) => `${String(task.task_name)} (${String(task.task_id)})`)
		.join(', ');
	const detail = created.length
		? `after creating ${created.length} of ${total} tasks: ${names}`
		: undefined;
	return rest.map((plan) => ({ error, pairedWith: plan.itemIndexes, detail }));
}

const paired = (plan: TaskPlan, records: IDataObject[]): INodeExecutionData[] => {
	const pairedItem = pairedWith(plan.itemIndexes);
	return records.map((json) => ({ json, pairedItem }));
};

/** The run's tasks, one after another; then, with Wait for Completion, each waited for. */
export async function createPlannedTasks(
	this: IExecuteFunctions,
	plans: TaskPlan[],
	options: CreateOptions,
	itemIndex: number,
	fail: FailItems,
): Promise<INodeExecutionData[]> {
	if (options.dryRun)
		return dryRunTasks
			.call(this, plans, options, itemIndex)
			.map((json, n) => paired(plans[n], [json])[0]);
	assertTasksFit.call(this, plans, options, itemIndex);
	const output: INodeExecutionData[] = [];
	const created: Array<{ task: IDataObject; plan: TaskPlan }> = [];
	const signal = cancelSignalOf(this);
	for (const [index, plan] of plans.entries()) {
		if (index >= (options.maxTasks ?? Infinity) || signal?.aborted) {
			const reason = signal?.aborted
				? 'execution cancelled'
				: `Max Tasks per Run is ${options.maxTasks}`;
			append(output, paired(plan, [notCreatedRecord(plan, reason)]));
			continue;
		}
		try {
			const { task, existing } = await createOrReuseTask.call(this, plan.body, options, itemIndex);
			created.push({ task, plan });
			if (!options.wait)
				append(output, paired(plan, [createdRecord(task, existing, plan, options)]));
		} catch (error) {
			append(output, fail(createFailures(error, plans.slice(index), created, plans.length)));
			break;
		}
	}
	if (options.wait)
		append(output, await waitForCreated.call(this, created, options, itemIndex, fail));
	return output;
}

/**
 * Wait for Completion on each created task. A wait that fails for good (its status requests refused) becomes
 * that task's failure, named by task_id; the others are still waited for. When it stops the node, the error
 * names every task created, since their output is then lost.
 */
async function waitForCreated(
	this: IExecuteFunctions,
	created: Array<{ task: IDataObject; plan: TaskPlan }>,
	options: CreateOptions,
	itemIndex: number,
	fail: FailItems,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const ids = created.map(({ task }) => String(task.task_id));
	for (const { task, plan } of created) {
		try {
			append(
				output,
				paired(plan, await waitAndReport.call(this, task, plan, waitSettings(options), itemIndex)),
			);
		} catch (error) {
			const failure: Failure = {
				error,
				pairedWith: plan.itemIndexes,
				fields: { task_id: task.task_id },
				stopNote: alreadyDone('Creating the tasks', ids),
			};
			append(output, fail([failure]));
		}
	}
	return output;
}
