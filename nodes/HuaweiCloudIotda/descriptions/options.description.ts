/** Option lists built from IoTDA's tables (helpers/apiRules.ts), shared by both nodes' forms. */
import { TASK_TYPES } from '../helpers/apiRules';
import { sortedByName } from '../helpers/sortOptions';

/** Every task type as an option (name, value, description), sorted by name as n8n's lint wants. */
export function taskTypeOptions() {
	return sortedByName(
		TASK_TYPES.map((t) => ({ name: t.name, value: t.value, description: t.description })),
	);
}

/** Options for a list of IoTDA status values (the value is its own name), sorted by name. */
export function statusOptions(statuses: readonly string[]) {
	return sortedByName(statuses.map((s) => ({ name: s, value: s })));
}
