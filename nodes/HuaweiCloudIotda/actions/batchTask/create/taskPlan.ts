/** Splits collected device IDs into tasks of at most 30,000 and remembers which input items fed each. */
import type { IDataObject } from 'n8n-workflow';

import { LIMITS } from '../../../helpers/apiRules';
import { withNameSuffix } from '../../../helpers/validate';

export interface TaskPlan {
	body: IDataObject;
	deviceCount: number;
	itemIndexes: number[];
	/** For a task whose devices IoTDA resolves (groups, a file): where from, output instead of a count. */
	targetsFrom?: string;
}

/**
 * A task's device count for the output, or — for a task on groups or a file — `targets_from` instead: IoTDA
 * resolves those devices later, so neither the plan nor the just-created task's counters know how many.
 */
export function deviceCount(plan: TaskPlan): IDataObject {
	return plan.targetsFrom === undefined
		? { device_count: plan.deviceCount }
		: { targets_from: plan.targetsFrom };
}

export interface CollectedIds {
	/** Unique IDs in first-seen order. */
	ids: string[];
	/** Contributing input items, ascending. */
	items: number[];
	/** For each task of at most 30,000 IDs, the items that contributed to it, ascending. */
	itemsByPart: number[][];
}

/**
 * Collects IDs item by item (items in ascending order) without keeping per-item arrays: each ID is looked
 * up once, and the item is noted in the task part its ID falls into.
 */
export class IdCollector implements CollectedIds {
	readonly ids: string[] = [];
	readonly items: number[] = [];
	readonly itemsByPart: number[][] = [];
	private readonly position = new Map<string, number>();

	add(itemIndex: number, itemIds: string[]): this {
		this.items.push(itemIndex);
		for (const id of itemIds) {
			let at = this.position.get(id);
			if (at === undefined) {
				at = this.ids.length;
				this.position.set(id, at);
				this.ids.push(id);
			}
			const part = (at / LIMITS.maxTargets) | 0;
			const list = (this.itemsByPart[part] ??= []);
			if (list[list.length - 1] !== itemIndex) list.push(itemIndex);
		}
		return this;
	}
}

function splitName(name: string, part: number, parts: number): string {
	if (parts === 1) return name;
	// The longest suffix decides, so no part is created when the last one would not fit.
	withNameSuffix(name, `_${parts}`, `for a task split in ${parts}`);
	return `${name}_${part}`;
}

export function planTasks(template: IDataObject, collected: CollectedIds): TaskPlan[] {
	const { ids, itemsByPart } = collected;
	const parts = itemsByPart.length;
	return itemsByPart.map((items, part) => {
		const targets = ids.slice(part * LIMITS.maxTargets, (part + 1) * LIMITS.maxTargets);
		return {
			body: {
				...template,
				task_name: splitName(String(template.task_name), part + 1, parts),
				targets,
			},
			deviceCount: targets.length,
			itemIndexes: items,
		};
	});
}
