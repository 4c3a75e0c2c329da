/**
 * Creates one batch task, or returns the existing one of that name when the options say so. Used for every
 * task the Create operation makes: plain, split, and each wave of a staged rollout (so a re-run resumes).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requestOptionsFor } from '../../helpers/requestOptions';
import { iotdaRequest } from '../../transport';
import type { CreateOptions } from './createOptions';
import { findTaskByName } from './findTaskByName';

export async function createOrReuseTask(
	this: IExecuteFunctions,
	body: IDataObject,
	options: Pick<CreateOptions, 'ifTaskExists'>,
	itemIndex: number,
): Promise<{ task: IDataObject; existing: boolean }> {
	const query = { taskName: String(body.task_name), taskType: String(body.task_type), appId: body.app_id as string | undefined };
	if (options.ifTaskExists !== 'create') {
		const existing = await findTaskByName.call(this, query, itemIndex);
		if (existing && options.ifTaskExists === 'returnExisting') return { task: existing, existing: true };
		if (existing)
			throw new NodeOperationError(
				this.getNode(),
				`A batch task named "${query.taskName}" already exists (${String(existing.task_id)}, ${String(existing.status)}) [item ${itemIndex}]`,
				{
					itemIndex,
					description: 'Nothing was created. Choose Options → If a Task With This Name Exists → Return Existing Task to reuse it.',
				},
			);
	}
	const sentAt = Date.now();
	const task = await iotdaRequest.call(this, {
		method: 'POST',
		path: '/batchtasks',
		body,
		action: `Create batch task "${query.taskName}"`,
		itemIndex,
		...requestOptionsFor.call(this, itemIndex),
		// A create is never sent twice: when its outcome is unknown, the task it may have made is looked up.
		recover: async () => await findTaskByName.call(this, { ...query, createdAfter: sentAt }, itemIndex),
	});
	return { task, existing: task.recovered_after !== undefined };
}
