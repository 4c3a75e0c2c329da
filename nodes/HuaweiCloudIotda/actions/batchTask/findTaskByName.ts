/**
 * Finds an existing task by name. IoTDA cannot filter tasks by name, so the tasks of the type are listed
 * newest first (one page of 50 per request) until the name shows up.
 */
import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { LIMITS } from '../../helpers/taskTypes';
import { iotdaRequest } from '../../transport';

export async function findTaskByName(
	this: IExecuteFunctions,
	query: { taskName: string; taskType: string; appId?: string; createdAfter?: number },
	itemIndex: number,
): Promise<IDataObject | undefined> {
	let marker: string | undefined;
	for (;;) {
		const page = await iotdaRequest.call(this, {
			method: 'GET',
			path: '/batchtasks',
			qs: {
				task_type: query.taskType,
				...(query.appId ? { app_id: query.appId } : {}),
				limit: LIMITS.pageSizeMax,
				...(marker ? { marker } : {}),
			},
			action: `Look up batch task "${query.taskName}"`,
			itemIndex,
		});
		const tasks = (page.batchtasks as IDataObject[] | undefined) ?? [];
		const found = tasks.find((t) => t.task_name === query.taskName && createdInTime(t, query.createdAfter));
		if (found) return found;
		const next = (page.page as IDataObject | undefined)?.marker;
		if (tasks.length < LIMITS.pageSizeMax || typeof next !== 'string' || next === marker) return undefined;
		marker = next;
	}
}

/** Allows 15 minutes of clock difference between n8n and IoTDA, the window IoTDA itself accepts. */
const CLOCK_TOLERANCE_MS = 15 * 60000;

function createdInTime(task: IDataObject, createdAfter: number | undefined): boolean {
	if (createdAfter === undefined) return true;
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(String(task.create_time ?? ''));
	if (!match) return false;
	const [, y, mo, d, h, mi, se] = match.map(Number);
	return Date.UTC(y, mo - 1, d, h, mi, se) >= createdAfter - CLOCK_TOLERANCE_MS;
}

/** Folds an idempotency key into a task name: the same key always gives the same name. */
export function nameWithKey(taskName: string, key: string): string {
	return `${taskName}_${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
}
