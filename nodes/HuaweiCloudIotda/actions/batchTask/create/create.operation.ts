/**
 * Batch Task → Create: builds CreateBatchTask bodies from the parameters and the incoming items — one
 * task for all items (split past 30,000 devices; this mode works across items) or one task per item (the
 * router's item loop) — validates everything first, then creates the tasks one after another; optionally
 * waits for them or runs them as a staged rollout. The parts live beside this file: targets/ (the Target
 * Sources), documents/ (the document forms), run.ts, dryRun.ts, rollout.ts and the options.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { append, pairedWith } from '../../../helpers/arrays';
import { uniqueInOrder } from '../../../helpers/idList';
import { InputError } from '../../../helpers/inputErrors';
import type { FailItems } from '../../../helpers/itemErrors';
import { LIMITS } from '../../../helpers/apiRules';
import { isUntouchedDocument } from './documents';
import { nameWithKey } from './findTaskByName';
import { refuseInapplicableOptions, type CreateSettings } from './optionRules';
import { readCreateOptions, type CreateOptions } from './readCreateOptions';
import { stage } from './rollout';
import { createPlannedTasks, runPlan } from './run';
import { buildTaskTemplate, type ParamReader, type TaskTemplate } from './taskBody';
import { IdCollector, planTasks, type TaskPlan } from './taskPlan';
import type { DeviceReader, TargetSourceModule } from './targets';
import { createDescription } from './create.description';
import { refuseUnhonourableCombinations } from './combinations';
import { readCollection } from './formVersion';
import { displayNameIn, refuseValuesThatDiffer } from './sameForAllItems';

export { createDescription as description } from './create.description';

/** Every Create item names its input items as a list, in both batch modes (a task may come from many). */
export const pairing = 'list';

/** Reads the item's parameters; Options and Additional Fields in form version 1's shape (formVersion.ts). */
function readerFor(context: IExecuteFunctions, itemIndex: number): ParamReader {
	return (name, fallback) =>
		name === 'options' || name === 'additionalFields'
			? readCollection.call(context, createDescription, name, itemIndex)
			: context.getNodeParameter(name, itemIndex, fallback);
}

/** Applies the idempotency key to the template's name, so a re-run finds the same task. */
function withKey(template: TaskTemplate, options: CreateOptions): TaskTemplate {
	if (!options.idempotencyKey) return template;
	const task_name = nameWithKey(String(template.body.task_name), options.idempotencyKey);
	return { ...template, body: { ...template.body, task_name } };
}

interface ReadTemplate {
	template: TaskTemplate;
	options: CreateOptions;
}

/**
 * The task template and options of one item. Refuses (InputError) any option that does not apply to this
 * task type, target source, batch mode and the other options (optionRules.ts), before any request.
 */
function readTemplate(this: IExecuteFunctions, itemIndex: number): ReadTemplate {
	const options = readCreateOptions.call(this, itemIndex);
	const template = withKey(
		buildTaskTemplate(readerFor(this, itemIndex), this.getTimezone(), DateTime.now()),
		options,
	);
	const settings: CreateSettings = {
		taskType: template.spec.value,
		targetSource: template.source.option.value,
		batchMode:
			this.getNodeParameter('batchMode', 0, 'aggregate') === 'perItem' ? 'perItem' : 'aggregate',
	};
	refuseInapplicableOptions(
		'options',
		readCollection.call(this, createDescription, 'options', itemIndex),
		settings,
	);
	const fields = readCollection.call(this, createDescription, 'additionalFields', itemIndex);
	// An untouched Document (JSON) ({} as added) is ignored, not refused, on every task type (audit row 2).
	if (isUntouchedDocument(fields.documentJson)) delete fields.documentJson;
	refuseInapplicableOptions('additionalFields', fields, settings);
	refuseUnhonourableCombinations(template.body, options, Date.now());
	return { template, options };
}

/** A source's per-item device reader, built once per run (see prepare). */
type DeviceReaders = (source: TargetSourceModule) => DeviceReader;

/**
 * Built once before the router's item loop: the device readers of the sources whose devices the node knows,
 * so reading an item's devices does not rebuild the reader (and copy the node's parameters, or start a new
 * search pacer) per item.
 */
export function prepare(this: IExecuteFunctions): DeviceReaders {
	const readers = new Map<TargetSourceModule, DeviceReader>();
	return (source) => {
		let read = readers.get(source);
		if (!read) readers.set(source, (read = source.itemDevices!(this)));
		return read;
	};
}

/** The output item of a run whose source found no device (a search every device already fails): no task. */
const nothingToDo = (origin: IDataObject): IDataObject => ({
	created: false,
	reason: 'no devices to target',
	device_count: 0,
	...origin,
});

/** The one task of item `i` in "One Task per Item": its devices listed by the item, or resolved by IoTDA. */
async function itemPlan(template: TaskTemplate, i: number, read: DeviceReader): Promise<TaskPlan> {
	const { source, body } = template;
	const ids = await read(i);
	if (ids.length > LIMITS.maxTargets)
		throw new InputError(
			source.option.name,
			ids,
			`must contain at most ${LIMITS.maxTargets} devices per task (has ${ids.length}); choose Batch Mode "One Task for All Items" to split automatically`,
		);
	const targets = uniqueInOrder(ids);
	return { body: { ...body, targets }, deviceCount: targets.length, itemIndexes: [i] };
}

/** One Task per Item: the task of one item, run by the router's item loop; a failure is thrown to it. */
export async function execute(
	this: IExecuteFunctions,
	i: number,
	devicesOf: DeviceReaders,
): Promise<IDataObject[]> {
	const { template, options } = readTemplate.call(this, i);
	const { source, body } = template;
	if (!source.itemDevices) {
		const plan = { body, deviceCount: 0, itemIndexes: [i], targetsFrom: source.targetsFrom };
		return await runPlan.call(this, plan, options, i);
	}
	const read = devicesOf(source);
	const plan = await itemPlan(template, i, read);
	const origin = read.origin?.([i]) ?? {};
	if (plan.deviceCount === 0) return [nothingToDo(origin)];
	// Each record says how its devices were found (empty for a list the item gave).
	return (await runPlan.call(this, plan, options, i)).map((json) => ({ ...json, ...origin }));
}

/** One Task for All Items combines items; "One Task per Item" goes through the router's item loop. */
export function acrossItems(this: IExecuteFunctions): boolean {
	return this.getNodeParameter('batchMode', 0) !== 'perItem';
}

/** Collects every item's devices; items with bad IDs fail on their own and the rest still count. */
async function collectDevices(
	this: IExecuteFunctions,
	source: TargetSourceModule,
	count: number,
	fail: FailItems,
) {
	const collector = new IdCollector();
	const output: INodeExecutionData[] = [];
	const devicesOf = source.itemDevices!(this);
	for (let i = 0; i < count; i++) {
		try {
			collector.add(i, await devicesOf(i));
		} catch (error) {
			append(output, fail([{ error, pairedWith: [i] }]));
		}
	}
	return { collector, output, origin: devicesOf.origin?.(collector.items) ?? {} };
}

/**
 * The one dispatch of "One Task for All Items", by what the Target Source gives: devices the items list
 * (`listed`: staged, or split into tasks of at most LIMITS.maxTargets), devices read before creating for a
 * staged rollout (the groups' members), or a single task whose devices IoTDA resolves. `items`: the input
 * items the tasks pair with; `origin`: how a resolving source found the listed devices, for the output.
 */
async function route(
	this: IExecuteFunctions,
	{ template, options }: ReadTemplate,
	{ items, listed, origin }: { items: number[]; listed?: IdCollector; origin: IDataObject },
	fail: FailItems,
): Promise<INodeExecutionData[]> {
	const { source, body } = template;
	const common = { template, options, items, itemIndex: items[0] };
	if (listed?.ids.length === 0)
		return [{ json: nothingToDo(origin), pairedItem: pairedWith(items) }];
	if (options.rollout && listed)
		return await stage.call(this, { ...common, ids: listed.ids, origin });
	if (options.rollout && source.stagedDevices) {
		const { ids, origin } = await source.stagedDevices(this, body, items[0]);
		return await stage.call(this, { ...common, ids, origin });
	}
	const plans: TaskPlan[] = listed
		? planTasks(body, listed)
		: [{ body, deviceCount: 0, itemIndexes: items, targetsFrom: source.targetsFrom }];
	const output = await createPlannedTasks.call(this, plans, options, items[0], fail);
	// Each output item says how its devices were found (empty for a list the items gave).
	return output.map((item) => ({ ...item, json: { ...item.json, ...origin } }));
}

/** One Task for All Items: the devices come from every item, every other field is the same on every item. */
export async function executeAll(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	fail: FailItems,
): Promise<INodeExecutionData[]> {
	const all = items.map((_, i) => i);
	let read: ReadTemplate;
	try {
		read = readTemplate.call(this, 0);
		// Only the devices are combined across items: every other field must be the same on every item.
		const { source } = read.template;
		const combined = new Set(source.itemDevices ? source.fields.map((field) => field.name) : []);
		refuseValuesThatDiffer(this, items, combined, (path) => displayNameIn(createDescription, path));
	} catch (error) {
		// The form is read from item 0: every item fails, and the message names item 0.
		return fail(all.map((i) => ({ error, pairedWith: [i], itemsNamed: 0 })));
	}
	const { source } = read.template;
	const { collector, output, origin } = source.itemDevices
		? await collectDevices.call(this, source, items.length, fail)
		: { collector: undefined, output: [], origin: {} };
	if (collector && collector.items.length === 0) return output;
	const contributing = collector ? collector.items : all;
	try {
		const listed = { items: contributing, listed: collector, origin };
		append(output, await route.call(this, read, listed, fail));
	} catch (error) {
		// Concerns every contributing item; named, as the run's requests are, by the first of them.
		append(output, fail([{ error, pairedWith: contributing, itemsNamed: contributing[0] }]));
	}
	return output;
}
