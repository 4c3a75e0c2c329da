/**
 * What one Target Source of Create is (one module per source under targets/, listed once in targets/index.ts):
 * its option in the Target Source selector, its form field, how the body or the devices are read, and the
 * facts the option rules (createOptionRules.ts) and the output need.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TargetSource as IotdaTarget } from '../../../../helpers/apiRules';
import type { ParamReader } from '../taskBody';

/** The devices a staged rollout cuts into waves, with what the rollout's output says about where they came from. */
export interface StagedDevices {
	ids: string[];
	/** Added to the rollout's output (and each dry-run wave), e.g. `{ targets_from: 'device groups', groups }`. */
	origin: IDataObject;
}

/**
 * One item's device IDs (duplicates allowed), for a source whose devices the node knows before creating:
 * listed by the item, or resolved by the node (a device search). Throws InputError naming the field, or the
 * resolution's error. Built once per run, before the item loop, so a resolving source can share its state
 * (e.g. one SearchDevices pacer) across items.
 */
export type DeviceReader = ((itemIndex: number) => string[] | Promise<string[]>) & {
	/**
	 * For a source the node resolves: what the output (each task, rollout or dry-run item, and the item that
	 * says no task was needed) tells about the devices of `items`, already read — how many matched and how they
	 * were found. When none matched, its `reason` says why no task was created.
	 */
	origin?: (items: readonly number[]) => IDataObject;
};

export interface TargetSourceModule {
	/** The selector's option: `value` is the `targetSource` parameter's value. */
	option: { name: string; value: string; description: string };
	/**
	 * Which IoTDA target a task of this source carries (TASK_TYPES `targetSources`, helpers/apiRules.ts): a task
	 * type offers the source when it takes that target. A source the node resolves into a device list (say,
	 * devices matching a search) sends `deviceIds`.
	 */
	sends: IotdaTarget;
	/** The source's form fields; the registry shows them only when this source is chosen. */
	fields: INodeProperties[];
	/** The body part this source adds to a task (`targets_filter`, `document_source`); none for a device list. */
	bodyPart?: (param: ParamReader) => IDataObject;
	/**
	 * For a source whose devices the node knows before creating (the items list them, or the node resolves
	 * them): a reader built once per run. Such devices are combined across items (de-duplicated), split into
	 * tasks of LIMITS.maxTargets, staged in waves and shown by Dry Run alike.
	 */
	itemDevices?: (context: IExecuteFunctions) => DeviceReader;
	/** For a source IoTDA resolves itself: the devices a staged rollout cuts into waves, read before any create. */
	stagedDevices?: (
		context: IExecuteFunctions,
		body: IDataObject,
		itemIndex: number,
	) => Promise<StagedDevices>;
	/** Output of a task whose devices IoTDA resolves (no count known): `targets_from`, e.g. 'task file'. */
	targetsFrom?: string;
}
