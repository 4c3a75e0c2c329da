/**
 * Finds an existing task by name. IoTDA cannot filter tasks by name, so the tasks of the type are listed
 * newest first (a page of LIMITS.pageSizeMax per request) until the name shows up.
 */
import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { createdSince } from '../../../helpers/iotdaTime';
import { withNameSuffix } from '../../../helpers/validate';
import { listBatchTasks } from '../../../api/batchTasks';
import { iotdaRequest } from '../../../transport';
import { itemSettings } from '../../../transport/requestOptions';

/**
 * The default resource space's App ID (ShowApplications `default_app=true`), or undefined when the account has
 * none. A create without App ID goes to the default space, while ListBatchTasks without App ID lists every
 * space (ListBatchTasksRequest / CreateBatchTaskRequest `app_id`), so a same-named task of another space must
 * not be taken for it (issue #29 item 11).
 */
async function defaultSpaceId(
	this: IExecuteFunctions,
	itemIndex: number,
	action: string,
): Promise<string | undefined> {
	const response = await iotdaRequest.call(this, {
		method: 'GET',
		path: '/apps',
		qs: { default_app: true },
		action,
		...itemSettings.call(this, itemIndex),
	});
	const apps = (response.applications as IDataObject[] | undefined) ?? [];
	const found = apps.find((app) => app.default_app === true) ?? apps[0];
	return found?.app_id === undefined ? undefined : String(found.app_id);
}

/**
 * The task named `query.taskName` of this type in the resource space a create with `query.appId` would use (the
 * default space when none is given), created at or after `createdAfter` (ms) when set; undefined if none.
 * Throws what the requests throw (NodeApiError naming the lookup).
 */
export async function findTaskByName(
	this: IExecuteFunctions,
	query: { taskName: string; taskType: string; appId?: string; createdAfter?: number },
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const action = `Look up batch task "${query.taskName}"`;
	const appId = query.appId ?? (await defaultSpaceId.call(this, itemIndex, action));
	const matches = (t: IDataObject) =>
		t.task_name === query.taskName &&
		(query.createdAfter === undefined || createdSince(t.create_time, query.createdAfter));
	const { records } = await listBatchTasks.call(
		this,
		{ taskType: query.taskType, appId },
		{ until: (_read, latest) => latest.some(matches) },
		{ action, ...itemSettings.call(this, itemIndex) },
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
