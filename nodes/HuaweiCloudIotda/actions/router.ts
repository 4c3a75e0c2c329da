/**
 * Runs the chosen operation. The router owns the item loop: it calls `execute(this, itemIndex)` per item,
 * pairs the output with the item, and turns every failure into the node's one error shape (or throws it)
 * in one place. Operations that combine items get the whole list and the same error path.
 *
 * Whether failures become error items or stop the node is `this.continueOnFail()`, which `execute()` reads and
 * passes in: n8n's require-continue-on-fail rule looks for the call inside `execute()` itself, and the router
 * stays the one place that applies it.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { append } from '../helpers/arrays';
import { alreadyDone, errorItems, failFor, idsIn } from '../helpers/itemErrors';
import { refuseUnknownOptions } from '../helpers/unknownOptions';
import { batchTaskOperations } from './batchTask/BatchTask.resource';
import { batchTaskFileOperations } from './batchTaskFile/BatchTaskFile.resource';
import { deviceOperations } from './device/Device.resource';
import { rolloutOperations } from './rollout/Rollout.resource';
import type {
	AcrossItemsOperation,
	IotdaOperation,
	IotdaResource,
	ItemsWithBinary,
	OperationsOf,
	PerItemOperation,
} from './node.type';

const resources: { [R in IotdaResource]: OperationsOf<R> } = {
	batchTask: batchTaskOperations,
	batchTaskFile: batchTaskFileOperations,
	device: deviceOperations,
	rollout: rolloutOperations,
};

function operationFor(this: IExecuteFunctions): IotdaOperation {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const found = (resources as Record<string, Record<string, IotdaOperation> | undefined>)[
		resource
	]?.[operation];
	if (!found) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported by this node`,
		);
	}
	return found;
}

/** The `stopNote` for item `failed` (see itemErrors.ts alreadyDone): the items before it, by their ids. */
function doneBefore(output: INodeExecutionData[], failed: number): string | undefined {
	if (failed === 0) return undefined;
	return alreadyDone(failed === 1 ? 'Item 0' : `Items 0 to ${failed - 1}`, idsIn(output));
}

async function runPerItem(
	this: IExecuteFunctions,
	operation: PerItemOperation,
	items: INodeExecutionData[],
	continueOnFail: boolean,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const list = operation.pairing === 'list';
	const prepared = operation.prepare?.call(this);
	for (let i = 0; i < items.length; i++) {
		let records: IDataObject[] | ItemsWithBinary;
		try {
			records = await operation.execute.call(this, i, prepared as never);
		} catch (error) {
			// Only when it stops the node: with Continue On Fail the output is passed on, and 10,000 failing items
			// must not each scan it.
			const stopNote = continueOnFail ? undefined : doneBefore(output, i);
			append(
				output,
				errorItems.call(this, [{ error, pairedWith: list ? [i] : i, stopNote }], continueOnFail),
			);
			continue;
		}
		const pairedItem = list ? [{ item: i }] : { item: i };
		// One push per record: an item may yield 200,000 records, too many to spread into one call.
		if (Array.isArray(records)) for (const json of records) output.push({ json, pairedItem });
		else for (const item of records.withBinary) output.push({ ...item, pairedItem });
	}
	return output;
}

async function runAcrossItems(
	this: IExecuteFunctions,
	operation: AcrossItemsOperation,
	items: INodeExecutionData[],
	continueOnFail: boolean,
): Promise<INodeExecutionData[]> {
	const fail = failFor.call(this, continueOnFail);
	try {
		return await operation.executeAll.call(this, items, fail);
	} catch (error) {
		// Reached only by an error the operation did not report itself: it concerns every item.
		return fail([{ error, pairedWith: items.map((_, i) => i) }]);
	}
}

/** `continueOnFail`: the value of `this.continueOnFail()`, read by the node's `execute()`. */
export async function router(
	this: IExecuteFunctions,
	continueOnFail: boolean,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = operationFor.call(this);
	try {
		const name = `${String(this.getNodeParameter('resource', 0))} → ${String(this.getNodeParameter('operation', 0))}`;
		refuseUnknownOptions.call(this, operation.description, name, 0);
	} catch (error) {
		// A key no operation of this form reads concerns every item; nothing is sent. It was read from item 0.
		const failure = { error, pairedWith: items.map((_, i) => i), itemsNamed: 0 };
		return [errorItems.call(this, [failure], continueOnFail)];
	}
	if (
		'executeAll' in operation &&
		(operation.acrossItems === true || operation.acrossItems.call(this))
	) {
		return [await runAcrossItems.call(this, operation, items, continueOnFail)];
	}
	if (!operation.execute)
		throw new NodeOperationError(this.getNode(), 'This operation works only across items');
	return [await runPerItem.call(this, operation as PerItemOperation, items, continueOnFail)];
}
