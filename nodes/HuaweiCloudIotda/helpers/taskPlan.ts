/** Splits collected device IDs into tasks of at most 30,000 and remembers which input items fed each. */
import type { IDataObject } from 'n8n-workflow';

import { InputError } from './inputErrors';
import { LIMITS } from './taskTypes';

export interface TaskPlan {
	body: IDataObject;
	deviceCount: number;
	itemIndexes: number[];
}

export interface CollectedIds {
	/** Unique IDs in first-seen order. */
	ids: string[];
	/** For each contributing item, the position (in `ids`) of each of its IDs. */
	positionsByItem: Map<number, number[]>;
}

export function collectIds(perItem: Iterable<[number, string[]]>): CollectedIds {
	const position = new Map<string, number>();
	const ids: string[] = [];
	const positionsByItem = new Map<number, number[]>();
	for (const [itemIndex, itemIds] of perItem) {
		const positions: number[] = [];
		for (const id of itemIds) {
			let at = position.get(id);
			if (at === undefined) {
				at = ids.length;
				position.set(id, at);
				ids.push(id);
			}
			positions.push(at);
		}
		positionsByItem.set(itemIndex, positions);
	}
	return { ids, positionsByItem };
}

export function splitName(name: string, part: number, parts: number): string {
	if (parts === 1) return name;
	const suffixed = `${name}_${part}`;
	if ([...suffixed].length > LIMITS.taskNameMaxLength)
		throw new InputError(
			'Task Name',
			name,
			`is too long to add the suffix _${parts} for a task split in ${parts} (at most ${LIMITS.taskNameMaxLength} characters)`,
		);
	return suffixed;
}

export function planTasks(template: IDataObject, collected: CollectedIds): TaskPlan[] {
	const { ids, positionsByItem } = collected;
	const parts = Math.ceil(ids.length / LIMITS.maxTargets);
	const itemsByPart: Array<Set<number>> = Array.from({ length: parts }, () => new Set<number>());
	for (const [itemIndex, positions] of positionsByItem) {
		for (const at of positions) itemsByPart[Math.floor(at / LIMITS.maxTargets)].add(itemIndex);
	}
	return itemsByPart.map((items, part) => {
		const targets = ids.slice(part * LIMITS.maxTargets, (part + 1) * LIMITS.maxTargets);
		return {
			body: {
				...template,
				task_name: splitName(String(template.task_name), part + 1, parts),
				targets,
			},
			deviceCount: targets.length,
			itemIndexes: [...items].sort((a, b) => a - b),
		};
	});
}
