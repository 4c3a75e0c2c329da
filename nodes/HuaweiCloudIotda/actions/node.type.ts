/**
 * The typed resource → operation map. Each operation module exports its form (`description`) and either
 * `execute(this, itemIndex)` — the router loops over the items — or, for operations that deliberately
 * combine items, `acrossItems` + `executeAll(this, items, fail)`, which receives the whole list and reports
 * failures through the router's `fail` (the one error path, helpers/itemErrors.ts).
 */
import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { FailItems } from '../helpers/itemErrors';

export type IotdaMap = {
	batchTask: 'confirm' | 'create' | 'delete' | 'get' | 'getAll' | 'retry' | 'stop';
	batchTaskFile: 'delete' | 'getAll' | 'upload';
	device: 'count' | 'get' | 'getAll' | 'search';
	rollout: 'advance' | 'getStatus' | 'halt' | 'rollBack';
};

export type IotdaResource = keyof IotdaMap;

/** Output items that carry binary data besides their JSON (e.g. Batch Task → Get with Report: the chart). */
export interface ItemsWithBinary {
	withBinary: Array<{ json: IDataObject; binary: IBinaryKeyData }>;
}

/**
 * One input item in, the JSON of its output items out (or, with binary data, ItemsWithBinary); the router pairs
 * them with the item. `prepared`: what the operation's `prepare` built once before the item loop (undefined
 * without one).
 */
export type ExecuteItem = (
	this: IExecuteFunctions,
	itemIndex: number,
	// Each operation types it as its `prepare` returns; `never` lets any such type be assigned here.
	prepared: never,
) => Promise<IDataObject[] | ItemsWithBinary>;

/** The whole input in, paired output items out; failures go through `fail`. */
export type ExecuteAll = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	fail: FailItems,
) => Promise<INodeExecutionData[]>;

export interface PerItemOperation {
	description: INodeProperties[];
	execute: ExecuteItem;
	/** Built once before the item loop and handed to every `execute` (Create: its device readers). */
	prepare?: (this: IExecuteFunctions) => unknown;
	/**
	 * How output and error items name their input: `{ item }` (default) or `[{ item }]` — Create pairs
	 * every item with a list in both batch modes, since its tasks may come from many items.
	 */
	pairing?: 'item' | 'list';
}

export interface AcrossItemsOperation extends Partial<PerItemOperation> {
	description: INodeProperties[];
	/** true, or decided by the parameters (Create combines items only in "One Task for All Items"). */
	acrossItems: true | ((this: IExecuteFunctions) => boolean);
	executeAll: ExecuteAll;
}

export type IotdaOperation = PerItemOperation | AcrossItemsOperation;

export type OperationsOf<R extends IotdaResource> = Record<IotdaMap[R], IotdaOperation>;
