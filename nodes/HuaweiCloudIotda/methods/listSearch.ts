/** "From list" sources of the resource locators: batch tasks, resource spaces, task files. */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import {
	CONTROL_RULES,
	LIMITS,
	TASK_TYPES,
	taskTypeName,
	type ControlOperation,
} from '../helpers/apiRules';
import { listBatchTasks } from '../api/batchTasks';
import { listTaskFiles } from '../api/taskFiles';
import { iotdaRequest } from '../transport';

const matches = (filter: string | undefined, ...texts: unknown[]) => {
	const needle = filter?.trim().toLowerCase();
	return !needle || texts.some((t) => typeof t === 'string' && t.toLowerCase().includes(needle));
};

/** Stop/Retry/Confirm offer only the task types they work on; Get and Delete offer every type. */
function taskTypesFor(operation: unknown): string[] {
	if (typeof operation === 'string' && operation in CONTROL_RULES)
		return [...CONTROL_RULES[operation as ControlOperation].taskTypes];
	return [...new Set([...TASK_TYPES.map((t) => t.value), ...CONTROL_RULES.confirm.taskTypes])];
}

/** At most this many list calls per dropdown page when a search text filters most tasks out. */
const MAX_CALLS_PER_SEARCH = 20;

/**
 * IoTDA lists tasks one type at a time, so the dropdown walks the types in turn; the pagination token
 * says where it stopped: `<type index>:<marker>`.
 */
export async function searchBatchTasks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const types = taskTypesFor(this.getCurrentNodeParameter('operation'));
	const [index, marker] = (paginationToken ?? '0:').split(':');
	let typeIndex = Number(index) || 0;
	let nextMarker: string | undefined = marker || undefined;
	const results: INodeListSearchItems[] = [];
	for (let calls = 0; typeIndex < types.length && calls < MAX_CALLS_PER_SEARCH; calls++) {
		const page = await listBatchTasks.call(
			this,
			{ taskType: types[typeIndex] },
			{ marker: nextMarker, max: LIMITS.pageSizeMax },
			{ action: 'List batch tasks' },
		);
		for (const task of page.records) {
			if (!matches(filter, task.task_name, task.task_id)) continue;
			results.push({
				name: `${String(task.task_name)} · ${taskTypeName(String(task.task_type))} · ${String(task.status)}`,
				value: String(task.task_id),
				description: `Created ${String(task.create_time ?? '')}`,
			});
		}
		nextMarker = page.nextMarker;
		if (!nextMarker) typeIndex++;
		if (results.length >= LIMITS.pageSizeMax) break;
	}
	return {
		results,
		paginationToken: typeIndex < types.length ? `${typeIndex}:${nextMarker ?? ''}` : undefined,
	};
}

export async function searchResourceSpaces(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const response = await iotdaRequest.call(this, {
		method: 'GET',
		path: '/apps',
		action: 'List resource spaces',
	});
	const apps = (response.applications as IDataObject[] | undefined) ?? [];
	return {
		results: apps
			.filter((app) => matches(filter, app.app_name, app.app_id))
			.map((app) => ({
				name: `${String(app.app_name)}${app.default_app === true ? ' (default)' : ''}`,
				value: String(app.app_id),
			})),
	};
}

export async function searchBatchTaskFiles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const files = await listTaskFiles.call(this, { action: 'List batch task files' });
	return {
		results: files
			.filter((file) => matches(filter, file.file_name, file.file_id))
			.map((file) => ({
				name: `${String(file.file_name)} · ${String(file.upload_time ?? '')}`,
				value: String(file.file_id),
			})),
	};
}
