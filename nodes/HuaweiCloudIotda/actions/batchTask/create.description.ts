/** The Create form. Which fields and options show for which configuration comes from helpers/apiRules.ts (task types, CREATE_OPTION_RULES via helpers/optionRules.ts). */
import type { INodeProperties } from 'n8n-workflow';

import { LIMITS, taskTypesWhere, type TargetSource } from '../../helpers/apiRules';
import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import { applyOptionRules } from '../../helpers/optionRules';
import { appIdRlc } from '../../descriptions/rlc.description';
import { requestOptionsCollection } from '../requestOptions.description';
import { sortedByName } from '../../helpers/sortOptions';
import { taskTypeOptions } from '../../descriptions/options.description';
import { simplifyField } from './simplify';

const maxTargets = LIMITS.maxTargets.toLocaleString('en-US');
const typesWithDocument = (form: string) => taskTypesWhere((t) => t.document === form);
const commandTypes = [...typesWithDocument('command'), ...typesWithDocument('asyncCommand')];

const SOURCE_OPTIONS: Record<
	TargetSource,
	{ name: string; value: TargetSource; description: string }
> = {
	deviceIds: {
		name: 'Device IDs',
		value: 'deviceIds',
		description: 'Device IDs from the input items (targets)',
	},
	groupIds: {
		name: 'Device Group IDs',
		value: 'groupIds',
		description: 'Every device in the given device groups (targets_filter)',
	},
	file: {
		name: 'Task File',
		value: 'file',
		description: 'The devices listed in an uploaded task file (document_source)',
	},
};

/** Task types whose target sources are exactly these. */
const typesWithSources = (...sources: TargetSource[]) =>
	taskTypesWhere((t) => t.targetSources.join() === sources.join());

const targetSourceDescription =
	'Which devices the task runs on. IoTDA takes exactly one source; only the chosen one is sent.';

/** One "Target Source" selector per set of sources, so each task type offers only what it supports. */
const targetSourceSelectors: INodeProperties[] = [
	{
		displayName: 'Target Source',
		name: 'targetSource',
		type: 'options',
		noDataExpression: true,
		default: 'deviceIds',
		options: sortedByName([SOURCE_OPTIONS.deviceIds, SOURCE_OPTIONS.groupIds]),
		description: targetSourceDescription,
		displayOptions: { show: { taskType: typesWithSources('deviceIds', 'groupIds') } },
	},
	{
		displayName: 'Target Source',
		name: 'targetSource',
		type: 'options',
		noDataExpression: true,
		default: 'deviceIds',
		options: sortedByName([SOURCE_OPTIONS.deviceIds, SOURCE_OPTIONS.groupIds, SOURCE_OPTIONS.file]),
		description: targetSourceDescription,
		displayOptions: { show: { taskType: typesWithSources('deviceIds', 'groupIds', 'file') } },
	},
	{
		displayName: 'Target Source',
		name: 'targetSource',
		type: 'options',
		noDataExpression: true,
		default: 'file',
		options: [SOURCE_OPTIONS.file],
		description: targetSourceDescription,
		displayOptions: { show: { taskType: typesWithSources('file') } },
	},
];

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

const properties: INodeProperties[] = [
	{
		displayName: 'Task Type',
		name: 'taskType',
		type: 'options',
		noDataExpression: true,
		required: true,
		default: 'firmwareUpgrade',
		options: taskTypeOptions(),
	},
	{
		displayName: 'Task Name',
		name: 'taskName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. fw_rollout_2026_11',
		description: `Up to ${LIMITS.taskNameMaxLength} Chinese characters, letters, digits and underscores. Tasks split past ${maxTargets} devices get _1, _2, … appended.`,
	},
	...targetSourceSelectors,
	{
		displayName: 'Device IDs',
		name: 'deviceIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.device_id }}',
		description:
			'Device IDs: an array, or text separated by commas, semicolons, spaces or new lines. Map a field of the input items to collect the IDs of every item.',
		displayOptions: { show: { targetSource: ['deviceIds'] } },
	},
	{
		displayName: 'Device Group IDs',
		name: 'groupIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 3f2c8e7a-5b1d-4c9e-8a6f-0d4b2e1c7a93',
		description: 'IDs of device groups, separated by commas; the task runs on every device in them',
		displayOptions: { show: { targetSource: ['groupIds'] } },
	},
	{
		displayName: 'Task File ID',
		name: 'fileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 0c3c77dd-42a2-4309-9e10-da2e8bf64ac3',
		description:
			'File ID returned by Batch Task File → Upload (an .xlsx/.xls from the IoTDA template)',
		displayOptions: { show: { targetSource: ['file'] } },
	},
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
				description: `Collect the device IDs of every input item into one task (split into tasks of ${maxTargets}). Other fields are read from the first item.`,
			},
			{
				name: 'One Task per Item',
				value: 'perItem',
				description: 'Create a separate task for each input item',
			},
		],
	},
	{
		displayName: 'Product Name or ID',
		name: 'productId',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getProducts',
			loadOptionsDependsOn: ['additionalFields.appId'],
		},
		default: '',
		description:
			'Never sent: narrows the lists below (the product’s packages, or the services and commands of its model). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { taskType: [...typesWithDocument('upgrade'), ...commandTypes] } },
	},
	{
		displayName: 'Package Names or IDs',
		name: 'packageId',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getOtaPackages',
			loadOptionsDependsOn: ['taskType', 'productId', 'additionalFields.appId'],
		},
		default: [],
		description:
			'One or more OTA packages to install (sent as document.package_ids). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { taskType: typesWithDocument('upgrade') } },
	},
	{
		displayName: 'Service Name or ID',
		name: 'serviceId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getServices', loadOptionsDependsOn: ['productId'] },
		default: '',
		description:
			'Service of the product model that defines the command, e.g. Switch; optional (needed for devices that use a codec). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { taskType: commandTypes } },
	},
	{
		displayName: 'Command Name or ID',
		name: 'commandName',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getCommands',
			loadOptionsDependsOn: ['productId', 'serviceId'],
		},
		default: '',
		description:
			'Command to send, e.g. ON_OFF; optional (needed for devices that use a codec). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { taskType: commandTypes } },
	},
	{
		displayName: 'Command Parameters',
		name: 'commandParameters',
		type: 'json',
		default: '{}',
		description:
			'Command parameters as a JSON object, e.g. {"value": "ON"} (document.paras, always sent)',
		displayOptions: { show: { taskType: commandTypes } },
	},
	{
		displayName: 'Send Strategy',
		name: 'sendStrategy',
		type: 'options',
		default: 'immediately',
		options: [
			{
				name: 'Delay',
				value: 'delay',
				description: 'Cache the command and deliver it when the device comes online',
			},
			{
				name: 'Immediately',
				value: 'immediately',
				description: 'Deliver now; fails for offline devices',
			},
		],
		displayOptions: { show: { taskType: typesWithDocument('asyncCommand') } },
	},
	{
		displayName: 'Expire Time (Seconds)',
		name: 'expireTime',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: LIMITS.asyncCommandMaxExpireSeconds },
		default: 86400,
		description: `How long a delayed command waits for the device (at most ${LIMITS.asyncCommandMaxExpireSeconds / 86400} days)`,
		displayOptions: {
			show: { taskType: typesWithDocument('asyncCommand'), sendStrategy: ['delay'] },
		},
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. {"switch": "OFF"}',
		description: 'Message content (text, or JSON)',
		displayOptions: { show: { taskType: typesWithDocument('message') } },
	},
	{
		displayName: 'Message Options',
		name: 'messageOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { taskType: typesWithDocument('message') } },
		options: [
			{
				displayName: 'Correlation Data (MQTT 5)',
				name: 'correlationData',
				type: 'string',
				default: '',
				description: `MQTT 5.0 request/response correlation data: up to ${LIMITS.messagePropertyMaxLength} letters, digits, _ and -`,
			},
			{
				displayName: 'Encoding',
				name: 'encoding',
				type: 'options',
				default: 'none',
				options: [
					{ name: 'Base64', value: 'base64' },
					{ name: 'None', value: 'none' },
				],
			},
			{
				displayName: 'Message ID',
				name: 'messageId',
				type: 'string',
				default: '',
				description: `Up to ${LIMITS.messageIdMaxLength} letters, digits, hyphens and underscores`,
			},
			{
				displayName: 'Message Name',
				name: 'name',
				type: 'string',
				default: '',
				description: `Up to ${LIMITS.messageNameMaxLength} Chinese characters, letters, digits and _?'#().,&%@!-`,
			},
			{
				displayName: 'Payload Format',
				name: 'payloadFormat',
				type: 'options',
				default: 'standard',
				options: [
					{ name: 'Raw', value: 'raw' },
					{ name: 'Standard', value: 'standard' },
				],
			},
			{
				displayName: 'Response Topic (MQTT 5)',
				name: 'responseTopic',
				type: 'string',
				default: '',
				description: `MQTT 5.0 response topic: up to ${LIMITS.messagePropertyMaxLength} letters, digits and _-?=$#+/`,
			},
			{
				displayName: 'Topic',
				name: 'topic',
				type: 'string',
				default: '',
				description: 'Topic suffix, e.g. messageDown (not together with Topic Full Name)',
			},
			{
				displayName: 'Topic Full Name',
				name: 'topicFullName',
				type: 'string',
				default: '',
				description: 'Full custom topic, e.g. /device/message/down',
			},
			{
				displayName: 'TTL (Minutes)',
				name: 'ttl',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: LIMITS.messageTtlMaxMinutes },
				default: 1440,
				description: `How long the message is kept for an offline device (multiple of ${LIMITS.messageTtlStepMinutes}, at most ${LIMITS.messageTtlMaxMinutes}; 0 = not cached)`,
			},
			{
				displayName: 'User Properties (MQTT 5)',
				name: 'userProperties',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add User Property',
				default: {},
				description: `Up to ${LIMITS.messageUserPropertiesMax} MQTT 5.0 user properties sent with the message`,
				options: [
					{
						displayName: 'Property',
						name: 'property',
						values: [
							{
								displayName: 'Key',
								name: 'key',
								type: 'string',
								default: '',
								description: `Up to ${LIMITS.messagePropertyMaxLength} letters, digits, _ and -`,
							},
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Shadow Updates',
		name: 'shadows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Service',
		default: {},
		displayOptions: { show: { taskType: typesWithDocument('shadow') } },
		options: [
			{
				displayName: 'Service',
				name: 'shadow',
				values: [
					{ displayName: 'Service ID', name: 'serviceId', type: 'string', default: '' },
					{
						displayName: 'Desired Properties',
						name: 'desired',
						type: 'json',
						default: '{}',
						description: 'Desired property values as a JSON object, e.g. {"temperature": 60}',
					},
					{
						displayName: 'Version',
						name: 'version',
						type: 'string',
						default: '',
						placeholder: 'e.g. 0',
						description:
							'Current shadow version IoTDA must find, as a whole number; empty = not checked. 0 is a real version (the first).',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: applyOptionRules('additionalFields', [
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
		]),
	},
	simplifyField,
	requestOptionsCollection(applyOptionRules('options', createOwnOptions)),
];

export const createDescription = updateDisplayOptions(
	forOperation('batchTask', 'create'),
	properties,
);
