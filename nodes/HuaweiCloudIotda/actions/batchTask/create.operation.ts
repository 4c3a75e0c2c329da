/**
 * Batch Task → Create: builds CreateBatchTask bodies from the parameters and the incoming items — one
 * task for all items (split past 30,000 devices) or one task per item — validates everything first,
 * then creates the tasks one after another.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { parseIdList } from '../../helpers/idList';
import { InputError, toNodeError } from '../../helpers/inputErrors';
import { requestOptionsFor } from '../../helpers/requestOptions';
import { buildTaskTemplate, type ParamReader, type TaskTemplate } from '../../helpers/taskBody';
import { collectIds, planTasks, type TaskPlan } from '../../helpers/taskPlan';
import { LIMITS } from '../../helpers/taskTypes';
import { iotdaRequest } from '../../transport';

export { createDescription as description } from './create.description';

const paired = (indexes: number[]) => indexes.map((item) => ({ item }));

function readerFor(context: IExecuteFunctions, itemIndex: number): ParamReader {
	return (name, fallback) => context.getNodeParameter(name, itemIndex, fallback);
}

/** Every error leaves as an n8n error that names the item. */
function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof InputError) return toNodeError(context.getNode(), error, itemIndex);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function errorItem(error: Error, indexes: number[]): INodeExecutionData {
	return { json: { error: error.message }, pairedItem: paired(indexes) };
}

function deviceIdsOf(context: IExecuteFunctions, itemIndex: number): string[] {
	const value = context.getNodeParameter('deviceIds', itemIndex, '');
	const ids = parseIdList('Device IDs', value, LIMITS.deviceIdMaxLength);
	if (ids.length === 0) throw new InputError('Device IDs', value, 'must contain at least one device ID');
	return ids;
}

async function createPlannedTasks(
	context: IExecuteFunctions,
	plans: TaskPlan[],
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (options.dryRun === true) {
		return plans.map((plan) => ({
			json: {
				dry_run: true,
				method: 'POST',
				path: '/v5/iot/{project_id}/batchtasks',
				device_count: plan.deviceCount,
				body: plan.body,
			},
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
	const created: string[] = [];
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
			const response = await iotdaRequest.call(context, {
				method: 'POST',
				path: '/batchtasks',
				body: plan.body,
				action: `Create batch task "${String(plan.body.task_name)}"`,
				itemIndex: plan.itemIndexes[0],
				...requestOptionsFor.call(context, itemIndex),
			});
			created.push(`${String(response.task_name ?? plan.body.task_name)} (${String(response.task_id)})`);
			output.push({
				json: { ...response, device_count: plan.deviceCount, input_item_count: plan.itemIndexes.length },
				pairedItem: paired(plan.itemIndexes),
			});
		} catch (error) {
			if (created.length && error instanceof Error) {
				error.message += ` (after creating ${created.length} of ${plans.length} tasks: ${created.join(', ')})`;
			}
			const nodeError = asNodeError(context, error, plan.itemIndexes[0]);
			if (!context.continueOnFail()) throw nodeError;
			for (const rest of plans.slice(index)) output.push(errorItem(nodeError, rest.itemIndexes));
			break;
		}
	}
	return output;
}

async function createOnePerItem(this: IExecuteFunctions, items: INodeExecutionData[]) {
	const output: INodeExecutionData[] = [];
	const now = DateTime.now();
	for (let i = 0; i < items.length; i++) {
		try {
			const template = buildTaskTemplate(readerFor(this, i), this.getTimezone(), now);
			let plans: TaskPlan[];
			if (template.targetSource === 'deviceIds') {
				const ids = deviceIdsOf(this, i);
				if (ids.length > LIMITS.maxTargets)
					throw new InputError(
						'Device IDs',
						ids,
						`must contain at most ${LIMITS.maxTargets} devices per task (has ${ids.length}); choose Batch Mode "One Task for All Items" to split automatically`,
					);
				plans = planTasks(template.body, collectIds([[i, ids]]));
			} else {
				plans = [{ body: template.body, deviceCount: 0, itemIndexes: [i] }];
			}
			output.push(...(await createPlannedTasks(this, plans, i)));
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
	try {
		template = buildTaskTemplate(readerFor(this, 0), this.getTimezone(), DateTime.now());
	} catch (error) {
		const nodeError = asNodeError(this, error, 0);
		if (!this.continueOnFail()) throw nodeError;
		return all.map((i) => errorItem(nodeError, [i]));
	}

	if (template.targetSource !== 'deviceIds') {
		const plan = { body: template.body, deviceCount: 0, itemIndexes: all };
		try {
			return await createPlannedTasks(this, [plan], 0);
		} catch (error) {
			const nodeError = asNodeError(this, error, 0);
			if (!this.continueOnFail()) throw nodeError;
			return [errorItem(nodeError, all)];
		}
	}

	const output: INodeExecutionData[] = [];
	const perItem: Array<[number, string[]]> = [];
	for (const i of all) {
		try {
			perItem.push([i, deviceIdsOf(this, i)]);
		} catch (error) {
			const nodeError = asNodeError(this, error, i);
			if (!this.continueOnFail()) throw nodeError;
			output.push(errorItem(nodeError, [i]));
		}
	}
	if (perItem.length === 0) return output;
	const first = perItem[0][0];
	try {
		const plans = planTasks(template.body, collectIds(perItem));
		output.push(...(await createPlannedTasks(this, plans, first)));
	} catch (error) {
		const nodeError = asNodeError(this, error, first);
		if (!this.continueOnFail()) throw nodeError;
		output.push(errorItem(nodeError, perItem.map(([i]) => i)));
	}
	return output;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const mode = this.getNodeParameter('batchMode', 0) as string;
	return mode === 'perItem' ? await createOnePerItem.call(this, items) : await createOneForAll.call(this, items);
}
