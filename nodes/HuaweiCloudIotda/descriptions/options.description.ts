/** Option lists built from IoTDA's tables (helpers/apiRules.ts), shared by both nodes' forms. */
import { TASK_TYPES } from '../helpers/apiRules';
import { sortedByName } from '../helpers/sortOptions';

/** Every task type as an option (name, value, description), sorted by name as n8n's lint wants. */
export function taskTypeOptions() {
	return sortedByName(
		TASK_TYPES.map((t) => ({ name: t.name, value: t.value, description: t.description })),
	);
}

/**
 * An IoTDA status as people write it: 'PartialSuccess' → 'Partial Success', IoTDA's 'Waitting' → 'Waiting',
 * 'FailWaitRetry' → 'Fail Wait Retry' (the value sent and received stays IoTDA's).
 */
export function statusLabel(status: string): string {
	return status.replace('Waitting', 'Waiting').replace(/([a-z])([A-Z])/g, '$1 $2');
}

/**
 * Options for a list of IoTDA status values, named as people write them, with IoTDA's value in the description
 * (the value the filter matches and the output carries); sorted by name as n8n's lint wants.
 */
export function statusOptions(statuses: readonly string[]) {
	return sortedByName(
		statuses.map((s) => ({ name: statusLabel(s), value: s, description: `IoTDA status ${s}` })),
	);
}
