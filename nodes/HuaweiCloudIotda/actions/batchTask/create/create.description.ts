/**
 * The Create form. The Target Source fields come from targets/, the document fields from documents/; which
 * options show for which configuration from createOptionRules.ts (applied by optionRules.ts).
 */
import type { INodeProperties } from 'n8n-workflow';

import { LIMITS, TASK_TYPES } from '../../../helpers/apiRules';
import { forOperation, updateDisplayOptions } from '../../../helpers/displayOptions';
import { documentFields } from './documents';
import { applyOptionRules } from './optionRules';
import { targetFields } from './targets';
import { appIdRlc } from '../../../descriptions/rlc.description';
import { requestOptionsCollection } from '../../requestOptions.description';
import { taskTypeOptions } from '../../../descriptions/options.description';
import { simplifyField } from '../simplify';
import {
	forVersion,
	placementOf,
	V2_FIELDS,
	type Placement,
	type V1Collection,
} from './formVersion';

const maxTargets = LIMITS.maxTargets.toLocaleString('en-US');

/** Create's own options; the shared ones (timeout, TLS, retries) are added by requestOptionsCollection. */
const createOwnOptions: INodeProperties[] = [
	{
		displayName: 'Device Results',
		name: 'deviceOutput',
		type: 'options',
		default: 'fields',
		description: 'How per-device results are output after waiting',
		options: [
			{
				name: 'As Fields of the Task Item',
				value: 'fields',
				description: 'One item per task with devices.succeeded / failed / not_finished',
			},
			{
				name: 'One Item per Device',
				value: 'items',
				description: 'Device ID, status, error code and message',
			},
		],
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to output the exact request bodies (every wave of a staged rollout) and what would follow, creating nothing; device groups are read to count their members',
	},
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.rolloutKey }}',
		description:
			'Folded into the task name (as a short hash), so a re-run with the same key finds its task instead of creating a second one. Use with "If a Task With This Name Exists".',
	},
	{
		displayName: 'If a Task With This Name Exists',
		name: 'ifTaskExists',
		type: 'options',
		default: 'create',
		options: [
			{ name: 'Create Anyway', value: 'create', description: 'Do not look for an existing task' },
			{ name: 'Fail', value: 'fail', description: 'Stop with an error naming the existing task' },
			{
				name: 'Return Existing Task',
				value: 'returnExisting',
				description: 'Output the existing task instead of creating another',
			},
		],
	},
	{
		displayName: 'If More Tasks Than the Maximum',
		name: 'tooManyTasks',
		type: 'options',
		default: 'fail',
		description: 'What happens when the split needs more tasks than Max Tasks per Run',
		options: [
			{
				name: 'Create What Fits',
				value: 'createWhatFits',
				description: 'Create up to the maximum and output the remaining devices as not created',
			},
			{
				name: 'Fail Before Creating Any',
				value: 'fail',
				description: 'Stop with an error if the split needs more tasks than the maximum',
			},
		],
	},
	{
		displayName: 'Max Tasks per Run',
		name: 'maxTasks',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: `Most tasks one run may create (each up to ${maxTargets} devices); 0 = not checked by the node. IoTDA may limit unfinished tasks per resource space itself (often quoted as ${LIMITS.reportedUnfinishedTasksPerApp}, not documented by Huawei); its refusal is reported.`,
	},
	{
		displayName: 'Max Wait (Minutes)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'Stop waiting after this long; the task keeps running in IoTDA',
	},
	{
		displayName: 'Pause Between Waves (Minutes)',
		name: 'pauseBetweenWaves',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Staged rollout: time to wait after a successful wave before the next one starts',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description:
			'Time between status checks while waiting; it grows by half each check, up to 60 seconds',
	},
	{
		displayName: 'Staged Rollout Waves',
		name: 'rolloutWaves',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1%, 10%, 100%',
		description:
			'Roll out in waves, each its own task: cumulative percentages or device counts of the devices (listed, or the members of the device groups). The next wave starts only when the previous one reached the Success Threshold. Upgrades and commands, with Wait for Completion.',
	},
	{
		displayName: 'Success Threshold (%)',
		name: 'successThreshold',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: 95,
		description:
			'Staged rollout: share of a wave’s devices that must succeed; a wave whose failures exceed the rest is stopped at once',
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to poll the task until it finishes and output its summary and per-device results',
	},
];

/** A Task Name placeholder per task type (one copy of the field per type shows its own). */
const TASK_NAME_EXAMPLES: Record<string, string> = {
	firmwareUpgrade: 'fw_2_4_rollout_2026_11',
	softwareUpgrade: 'app_3_1_update_2026_11',
	moduleUpgrade: 'modem_fw_update_2026_11',
	createCommands: 'switch_off_site_a',
	createAsyncCommands: 'reboot_overnight_site_a',
	createMessages: 'maintenance_notice_2026_11',
	updateDeviceShadows: 'report_interval_60s',
	createDevices: 'register_meters_batch_12',
	deleteDevices: 'retire_old_meters_2026',
	freezeDevices: 'freeze_lost_devices',
	unfreezeDevices: 'unfreeze_recovered_devices',
	updateDevices: 'rename_site_a_devices',
};

/** Additional Fields: request body fields most tasks leave out. */
const additionalFieldOptions: INodeProperties[] = [
	appIdRlc('Resource space of the task; the default resource space when empty'),
	{
		displayName: 'Document (JSON)',
		name: 'documentJson',
		type: 'json',
		default: '{}',
		description:
			'The task document as JSON; replaces what the form above builds. Left at {} it is ignored and the form’s document is sent.',
	},
	{
		displayName: 'Gateway Mode',
		name: 'gatewayMode',
		type: 'boolean',
		default: false,
		description: 'Whether the gateway upgrades its child devices (task mode GATEWAY)',
	},
	{
		displayName: 'Need Confirm',
		name: 'needConfirm',
		type: 'boolean',
		default: false,
		description: 'Whether each device waits for a Confirm before upgrading',
	},
	{
		displayName: 'Retry Count',
		name: 'retryCount',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: LIMITS.retryCountMax },
		default: 3,
		description: `How often a failed device is retried (1–${LIMITS.retryCountMax}); requires Retry Interval`,
	},
	{
		displayName: 'Retry Interval (Minutes)',
		name: 'retryInterval',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: LIMITS.retryIntervalMaxMinutes },
		default: 60,
		description: `Minutes between retries (at most ${LIMITS.retryIntervalMaxMinutes}); requires Retry Count`,
	},
	{
		displayName: 'Schedule Time',
		name: 'scheduleTime',
		type: 'dateTime',
		default: '',
		description: `Start the task at this time (within ${LIMITS.scheduleMaxDaysAhead} days) instead of now`,
	},
	{
		displayName: 'Task Extra Info',
		name: 'taskExtInfo',
		type: 'json',
		default: '{}',
		description: `JSON passed to the devices with the upgrade notification (at most ${LIMITS.taskExtInfoMaxLength} characters)`,
	},
];

/** What both form versions show first: the task, its devices and its document. */
const taskFields: INodeProperties[] = [
	{
		displayName: 'Task Type',
		name: 'taskType',
		type: 'options',
		noDataExpression: true,
		required: true,
		default: 'firmwareUpgrade',
		options: taskTypeOptions(),
	},
	...TASK_TYPES.map(
		(t): INodeProperties => ({
			displayName: 'Task Name',
			name: 'taskName',
			type: 'string',
			required: true,
			default: '',
			placeholder: `e.g. ${TASK_NAME_EXAMPLES[t.value] ?? 'nightly_batch_task'}`,
			description: `Up to ${LIMITS.taskNameMaxLength} Chinese characters, letters, digits and underscores. Tasks split past ${maxTargets} devices get _1, _2, … appended.`,
			displayOptions: { show: { taskType: [t.value] } },
		}),
	),
	...targetFields(),
	{
		displayName: 'Batch Mode',
		name: 'batchMode',
		type: 'options',
		noDataExpression: true,
		default: 'aggregate',
		options: [
			{
				name: 'One Task for All Items',
				value: 'aggregate',
				description: `Collect the device IDs of every input item into one task (split into tasks of ${maxTargets}). Every other field must have the same value on every item.`,
			},
			{
				name: 'One Task per Item',
				value: 'perItem',
				description: 'Create a separate task for each input item',
			},
		],
	},
	...documentFields(),
];

function additionalFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** Version 1: every setting in Additional Fields and one alphabetical Options collection. */
const version1: INodeProperties[] = [
	additionalFields(applyOptionRules('additionalFields', additionalFieldOptions, 1)),
	simplifyField,
	requestOptionsCollection(applyOptionRules('options', createOwnOptions, 1)),
];

/** The options of version 1's `collection` that version 2 places at `placement`, with their rules applied. */
function placed(collection: V1Collection, options: INodeProperties[], placement: Placement) {
	return applyOptionRules(
		collection,
		options.filter((o) => placementOf(o.name, collection, 2) === placement),
		2,
	);
}

const v2Fields = [
	...placed('options', createOwnOptions, 'field'),
	...placed('additionalFields', additionalFieldOptions, 'field'),
];

/** Version 2: waiting, the staged rollout and Dry Run first, request settings last (formVersion.ts). */
const version2: INodeProperties[] = [
	...V2_FIELDS.flatMap((name) => v2Fields.filter((o) => o.name === name)),
	additionalFields(placed('additionalFields', additionalFieldOptions, 'additionalFields')),
	{
		displayName: 'Task Options',
		name: 'taskOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: placed('options', createOwnOptions, 'taskOptions'),
	},
	simplifyField,
	{ ...requestOptionsCollection(), displayName: 'Request Options' },
];

export const createDescription = updateDisplayOptions(forOperation('batchTask', 'create'), [
	...taskFields,
	...updateDisplayOptions(forVersion(1), version1),
	...updateDisplayOptions(forVersion(2), version2),
]);
