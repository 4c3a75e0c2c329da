/**
 * Batch Task → Create: builds CreateBatchTask bodies from the parameters and the incoming items — one
 * task for all items (split past 30,000 devices) or one task per item — validates everything first,
 * then creates the tasks one after another; optionally waits for them or runs them as a staged rollout.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { parseIdList } from '../../helpers/idList';
import { InputError, toNodeError } from '../../helpers/inputErrors';
import { itemParameterReader } from '../../helpers/itemParameter';
import { buildTaskTemplate, type ParamReader, type TaskTemplate } from '../../helpers/taskBody';
import { collectIds, IdCollector, planTasks, type CollectedIds, type TaskPlan } from '../../helpers/taskPlan';
import { LIMITS } from '../../helpers/taskTypes';
import { readCreateOptions, type CreateOptions } from './createOptions';
import { collectDeviceResults } from './deviceResults';
import { runStagedRollout } from './stagedRollout';
import { createOrReuseTask } from './createOrReuseTask';
import { nameWithKey } from './findTaskByName';
import { waitForTask } from './waitForTask';

export { createDescription as description } from './create.description';

const paired = (indexes: number[]) => indexes.map((item) => ({ item }));

function readerFor(context: IExecuteFunctions, itemIndex: number): ParamReader {
	return (name, fallback) => context.getNodeParameter(name, itemIndex, fallback);
}

/** Every error leaves as an n8n error that names the item. */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof InputError) return toNodeError(context.getNode(), error, itemIndex);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function errorItem(error: Error, indexes: number[]): INodeExecutionData {
	return { json: { error: error.message }, pairedItem: paired(indexes) };
}

/** Reads Device IDs per item; a plain `{{ $json.field }}` is read from the item instead of evaluated. */
function deviceIdReader(context: IExecuteFunctions, items: INodeExecutionData[]): (itemIndex: number) => string[] {
	const read = itemParameterReader(context, items, 'deviceIds', '');
	return (itemIndex) => deviceIdsFrom(read(itemIndex));
}

function deviceIdsFrom(value: unknown): string[] {
	const ids = parseIdList('Device IDs', value, LIMITS.deviceIdMaxLength);
	if (ids.length === 0) throw new InputError('Device IDs', value, 'must contain at least one device ID');
	return ids;
}

/** Waits for a created task and turns it into output: fields of one item, or one item per device. */
async function waitAndReport(
	context: IExecuteFunctions,
	task: IDataObject,
	plan: TaskPlan,
	wait: NonNullable<CreateOptions['wait']>,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const started = Date.now();
	const waited = await waitForTask.call(context, String(task.task_id), {
		pollIntervalMs: wait.pollIntervalMs,
		maxWaitMs: wait.maxWaitMs,
		itemIndex,
	});
	const final = { ...task, ...waited.task };
	const devices = await collectDeviceResults.call(context, { ...final, targets: plan.body.targets ?? final.targets }, itemIndex);
	const summary = {
		outcome: waited.outcome,
		status_requests: waited.requests,
		waited_seconds: Math.round((Date.now() - started) / 100) / 10,
	};
	if (wait.deviceOutput === 'items') {
		return [
			...devices.succeeded.map((device_id) => ({ device_id, status: 'Success' })),
			...devices.failed,
			...devices.not_finished,
		].map((device) => ({
			json: { task_id: final.task_id, task_name: final.task_name, task_status: final.status, ...device },
			pairedItem: paired(plan.itemIndexes),
		}));
	}
	return [{ json: { ...final, device_count: plan.deviceCount, wait: summary, devices }, pairedItem: paired(plan.itemIndexes) }];
}

async function createPlannedTasks(
	context: IExecuteFunctions,
	plans: TaskPlan[],
	options: CreateOptions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	if (options.dryRun) {
		return plans.map((plan) => ({
			json: { dry_run: true, method: 'POST', path: '/v5/iot/{project_id}/batchtasks', device_count: plan.deviceCount, body: plan.body },
			pairedItem: paired(plan.itemIndexes),
		}));
	}

	const fits = LIMITS.unfinishedTasksPerApp;
	if (plans.length > fits && options.tooManyTasks !== 'createWhatFits') {
		throw new NodeOperationError(
			context.getNode(),
			`${plans.length} tasks are needed for these devices, but IoTDA runs at most ${fits} unfinished tasks per resource space [item ${itemIndex}]`,
			{
				itemIndex,
				description: `Nothing was created. Split the input (at most ${fits * LIMITS.maxTargets} devices per run), or set Options → If More Tasks Than IoTDA Runs at Once → Create What Fits.`,
			},
		);
	}

	const output: INodeExecutionData[] = [];
	const created: Array<{ task: IDataObject; plan: TaskPlan }> = [];
	for (const [index, plan] of plans.entries()) {
		if (index >= fits) {
			output.push({
				json: {
					created: false,
					reason: `IoTDA runs at most ${fits} unfinished tasks per resource space`,
					task_name: plan.body.task_name,
					device_count: plan.deviceCount,
					targets: plan.body.targets,
				},
				pairedItem: paired(plan.itemIndexes),
			});
			continue;
		}
		try {
			const { task, existing } = await createOrReuseTask(context, plan.body, options, itemIndex);
			created.push({ task, plan });
			if (!options.wait) {
				output.push({
					json: { ...task, ...(existing ? { existing: true } : {}), device_count: plan.deviceCount, input_item_count: plan.itemIndexes.length },
					pairedItem: paired(plan.itemIndexes),
				});
			}
		} catch (error) {
			const nodeError = asNodeError(context, error, plan.itemIndexes[0]);
			if (created.length) {
				const names = created.map(({ task }) => `${String(task.task_name)} (${String(task.task_id)})`).join(', ');
				nodeError.message += ` (after creating ${created.length} of ${plans.length} tasks: ${names})`;
			}
			if (!context.continueOnFail()) throw nodeError;
			for (const rest of plans.slice(index)) output.push(errorItem(nodeError, rest.itemIndexes));
			break;
		}
	}
	if (options.wait) {
		for (const { task, plan } of created) output.push(...(await waitAndReport(context, task, plan, options.wait, itemIndex)));
	}
	return output;
}

/** Applies the idempotency key to the template's name, so a re-run finds the same task. */
function withKey(template: TaskTemplate, options: CreateOptions): TaskTemplate {
	if (!options.idempotencyKey) return template;
	return { ...template, body: { ...template.body, task_name: nameWithKey(String(template.body.task_name), options.idempotencyKey) } };
}

async function createFromIds(
	context: IExecuteFunctions,
	template: TaskTemplate,
	collected: CollectedIds,
	options: CreateOptions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	if (options.rollout && !options.dryRun) {
		if (!template.spec.stageable)
			throw new InputError('Staged Rollout Waves', options.rollout.waves, `is available for upgrades and commands, not for ${template.spec.value}`);
		const result = await runStagedRollout.call(context, { spec: template.spec, body: template.body, ids: collected.ids, itemIndex, options });
		return [{ json: result, pairedItem: paired(collected.items) }];
	}
	return await createPlannedTasks(context, planTasks(template.body, collected), options, itemIndex);
}

async function createOnePerItem(this: IExecuteFunctions, items: INodeExecutionData[]) {
	const output: INodeExecutionData[] = [];
	const now = DateTime.now();
	const deviceIdsOf = deviceIdReader(this, items);
	for (let i = 0; i < items.length; i++) {
		try {
			const options = readCreateOptions.call(this, i);
			const template = withKey(buildTaskTemplate(readerFor(this, i), this.getTimezone(), now), options);
			if (template.targetSource === 'deviceIds') {
				const ids = deviceIdsOf(i);
				if (ids.length > LIMITS.maxTargets)
					throw new InputError(
						'Device IDs',
						ids,
						`must contain at most ${LIMITS.maxTargets} devices per task (has ${ids.length}); choose Batch Mode "One Task for All Items" to split automatically`,
					);
				output.push(...(await createFromIds(this, template, collectIds([[i, ids]]), options, i)));
			} else {
				output.push(...(await createPlannedTasks(this, [{ body: template.body, deviceCount: 0, itemIndexes: [i] }], options, i)));
			}
		} catch (error) {
			const nodeError = asNodeError(this, error, i);
			if (!this.continueOnFail()) throw nodeError;
			output.push(errorItem(nodeError, [i]));
		}
	}
	return output;
}

async function createOneForAll(this: IExecuteFunctions, items: INodeExecutionData[]) {
	const all = items.map((_, i) => i);
	let template: TaskTemplate;
	let options: CreateOptions;
	try {
		options = readCreateOptions.call(this, 0);
		template = withKey(buildTaskTemplate(readerFor(this, 0), this.getTimezone(), DateTime.now()), options);
	} catch (error) {
		const nodeError = asNodeError(this, error, 0);
		if (!this.continueOnFail()) throw nodeError;
		return all.map((i) => errorItem(nodeError, [i]));
	}

	const output: INodeExecutionData[] = [];
	const collector = new IdCollector();
	if (template.targetSource === 'deviceIds') {
		const deviceIdsOf = deviceIdReader(this, items);
		for (let i = 0; i < items.length; i++) {
			try {
				collector.add(i, deviceIdsOf(i));
			} catch (error) {
				const nodeError = asNodeError(this, error, i);
				if (!this.continueOnFail()) throw nodeError;
				output.push(errorItem(nodeError, [i]));
			}
		}
		if (collector.items.length === 0) return output;
	}
	const contributing = template.targetSource === 'deviceIds' ? collector.items : all;
	try {
		if (template.targetSource === 'deviceIds') {
			output.push(...(await createFromIds(this, template, collector, options, contributing[0])));
		} else {
			const plan = { body: template.body, deviceCount: 0, itemIndexes: all };
			output.push(...(await createPlannedTasks(this, [plan], options, 0)));
		}
	} catch (error) {
		const nodeError = asNodeError(this, error, contributing[0]);
		if (!this.continueOnFail()) throw nodeError;
		output.push(errorItem(nodeError, contributing));
	}
	return output;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const mode = this.getNodeParameter('batchMode', 0) as string;
	return mode === 'perItem' ? await createOnePerItem.call(this, items) : await createOneForAll.call(this, items);
}
