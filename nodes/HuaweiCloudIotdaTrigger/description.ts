/** The trigger's parameters: mode, filters (task types, statuses, resource space) and details. */
import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { appIdRlc } from '../HuaweiCloudIotda/descriptions/rlc.description';
import {
	statusOptions,
	taskTypeOptions,
} from '../HuaweiCloudIotda/descriptions/options.description';
import { locatorValue } from '../HuaweiCloudIotda/helpers/locatorValue';
import {
	LIMITS,
	TASK_STATUSES,
	TERMINAL_TASK_STATUSES,
} from '../HuaweiCloudIotda/helpers/apiRules';
import { checkId, optionalText } from '../HuaweiCloudIotda/helpers/validate';

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
					'The node lists the batch tasks at the poll times and starts on each status change it sees',
			},
			{
				name: 'Push (Webhook)',
				value: 'push',
				description:
					'IoTDA posts each status change to this workflow’s webhook URL (a routing rule is created on activation). IoTDA must be able to reach n8n.',
			},
		],
	},
	{
		displayName:
			'IoTDA pushes status changes of Firmware Upgrade and Software Upgrade tasks only (the task types Huawei’s push notification page lists): for other task types use Poll mode. Push mode creates an IoTDA routing rule and an HTTP forwarding action on activation and deletes them on deactivation. Poll Times apply to Poll mode only.',
		name: 'pushNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['push'] } },
	},
	{
		displayName: 'Task Types',
		name: 'taskTypes',
		type: 'multiOptions',
		required: true,
		default: ['firmwareUpgrade', 'softwareUpgrade'],
		options: taskTypeOptions(),
		description:
			'Start only for batch tasks of these types. In Poll mode each type costs one list request per poll.',
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		required: true,
		default: [...TERMINAL_TASK_STATUSES],
		options: statusOptions(TASK_STATUSES),
		description:
			'Start only when a task changes to one of these statuses (default: finished). IoTDA spells Waitting with two t.',
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
		includeDetails: getParameter('includeDetails', false) === true,
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
