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
	 * For a source whose devices the input items list: a reader built once per run (before the item loop)
	 * returning one item's device IDs; throws InputError naming the field. Such devices are combined across
	 * items and split into tasks of LIMITS.maxTargets.
	 */
	itemDevices?: (context: IExecuteFunctions) => (itemIndex: number) => string[];
	/** For a source IoTDA resolves itself: the devices a staged rollout cuts into waves, read before any create. */
	stagedDevices?: (
		context: IExecuteFunctions,
		body: IDataObject,
		itemIndex: number,
	) => Promise<StagedDevices>;
	/** Output of a task whose devices IoTDA resolves (no count known): `targets_from`, e.g. 'task file'. */
	targetsFrom?: string;
}
