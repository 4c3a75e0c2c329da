/**
 * Finds an existing task by name. IoTDA cannot filter tasks by name, so the tasks of the type are listed
 * newest first (one page of 50 per request) until the name shows up.
 */
import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { createdSince } from '../../../helpers/iotdaTime';
import { LIMITS } from '../../../helpers/apiRules';
import { withNameSuffix } from '../../../helpers/validate';
import { iotdaRequestPages } from '../../../transport';
import { requestOptionsFor } from '../../../helpers/requestOptions';

export async function findTaskByName(
	this: IExecuteFunctions,
	query: { taskName: string; taskType: string; appId?: string; createdAfter?: number },
	itemIndex: number,
): Promise<IDataObject | undefined> {
	let marker: string | undefined;
	do {
		const page = await iotdaRequestPages.call(this, {
			method: 'GET',
			path: '/batchtasks',
			qs: { task_type: query.taskType, ...(query.appId ? { app_id: query.appId } : {}) },
			listKey: 'batchtasks',
			max: LIMITS.pageSizeMax,
			marker,
			action: `Look up batch task "${query.taskName}"`,
			itemIndex,
			...requestOptionsFor.call(this, itemIndex),
		});
		const found = page.records.find(
			(t) =>
				t.task_name === query.taskName &&
				(query.createdAfter === undefined || createdSince(t.create_time, query.createdAfter)),
		);
		if (found) return found;
		marker = page.nextMarker;
	} while (marker);
	return undefined;
}

/**
 * Folds an idempotency key into a task name: the same key always gives the same name (`<name>_<10 hex>`).
 * Throws InputError naming Task Name when the result passes IoTDA's 128 characters (validate.ts withNameSuffix).
 */
export function nameWithKey(taskName: string, key: string): string {
	const hash = createHash('sha256').update(key).digest('hex').slice(0, 10);
	return withNameSuffix(taskName, `_${hash}`, 'of the Idempotency Key');
}
