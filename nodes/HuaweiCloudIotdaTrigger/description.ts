/** The trigger's parameters: mode, filters (task types, statuses, resource space) and details. */
import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { appIdRlc } from '../HuaweiCloudIotda/descriptions/rlc.description';
import { statusOptions } from '../HuaweiCloudIotda/descriptions/options.description';
import { locatorValue } from '../HuaweiCloudIotda/helpers/locatorValue';
import {
	LIMITS,
	TASK_STATUSES,
	TASK_TYPES,
	TERMINAL_TASK_STATUSES,
} from '../HuaweiCloudIotda/helpers/apiRules';
import { checkBoolean, checkId, optionalText } from '../HuaweiCloudIotda/helpers/validate';

/**
 * The task types IoTDA pushes status changes for: firmware and software upgrades (Huawei's push notification page,
 * api-iothub iot_06_v5_01204, BatchTaskUpdate.task_type; docs/emulator.md DOC-PUSH, audit row 61).
 */
export const PUSHED_TASK_TYPES: readonly string[] = ['firmwareUpgrade', 'softwareUpgrade'];

const taskTypeOptions = (pushed: boolean) =>
	TASK_TYPES.filter((t) => !pushed || PUSHED_TASK_TYPES.includes(t.value))
		.map((t) => ({ name: t.name, value: t.value, description: t.description }))
		.sort((a, b) => a.name.localeCompare(b.name));

const pushedNames = TASK_TYPES.filter((t) => PUSHED_TASK_TYPES.includes(t.value))
	.map((t) => t.name)
	.join(' and ');

/** Task Types: in Push mode only the types IoTDA pushes are offered; Poll mode lists every type. */
const taskTypes = (mode: 'push' | 'poll'): INodeProperties => ({
	displayName: 'Task Types',
	name: 'taskTypes',
	type: 'multiOptions',
	required: true,
	default: [...PUSHED_TASK_TYPES],
	options: taskTypeOptions(mode === 'push'),
	description:
		mode === 'push'
			? `Start only for batch tasks of these types. IoTDA pushes ${pushedNames} tasks only; for other types use Poll mode.`
			: 'Start only for batch tasks of these types. Each type costs one list request per poll.',
	displayOptions: { show: { mode: [mode] } },
});

/**
 * The form: Mode first, then what that mode does and needs. n8n adds "Poll Times" to every polling trigger, at
 * the top and in every mode (n8n-core nodes-loader: commonPollingParameters, unshifted without display
 * conditions), so the notices say which mode uses it.
 */
export const properties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		default: 'push',
		options: [
			{
				name: 'Poll',
				value: 'poll',
				description:
					'The node lists the batch tasks at the Poll Times and starts on each status change it sees',
			},
			{
				name: 'Push (Webhook)',
				value: 'push',
				description:
					'IoTDA posts each status change to this workflow’s webhook URL. IoTDA must be able to reach n8n.',
			},
		],
	},
	{
		displayName: `Activating this workflow creates a routing rule and an HTTP forwarding action in your IoTDA account, which send batch task status changes to this workflow; deactivating deletes them. IoTDA pushes ${pushedNames} tasks only; for other task types use Poll mode. Poll Times (above, added by n8n to every polling trigger) are not used in Push mode.`,
		name: 'pushNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['push'] } },
	},
	{
		displayName:
			'The node lists the batch tasks at the Poll Times above; nothing is created in your IoTDA account',
		name: 'pollNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['poll'] } },
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		default: 'batchTaskStatusChange',
		options: [
			{
				name: 'Batch Task Status Change',
				value: 'batchTaskStatusChange',
				description: 'A batch task of the chosen types reaches one of the chosen statuses',
			},
		],
	},
	taskTypes('push'),
	taskTypes('poll'),
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		required: true,
		default: [...TERMINAL_TASK_STATUSES],
		options: statusOptions(TASK_STATUSES),
		description: 'Start only when a task changes to one of these statuses (default: finished)',
	},
	appIdRlc(
		'Only tasks of this resource space. In Push mode the routing rule is scoped to it; empty = every resource space.',
	),
	{
		displayName: 'Include Task Details',
		name: 'includeDetails',
		type: 'boolean',
		default: false,
		description: `Whether to add the task’s progress counters and its failed devices (every page) to each event; costs one request per ${LIMITS.pageSizeMax} failed devices`,
	},
];

/** The filters as validated values; bad input names the field before any request. */
export interface TriggerFilters {
	taskTypes: string[];
	statuses: string[];
	appId?: string;
	includeDetails: boolean;
}

/** Reads and checks the filters from the node's parameters (hook, poll and webhook contexts alike). */
export function readFilters(
	getParameter: (name: string, fallback: unknown) => unknown,
): TriggerFilters {
	const taskTypes = getParameter('taskTypes', []) as string[];
	const statuses = getParameter('statuses', []) as string[];
	const appIdText = optionalText('App ID', locatorValue(getParameter('appId', '')));
	return {
		taskTypes: Array.isArray(taskTypes) ? taskTypes : [],
		statuses: Array.isArray(statuses) ? statuses : [],
		appId: appIdText ? checkId('App ID', appIdText, LIMITS.appIdMaxLength) : undefined,
		includeDetails: checkBoolean(
			'Include Task Details',
			getParameter('includeDetails', false),
			false,
		),
	};
}

/** Whether an event passes the filters (the resource space only when one is chosen). */
export function passesFilters(filters: TriggerFilters, event: IDataObject): boolean {
	return (
		filters.taskTypes.includes(String(event.task_type)) &&
		filters.statuses.includes(String(event.status)) &&
		(filters.appId === undefined || event.app_id === undefined || event.app_id === filters.appId)
	);
}

/**
 * Refuses filters that select nothing — an empty Task Types or Statuses list would leave an active workflow that
 * never starts. Called at activation (Push: before the routing rule is registered; Poll: before each poll's
 * requests); `withStatuses` false for Fetch Test Event, which shows the latest task whatever its status.
 * Throws a NodeOperationError naming the field.
 */
export function refuseEmptyFilters(
	node: INode,
	filters: TriggerFilters,
	withStatuses: boolean,
): void {
	if (filters.taskTypes.length === 0)
		throw new NodeOperationError(node, 'Task Types: choose at least one task type');
	if (withStatuses && filters.statuses.length === 0)
		throw new NodeOperationError(node, 'Statuses: choose at least one status');
}

/**
 * Refuses, at Push mode's activation and before any request, task types IoTDA does not push: Huawei's push
 * notification page (api-iothub iot_06_v5_01204; audit row 61) lists only PUSHED_TASK_TYPES, so any other
 * type would silently never start the workflow. The v2 form offers only the pushed types; this catches an
 * imported or version 1 workflow. Throws a NodeOperationError naming Task Types and the types refused.
 */
export function refuseUnpushedTaskTypes(node: INode, filters: TriggerFilters): void {
	const unpushed = filters.taskTypes.filter((t) => !PUSHED_TASK_TYPES.includes(t));
	if (unpushed.length === 0) return;
	const names = unpushed.map((t) => `"${TASK_TYPES.find((s) => s.value === t)?.name ?? t}"`);
	throw new NodeOperationError(
		node,
		`Task Types: IoTDA pushes ${pushedNames} tasks only, so ${names.join(', ')} would never start this workflow in Push mode — remove ${unpushed.length === 1 ? 'it' : 'them'}, or use Poll mode`,
	);
}
