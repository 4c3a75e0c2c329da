/**
 * Creates one batch task, or returns the existing one of that name when the options say so. Used for every
 * task the Create operation makes: plain, split, and each wave of a staged rollout (so a re-run resumes).
 * Upgrades refused in the current document form are retried once in the older one (sendUpgradeAware).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { itemSettings } from '../../../transport/requestOptions';
import { createBatchTask } from '../../../api/batchTasks';
import type { CreateOptions } from './readCreateOptions';
import { findTaskByName } from './findTaskByName';
import { workDifferences } from './sameWork';

/** The earlier task of the same name, when it does the work asked now; otherwise an error naming the difference. */
function sameWorkOrRefuse(
	this: IExecuteFunctions,
	body: IDataObject,
	existing: IDataObject,
	itemIndex: number,
): IDataObject {
	const differences = workDifferences(body, existing);
	if (differences.length === 0) return existing;
	throw new NodeOperationError(
		this.getNode(),
		`A batch task named "${String(body.task_name)}" already exists (${String(existing.task_id)}, ${String(existing.status)}) but does other work: ${differences.join('; ')}`,
		{
			itemIndex,
			description:
				'Nothing was created. "Return Existing Task" returns an earlier task only when it holds the devices and the document asked for now; give other work another Task Name or Idempotency Key.',
		},
	);
}

export async function createOrReuseTask(
	this: IExecuteFunctions,
	body: IDataObject,
	options: Pick<CreateOptions, 'ifTaskExists'>,
	itemIndex: number,
): Promise<{ task: IDataObject; existing: boolean }> {
	const query = {
		taskName: String(body.task_name),
		taskType: String(body.task_type),
		appId: body.app_id as string | undefined,
	};
	if (options.ifTaskExists !== 'create') {
		const existing = await findTaskByName.call(this, query, itemIndex);
		if (existing && options.ifTaskExists === 'returnExisting')
			return { task: sameWorkOrRefuse.call(this, body, existing, itemIndex), existing: true };
		if (existing)
			throw new NodeOperationError(
				this.getNode(),
				`A batch task named "${query.taskName}" already exists (${String(existing.task_id)}, ${String(existing.status)})`,
				{
					itemIndex,
					description:
						'Nothing was created. Choose Options → If a Task With This Name Exists → Return Existing Task to reuse it.',
				},
			);
	}
	const send = async (sent: IDataObject) => {
		const sentAt = Date.now();
		return await createBatchTask.call(this, sent, {
			action: `Create batch task "${query.taskName}"`,
			...itemSettings.call(this, itemIndex),
			// A create is never sent twice: when its outcome is unknown, the task it may have made is looked up.
			recover: async () =>
				await findTaskByName.call(this, { ...query, createdAfter: sentAt }, itemIndex),
		});
	};
	const task = await sendUpgradeAware.call(this, body, send, itemIndex);
	return { task, existing: task.recovered_after !== undefined };
}

const isHttp400 = (error: unknown): error is NodeApiError =>
	error instanceof NodeApiError && error.httpCode === '400';

/** Whether IoTDA's refusal names the package field (`document.package_ids`, `package_id`). */
const aboutPackage = (error: NodeApiError): boolean =>
	/package/i.test(`${error.message} ${error.description ?? ''}`);

/** The answer to one create, or what it failed with (so the caller decides whether a second form is tried). */
async function outcome(
	send: () => Promise<IDataObject>,
): Promise<{ task: IDataObject } | { error: NodeApiError | NodeOperationError }> {
	try {
		return { task: await send() };
	} catch (error) {
		return { error: error as NodeApiError | NodeOperationError };
	}
}

/**
 * Sends a create; for an upgrade whose `package_ids` a server refuses with HTTP 400 (a deployment older than
 * the 2025-10 request model, audit row 3), sends it once more with the older `{"package_id": "<id>"}`. A 400
 * created nothing, so this cannot make a second task. With several packages there is no older form, and the
 * error says so; when both forms are refused the error carries both answers. The task in the output gets
 * `upgrade_document_form` (`package_ids` or `package_id`) saying which form IoTDA accepted.
 */
async function sendUpgradeAware(
	this: IExecuteFunctions,
	body: IDataObject,
	send: (body: IDataObject) => Promise<IDataObject>,
	itemIndex: number,
): Promise<IDataObject> {
	const packageIds = (body.document as IDataObject | undefined)?.package_ids;
	if (!Array.isArray(packageIds)) return await send(body);
	const current = await outcome(async () => await send(body));
	if ('task' in current) return { ...current.task, upgrade_document_form: 'package_ids' };
	// Only a refusal about the package field is a sign of the older form: a refusal for another reason (a schedule
	// time, a device, a limit) would be refused again, and the error would blame both document forms (issue #29 item 5).
	if (!isHttp400(current.error) || !aboutPackage(current.error)) throw current.error;
	const first = current.error.message;
	if (packageIds.length > 1)
		throw new NodeOperationError(
			this.getNode(),
			`IoTDA refused an upgrade with ${packageIds.length} packages (document.package_ids): ${first}`,
			{
				itemIndex,
				description:
					'Nothing was created. This server may know only the older upgrade document {"package_id": "<id>"}, which takes one package: create one task per package.',
			},
		);
	const document: IDataObject = { ...(body.document as IDataObject), package_id: packageIds[0] };
	delete document.package_ids;
	const legacy = await outcome(async () => await send({ ...body, document }));
	if ('task' in legacy)
		return {
			...legacy.task,
			upgrade_document_form: 'package_id',
			upgrade_document_note: `document.package_ids was refused (${first}); the older document.package_id was accepted`,
		};
	throw new NodeOperationError(
		this.getNode(),
		`IoTDA refused the upgrade in both document forms: document.package_ids → ${first}; document.package_id → ${legacy.error.message}`,
		{
			itemIndex,
			description: isHttp400(legacy.error)
				? 'Nothing was created: IoTDA answered both requests with HTTP 400.'
				: `The first request created nothing (HTTP 400). ${legacy.error.description ?? ''}`.trim(),
		},
	);
}
