/**
 * "Return Existing Task" (and the Idempotency Key folded into the name) returns an earlier task as this run's
 * result. That is right only when the earlier task does the work asked now: the same key reused with other
 * devices or another package output the earlier task, and the new devices got nothing (issue #29 item 2). This
 * compares what the earlier task holds with what would be sent, so a mismatch is refused by name.
 */
import type { IDataObject } from 'n8n-workflow';

/** Plain names of the body fields that say what a task does (CreateBatchTask request body). */
const WORK_FIELDS: Readonly<Record<string, string>> = {
	targets: 'devices',
	targets_filter: 'device groups',
	document_source: 'task file',
	document: 'document',
};

/** `document.package_id` (the older upgrade form, createOrReuseTask.ts) reads as `package_ids: [id]`. */
function normalised(field: string, value: unknown): unknown {
	if (field === 'targets' && Array.isArray(value)) return [...value].map(String).sort();
	if (field !== 'document' || typeof value !== 'object' || value === null) return value;
	const { package_id: packageId, ...rest } = value as IDataObject;
	return packageId === undefined ? rest : { ...rest, package_ids: [packageId] };
}

/** A stable text of a value: object keys in order, so `{a, b}` and `{b, a}` compare equal. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (typeof value === 'object' && value !== null)
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical((value as IDataObject)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value) ?? 'null';
}

/** For devices: how the two lists differ, in numbers. */
function targetDifference(asked: unknown, held: unknown): string {
	const wanted = new Set(Array.isArray(asked) ? asked.map(String) : []);
	const has = new Set(Array.isArray(held) ? held.map(String) : []);
	const missing = [...wanted].filter((id) => !has.has(id)).length;
	const extra = [...has].filter((id) => !wanted.has(id)).length;
	return `${missing} of the ${wanted.size} devices asked for are not in it, and it has ${extra} other devices`;
}

/**
 * What differs between the earlier task `held` (a ListBatchTasks record) and the create `body`: a list of plain
 * phrases, empty when the task does the same work. A field counts when either side has it; devices compare as
 * sets, documents by value.
 */
export function workDifferences(body: IDataObject, held: IDataObject): string[] {
	const differences: string[] = [];
	for (const [field, name] of Object.entries(WORK_FIELDS)) {
		const asked = normalised(field, body[field]);
		const has = normalised(field, held[field]);
		if (asked === undefined && has === undefined) continue;
		if (canonical(asked) === canonical(has)) continue;
		differences.push(field === 'targets' ? targetDifference(asked, has) : `another ${name}`);
	}
	return differences;
}
