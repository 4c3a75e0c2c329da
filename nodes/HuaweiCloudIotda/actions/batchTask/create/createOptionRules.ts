/**
 * Which Create options apply to which configuration (the table optionRules.ts applies to the form and the
 * validator, and the README's option table is generated from). The Target Source conditions come from the
 * sources themselves (targets/): a source whose devices the items list is split into tasks; a source whose
 * devices are known before creating (listed, or read from the groups) can be staged.
 */
import { TASK_TYPES, type TaskTypeSpec } from '../../../helpers/apiRules';
import { sourceNames, sourceValues, type TargetSourceModule } from './targets';

/** Split into tasks of LIMITS.maxTargets: a source whose devices the input items list. */
const splits = (source: TargetSourceModule) => source.itemDevices !== undefined;
/** Cut into waves: a source whose devices the node knows, listed or read before creating. */
const stageable = (source: TargetSourceModule) =>
	source.itemDevices !== undefined || source.stagedDevices !== undefined;

/** Create's Batch Mode: one task (or one rollout) for all items, or one per item. */
export type BatchMode = 'aggregate' | 'perItem';

/**
 * One condition an option of Create needs. `key` is a top-level parameter (`/taskType`, `/targetSource`,
 * `/batchMode`, as n8n's displayOptions name the root) or another option of the same collection.
 * `values`: the option applies only for these values; `set` / `unset`: only when that (string) option is (not)
 * given — the form tests it as `> ''` (optionRules.ts NON_EMPTY);
 * `above`: only when that option is a number greater than this (e.g. Max Tasks per Run, where 0 = not checked).
 */
export interface OptionCondition {
	key: string;
	values?: readonly (string | boolean)[];
	set?: boolean;
	above?: number;
	/** The setting's label in the form: 'Batch Mode'. */
	setting: string;
	/** The setting as the user sees it, with the values that work: 'Batch Mode "One Task for All Items"'. */
	needs: string;
}

/**
 * Which Create options apply to which configuration: an option not listed applies everywhere; a listed one
 * applies only when every condition holds. The form's display options, the validator (refuses a set option
 * whose condition fails, naming both settings) and the README table are all built from this list
 * (optionRules.ts), so they cannot disagree. `why` says what would go wrong if it were accepted.
 */
export interface OptionRule {
	collection: 'options' | 'additionalFields';
	name: string;
	label: string;
	when: readonly OptionCondition[];
	why: string;
}

const stageableTypes = TASK_TYPES.filter((t) => t.stageable);
const upgradeTaskTypes = TASK_TYPES.filter((t) => t.isUpgrade);
const typeNames = (types: readonly TaskTypeSpec[]) => types.map((t) => t.name).join(', ');
const WAIT_ON: OptionCondition = {
	key: 'waitForCompletion',
	setting: 'Wait for Completion',
	values: [true],
	needs: 'Wait for Completion on',
};
const NO_WAVES: OptionCondition = {
	key: 'rolloutWaves',
	setting: 'Staged Rollout Waves',
	set: false,
	needs: 'no Staged Rollout Waves',
};
const WAVES: OptionCondition = {
	key: 'rolloutWaves',
	setting: 'Staged Rollout Waves',
	set: true,
	needs: 'Staged Rollout Waves',
};
const UPGRADES: OptionCondition = {
	key: '/taskType',
	setting: 'Task Type',
	values: upgradeTaskTypes.map((t) => t.value),
	needs: `an upgrade Task Type (${typeNames(upgradeTaskTypes)})`,
};
const confirmTaskTypes = TASK_TYPES.filter((t) => t.needConfirm);
const CONFIRMABLE: OptionCondition = {
	key: '/taskType',
	setting: 'Task Type',
	values: confirmTaskTypes.map((t) => t.value),
	needs: `a Task Type whose devices can wait for a Confirm (${typeNames(confirmTaskTypes)})`,
};
const documentTaskTypes = TASK_TYPES.filter((t) => t.document !== 'none');
/** Only a device list without waves, in one task for all items, is split into several tasks. */
const SPLIT: readonly OptionCondition[] = [
	{
		key: '/targetSource',
		setting: 'Target Source',
		values: sourceValues(splits),
		needs: `${sourceNames(splits)} (only a device list is split into tasks)`,
	},
	{
		key: '/batchMode',
		setting: 'Batch Mode',
		values: ['aggregate'],
		needs: 'Batch Mode "One Task for All Items" (per item, a task is never split)',
	},
	NO_WAVES,
];

export const CREATE_OPTION_RULES: readonly OptionRule[] = [
	{
		collection: 'options',
		name: 'rolloutWaves',
		label: 'Staged Rollout Waves',
		when: [
			{
				key: '/taskType',
				setting: 'Task Type',
				values: stageableTypes.map((t) => t.value),
				needs: `a Task Type that can be staged (${typeNames(stageableTypes)})`,
			},
			{
				key: '/targetSource',
				setting: 'Target Source',
				values: sourceValues(stageable),
				needs: `${sourceNames(stageable)} (a task file cannot be split)`,
			},
			{
				key: '/batchMode',
				setting: 'Batch Mode',
				values: ['aggregate'],
				needs:
					'Batch Mode "One Task for All Items" (per item, every item would be its own full rollout)',
			},
			WAIT_ON,
		],
		why: 'the waves would be dropped and every device would get the task at once',
	},
	{
		collection: 'options',
		name: 'successThreshold',
		label: 'Success Threshold (%)',
		when: [WAVES],
		why: 'only waves are judged by it',
	},
	{
		collection: 'options',
		name: 'pauseBetweenWaves',
		label: 'Pause Between Waves (Minutes)',
		when: [WAVES],
		why: 'there would be no waves to pause between',
	},
	{
		collection: 'options',
		name: 'pollInterval',
		label: 'Poll Interval (Seconds)',
		when: [WAIT_ON],
		why: 'nothing would be polled',
	},
	{
		collection: 'options',
		name: 'maxWait',
		label: 'Max Wait (Minutes)',
		when: [WAIT_ON],
		why: 'nothing would be waited for',
	},
	{
		collection: 'options',
		name: 'deviceOutput',
		label: 'Device Results',
		when: [WAIT_ON, NO_WAVES],
		why: 'a staged rollout reports its devices per outcome in one item',
	},
	{
		collection: 'options',
		name: 'idempotencyKey',
		label: 'Idempotency Key',
		when: [
			{
				key: 'ifTaskExists',
				setting: 'If a Task With This Name Exists',
				values: ['fail', 'returnExisting'],
				needs:
					'If a Task With This Name Exists "Return Existing Task" or "Fail" (with "Create Anyway" a re-run creates a second task)',
			},
		],
		why: 'a re-run would create a second task',
	},
	{
		collection: 'options',
		name: 'tooManyTasks',
		label: 'If More Tasks Than the Maximum',
		when: [
			...SPLIT,
			{
				key: 'maxTasks',
				setting: 'Max Tasks per Run',
				above: 0,
				needs: 'a Max Tasks per Run above 0 (0 or empty = not checked)',
			},
		],
		why: 'without a maximum there is nothing to exceed',
	},
	{
		collection: 'options',
		name: 'maxTasks',
		label: 'Max Tasks per Run',
		when: SPLIT,
		why: 'no split into several tasks happens here, so there is nothing to count',
	},
	{
		collection: 'additionalFields',
		name: 'documentJson',
		label: 'Document (JSON)',
		when: [
			{
				key: '/taskType',
				setting: 'Task Type',
				values: documentTaskTypes.map((t) => t.value),
				needs: `a Task Type that takes a document (${typeNames(documentTaskTypes)})`,
			},
		],
		why: 'IoTDA takes no document for this task type (audit row 13)',
	},
	{
		collection: 'additionalFields',
		name: 'gatewayMode',
		label: 'Gateway Mode',
		when: [UPGRADES],
		why: 'IoTDA takes task mode GATEWAY for upgrades only',
	},
	{
		collection: 'additionalFields',
		name: 'needConfirm',
		label: 'Need Confirm',
		when: [CONFIRMABLE],
		why: 'IoTDA takes need_confirm for firmware, software and module upgrades only (PY create_batch_task.py)',
	},
	{
		collection: 'additionalFields',
		name: 'taskExtInfo',
		label: 'Task Extra Info',
		when: [UPGRADES],
		why: 'IoTDA takes task_ext_info for upgrades only',
	},
];
