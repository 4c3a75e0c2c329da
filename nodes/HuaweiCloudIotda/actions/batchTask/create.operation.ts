/**
 * Batch Task → Create: builds CreateBatchTask bodies from the parameters and the incoming items — one
 * task for all items (split past 30,000 devices; this mode works across items) or one task per item (the
 * router's item loop) — validates everything first, then creates the tasks one after another; optionally
 * waits for them or runs them as a staged rollout.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { append, pairedWith } from '../../helpers/arrays';
import { cancelSignalOf, now } from '../../helpers/clock';
import { parseIdList } from '../../helpers/idList';
import { InputError } from '../../helpers/inputErrors';
import { withNameSuffix } from '../../helpers/validate';
import {
	alreadyDone,
	beforeItemLabel,
	type FailItems,
	type Failure,
} from '../../helpers/itemErrors';
import { itemParameterReader } from '../../helpers/itemParameter';
import { itemSettings, requestOptionsFor } from '../../transport/requestOptions';
import { apiUrl } from '../../transport';
import {
	buildTaskTemplate,
	isUntouchedDocument,
	type ParamReader,
	type TaskTemplate,
} from '../../helpers/taskBody';
import {
	collectIds,
	IdCollector,
	planTasks,
	type CollectedIds,
	type TaskPlan,
} from '../../helpers/taskPlan';
import { LIMITS } from '../../helpers/apiRules';
import { refuseInapplicableOptions, type CreateSettings } from '../../helpers/optionRules';
import { readCreateOptions, type CreateOptions } from './readCreateOptions';
import { BATCH_TASKS_PATH, collectDeviceResults } from '../../api/batchTasks';
import { resolveGroupMembers, type GroupMembers } from './groupMembers';
import { planWaves, runStagedRollout, waveTaskName } from './stagedRollout';
import { createOrReuseTask } from './createOrReuseTask';
import { nameWithKey } from './findTaskByName';
import { simplifyTask } from './simplify';
import { waitForTask } from './waitForTask';

export { createDescription as description } from './create.description';

/** Every Create item names its input items as a list, in both batch modes (a task may come from many). */
export const pairing = 'list';

function readerFor(context: IExecuteFunctions, itemIndex: number): ParamReader {
	return (name, fallback) => context.getNodeParameter(name, itemIndex, fallback);
}

/** Reads Device IDs per item; a plain `{{ $json.field }}` is read from the item instead of evaluated. */
function deviceIdReader(this: IExecuteFunctions): (itemIndex: number) => string[] {
	const read = itemParameterReader(this, this.getInputData(), 'deviceIds', '');
	return (itemIndex) => {
		const value = read(itemIndex);
		const ids = parseIdList('Device IDs', value, LIMITS.deviceIdMaxLength);
		if (ids.length === 0)
			throw new InputError('Device IDs', value, 'must contain at least one device ID');
		return ids;
	};
}

/**
 * Fields the node itself adds to a created task (not IoTDA's): kept by Simplify too. `recovered_after`: the
 * create's response was lost and the task found by name (transport); `upgrade_document_form` /
 * `upgrade_document_note`: which upgrade document form IoTDA accepted (createOrReuseTask.ts).
 */
const NODE_TASK_FIELDS = ['recovered_after', 'upgrade_document_form', 'upgrade_document_note'];

/**
 * A created task's fields: Simplify's (simplify.ts) or the raw Task, both with the plan's `device_count` — or,
 * for a task on groups or a file, `targets_from` instead (deviceCount below: IoTDA resolves those devices later,
 * so neither the plan nor the just-created task's counters know how many).
 */
function taskFields(task: IDataObject, plan: TaskPlan, simplify: boolean): IDataObject {
	if (!simplify) return { ...task, ...deviceCount(plan) };
	const simplified = simplifyTask(task, deviceCount(plan));
	for (const key of NODE_TASK_FIELDS) if (task[key] !== undefined) simplified[key] = task[key];
	return simplified;
}

/** Waits for a created task and turns it into output: fields of one item, or one item per device. */
async function waitAndReport(
	this: IExecuteFunctions,
	task: IDataObject,
	plan: TaskPlan,
	{ wait, simplify }: { wait: NonNullable<CreateOptions['wait']>; simplify: boolean },
	itemIndex: number,
): Promise<INodeExecutionData[]> {
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
	const pairedItem = pairedWith(plan.itemIndexes);
	const shown = taskFields(final, plan, simplify);
	// A cancelled execution sends nothing more: the task is reported as last seen, without device results.
	if (waited.outcome === 'cancelled') return [{ json: { ...shown, wait: summary }, pairedItem }];
	const devices = await collectDeviceResults.call(
		this,
		{ ...final, targets: plan.body.targets ?? final.targets },
		itemSettings.call(this, itemIndex),
	);
	if (wait.deviceOutput !== 'items')
		return [{ json: { ...shown, wait: summary, devices }, pairedItem }];
	const task_fields = {
		task_id: final.task_id,
		task_name: final.task_name,
		task_status: final.status,
	};
	const output: INodeExecutionData[] = [];
	for (const device_id of devices.succeeded)
		output.push({ json: { ...task_fields, device_id, status: 'Success' }, pairedItem });
	for (const device of devices.failed)
		output.push({ json: { ...task_fields, ...device }, pairedItem });
	for (const device of devices.not_finished)
		output.push({ json: { ...task_fields, ...device }, pairedItem });
	return output;
}

/** What the node would do after creating, as Dry Run reports it (every option that changes the run is here). */
function dryRunThen(
	this: IExecuteFunctions,
	options: CreateOptions,
	itemIndex: number,
): IDataObject {
	const { wait, rollout } = options;
	const { timeout, skipSslCertificateValidation, retry } = requestOptionsFor.call(this, itemIndex);
	return {
		request: {
			timeout_ms: timeout ?? 'default',
			ignore_ssl_issues: skipSslCertificateValidation === true,
			max_attempts: retry.maxAttempts,
			max_retry_seconds: retry.maxTotalMs / 1000,
		},
		if_task_exists: options.ifTaskExists,
		...(options.idempotencyKey ? { idempotency_key: options.idempotencyKey } : {}),
		...(options.maxTasks !== undefined
			? { max_tasks_per_run: options.maxTasks, too_many_tasks: options.tooManyTasks }
			: {}),
		...(wait
			? {
					wait: {
						poll_interval_seconds: wait.pollIntervalMs / 1000,
						max_wait_minutes: wait.maxWaitMs / 60000,
						device_output: wait.deviceOutput,
					},
				}
			: {}),
		...(rollout
			? {
					rollout: {
						waves: rollout.waves,
						success_threshold: rollout.successThreshold,
						pause_minutes: rollout.pauseMs / 60000,
					},
				}
			: {}),
	};
}

const CREATE_PATH = apiUrl(BATCH_TASKS_PATH);

function dryRunItems(
	this: IExecuteFunctions,
	plans: TaskPlan[],
	options: CreateOptions,
	itemIndex: number,
): INodeExecutionData[] {
	const then = dryRunThen.call(this, options, itemIndex);
	return plans.map((plan) => ({
		json: {
			dry_run: true,
			method: 'POST',
			path: CREATE_PATH,
			...deviceCount(plan),
			body: plan.body,
			then,
		},
		pairedItem: pairedWith(plan.itemIndexes),
	}));
}

/** A task on groups or a file has no device count the node knows (IoTDA resolves it), so none is output. */
function deviceCount(plan: TaskPlan): IDataObject {
	return plan.body.targets
		? { device_count: plan.deviceCount }
		: { targets_from: plan.body.document_source ? 'task file' : 'device groups' };
}

function notCreatedItem(plan: TaskPlan, reason: string): INodeExecutionData {
	return {
		json: {
			created: false,
			reason,
			task_name: plan.body.task_name,
			device_count: plan.deviceCount,
			targets: plan.body.targets,
		},
		pairedItem: pairedWith(plan.itemIndexes),
	};
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
		`${plans.length} tasks are needed for these devices, but Max Tasks per Run is ${fits} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `Nothing was created. Split the input (at most ${fits * LIMITS.maxTargets} devices per run), raise or clear Options → Max Tasks per Run, or set Options → If More Tasks Than the Maximum → Create What Fits.`,
		},
	);
}

/** A create failed: the message says which tasks exist already, and every plan not yet created fails. */
function createFailures(
	error: unknown,
	rest: TaskPlan[],
	created: Array<{ task: IDataObject }>,
	total: number,
): Failure[] {
	if (created.length && error instanceof Error) {
		const names = created
			.map(({ task }) => `${String(task.task_name)} (${String(task.task_id)})`)
			.join(', ');
		// Before the item label, so each error item's copy names its own items (errorItems).
		error.message = beforeItemLabel(
			error.message,
			` (after creating ${created.length} of ${total} tasks: ${names})`,
		);
	}
	// Built for the first item of the run; each plan's error item names the plan's items.
	return rest.map((plan) => ({ error, pairedWith: plan.itemIndexes, sharedByItems: true }));
}

async function createPlannedTasks(
	this: IExecuteFunctions,
	plans: TaskPlan[],
	options: CreateOptions,
	itemIndex: number,
	fail: FailItems,
): Promise<INodeExecutionData[]> {
	if (options.dryRun) return dryRunItems.call(this, plans, options, itemIndex);
	assertTasksFit.call(this, plans, options, itemIndex);
	const output: INodeExecutionData[] = [];
	const created: Array<{ task: IDataObject; plan: TaskPlan }> = [];
	const signal = cancelSignalOf(this);
	for (const [index, plan] of plans.entries()) {
		if (index >= (options.maxTasks ?? Infinity) || signal?.aborted) {
			output.push(
				notCreatedItem(
					plan,
					signal?.aborted ? 'execution cancelled' : `Max Tasks per Run is ${options.maxTasks}`,
				),
			);
			continue;
		}
		try {
			const { task, existing } = await createOrReuseTask.call(this, plan.body, options, itemIndex);
			created.push({ task, plan });
			if (options.wait) continue;
			const json = {
				...taskFields(task, plan, options.simplify),
				...(existing ? { existing: true } : {}),
				input_item_count: plan.itemIndexes.length,
			};
			output.push({ json, pairedItem: pairedWith(plan.itemIndexes) });
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
	const settings = { wait: options.wait!, simplify: options.simplify };
	for (const { task, plan } of created) {
		try {
			append(output, await waitAndReport.call(this, task, plan, settings, itemIndex));
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

/** Applies the idempotency key to the template's name, so a re-run finds the same task. */
function withKey(template: TaskTemplate, options: CreateOptions): TaskTemplate {
	if (!options.idempotencyKey) return template;
	return {
		...template,
		body: {
			...template.body,
			task_name: nameWithKey(String(template.body.task_name), options.idempotencyKey),
		},
	};
}

interface CreateInput {
	template: TaskTemplate;
	collected: CollectedIds;
	options: CreateOptions;
	itemIndex: number;
	/** Set when the devices were read from device groups (a staged rollout on Device Group IDs). */
	groups?: GroupMembers['groups'];
}

/** Every wave's request as Dry Run shows it: the real body of each wave's task, with its device count. */
function dryRunWaves(
	this: IExecuteFunctions,
	input: CreateInput,
	body: IDataObject,
	origin: IDataObject,
): IDataObject[] {
	const { collected, options } = input;
	const then = dryRunThen.call(this, options, input.itemIndex);
	let start = 0;
	return planWaves(options.rollout!.waves, collected.ids.length).map((end, index) => {
		const targets = collected.ids.slice(start, end);
		start = end;
		const waveBody = { ...body, task_name: waveTaskName(String(body.task_name), index), targets };
		return {
			dry_run: true,
			wave: index + 1,
			method: 'POST',
			path: CREATE_PATH,
			device_count: targets.length,
			...origin,
			body: waveBody,
			then,
		};
	});
}

/** A staged rollout (or its dry run) on known devices: listed ones, or the members read from the groups. */
async function stage(this: IExecuteFunctions, input: CreateInput): Promise<INodeExecutionData[]> {
	const { template, collected, options, itemIndex, groups } = input;
	// Waves list their devices: the groups' filter is replaced by each wave's targets.
	const body = { ...template.body };
	delete body.targets_filter;
	const origin: IDataObject = groups
		? { targets_from: 'device groups', groups, total_devices: collected.ids.length }
		: {};
	const pairedItem = pairedWith(collected.items);
	// The last wave has the longest name: when it would not fit, no wave is created.
	const waveCount = planWaves(options.rollout!.waves, collected.ids.length).length;
	withNameSuffix(
		String(body.task_name),
		waveTaskName('', waveCount - 1),
		`for rollout wave ${waveCount}`,
	);
	if (options.dryRun)
		return dryRunWaves.call(this, input, body, origin).map((json) => ({ json, pairedItem }));
	const result = await runStagedRollout.call(this, {
		spec: template.spec,
		body,
		ids: collected.ids,
		itemIndex,
		options,
	});
	return [{ json: { rollout: { ...origin, ...(result.rollout as IDataObject) } }, pairedItem }];
}

async function createFromIds(
	this: IExecuteFunctions,
	input: CreateInput,
	fail: FailItems,
): Promise<INodeExecutionData[]> {
	if (input.options.rollout) return await stage.call(this, input);
	return await createPlannedTasks.call(
		this,
		planTasks(input.template.body, input.collected),
		input.options,
		input.itemIndex,
		fail,
	);
}

/** A staged rollout on Device Group IDs: the groups' members, read before anything is created, are staged. */
async function stageGroups(
	this: IExecuteFunctions,
	template: TaskTemplate,
	options: CreateOptions,
	items: number[],
) {
	const groupIds = (template.body.targets_filter as IDataObject).group_ids as string[];
	const members = await resolveGroupMembers.call(this, groupIds, items[0]);
	const collected: CollectedIds = { ids: members.ids, items, itemsByPart: [items] };
	return await stage.call(this, {
		template,
		collected,
		options,
		itemIndex: items[0],
		groups: members.groups,
	});
}

/** In "One Task per Item" there is one plan per item: a failure is the item's, and the router reports it. */
const rethrow: FailItems = (failures) => {
	if (failures.length) throw failures[0].error;
	return [];
};

/**
 * The task template and options of one item. Refuses (InputError) any option that does not apply to this
 * task type, target source, batch mode and the other options (helpers/optionRules.ts), before any request.
 */
function readTemplate(
	this: IExecuteFunctions,
	itemIndex: number,
): { template: TaskTemplate; options: CreateOptions } {
	const options = readCreateOptions.call(this, itemIndex);
	const template = withKey(
		buildTaskTemplate(readerFor(this, itemIndex), this.getTimezone(), DateTime.now()),
		options,
	);
	const settings: CreateSettings = {
		taskType: template.spec.value,
		targetSource: template.targetSource,
		batchMode:
			this.getNodeParameter('batchMode', 0, 'aggregate') === 'perItem' ? 'perItem' : 'aggregate',
	};
	refuseInapplicableOptions(
		'options',
		this.getNodeParameter('options', itemIndex, {}) as IDataObject,
		settings,
	);
	const fields = { ...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject) };
	// An untouched Document (JSON) ({} as added) is ignored, not refused, on every task type (audit row 2).
	if (isUntouchedDocument(fields.documentJson)) delete fields.documentJson;
	refuseInapplicableOptions('additionalFields', fields, settings);
	return { template, options };
}

/** One Task per Item: the task(s) of one item, run by the router's item loop. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const { template, options } = readTemplate.call(this, i);
	let output: INodeExecutionData[];
	if (template.targetSource === 'deviceIds') {
		const ids = deviceIdReader.call(this)(i);
		if (ids.length > LIMITS.maxTargets)
			throw new InputError(
				'Device IDs',
				ids,
				`must contain at most ${LIMITS.maxTargets} devices per task (has ${ids.length}); choose Batch Mode "One Task for All Items" to split automatically`,
			);
		output = await createFromIds.call(
			this,
			{ template, collected: collectIds([[i, ids]]), options, itemIndex: i },
			rethrow,
		);
	} else {
		output = await createPlannedTasks.call(
			this,
			[{ body: template.body, deviceCount: 0, itemIndexes: [i] }],
			options,
			i,
			rethrow,
		);
	}
	return output.map((item) => item.json);
}

/** One Task for All Items combines items; "One Task per Item" goes through the router's item loop. */
export function acrossItems(this: IExecuteFunctions): boolean {
	return this.getNodeParameter('batchMode', 0) !== 'perItem';
}

/** Collects every item's device IDs; items with bad IDs fail on their own and the rest still count. */
function collectDeviceIds(this: IExecuteFunctions, items: INodeExecutionData[], fail: FailItems) {
	const collector = new IdCollector();
	const output: INodeExecutionData[] = [];
	const deviceIdsOf = deviceIdReader.call(this);
	for (let i = 0; i < items.length; i++) {
		try {
			collector.add(i, deviceIdsOf(i));
		} catch (error) {
			append(output, fail([{ error, pairedWith: [i] }]));
		}
	}
	return { collector, output };
}

/** One Task for All Items: the other fields come from the first item, the devices from every item. */
export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	fail: FailItems,
): Promise<INodeExecutionData[]> {
	const all = items.map((_, i) => i);
	let read: ReturnType<typeof readTemplate>;
	try {
		read = readTemplate.call(this, 0);
	} catch (error) {
		return fail(all.map((i) => ({ error, pairedWith: [i] })));
	}
	const { template, options } = read;
	const byIds = template.targetSource === 'deviceIds';
	const { collector, output } = byIds
		? collectDeviceIds.call(this, items, fail)
		: { collector: undefined, output: [] };
	if (collector && collector.items.length === 0) return output;
	const contributing = collector ? collector.items : all;
	try {
		const made = collector
			? await createFromIds.call(
					this,
					{ template, collected: collector, options, itemIndex: contributing[0] },
					fail,
				)
			: template.targetSource === 'groupIds' && options.rollout
				? await stageGroups.call(this, template, options, all)
				: await createPlannedTasks.call(
						this,
						[{ body: template.body, deviceCount: 0, itemIndexes: all }],
						options,
						0,
						fail,
					);
		append(output, made);
	} catch (error) {
		append(output, fail([{ error, pairedWith: contributing }]));
	}
	return output;
}
