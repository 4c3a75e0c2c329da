/**
 * Finds an existing task by name. IoTDA cannot filter tasks by name, so the tasks of the type are listed
 * newest first (a page of LIMITS.pageSizeMax per request) until the name shows up.
 */
import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { createdSince } from '../../../helpers/iotdaTime';
import { withNameSuffix } from '../../../helpers/validate';
import { listBatchTasks } from '../../../api/batchTasks';
import { itemSettings } from '../../../transport/requestOptions';

export async function findTaskByName(
	this: IExecuteFunctions,
	query: { taskName: string; taskType: string; appId?: string; createdAfter?: number },
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const matches = (t: IDataObject) =>
		t.task_name === query.taskName &&
		(query.createdAfter === undefined || createdSince(t.create_time, query.createdAfter));
	const { records } = await listBatchTasks.call(
		this,
		{ taskType: query.taskType, appId: query.appId },
		{ until: (_read, latest) => latest.some(matches) },
		{ action: `Look up batch task "${query.taskName}"`, ...itemSettings.call(this, itemIndex) },
	);
	return records.find(matches);
}

/**
 * Folds an idempotency key into a task name: the same key always gives the same name (`<name>_<10 hex>`).
 * Throws InputError naming Task Name when the result passes IoTDA's 128 characters (validate.ts withNameSuffix).
 */
export function nameWithKey(taskName: string, key: string): string {
	const hash = createHash('sha256').update(key).digest('hex').slice(0, 10);
	return withNameSuffix(taskName, `_${hash}`, 'of the Idempotency Key');
}
