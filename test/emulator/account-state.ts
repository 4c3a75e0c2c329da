// Everything the emulator stores for one account (project): its catalog, batch tasks and uploaded files.
import type { RoutingState } from './routing-rules';
import type { EmulatorAccount } from './seed-accounts';
import type { Catalog } from './seed-data';
import type { TaskRecord } from './task-model';
import type { Generation } from './task-validation';
import type { FleetState } from './device-routes';

export interface BatchTaskFile {
	file_id: string;
	file_name: string;
	upload_time: string;
	rows: string[];
	/** Emulator ms of the upload; the file is aged out one hour later. Unset = never ages (test fixtures). */
	uploadedAt?: number;
}

/** IoTDA instance editions; SearchDevices is "仅标准版实例、企业版实例" (see device-routes.ts). */
export type Edition = 'basic' | 'standard' | 'enterprise';

export interface AccountState {
	account: EmulatorAccount;
	catalog: Catalog;
	/** Ascending by id (= creation order). */
	tasks: TaskRecord[];
	taskById: Map<string, TaskRecord>;
	/** Tasks that may still be unfinished; pruned lazily when counting the per-space limit. */
	unfinished: Set<TaskRecord>;
	files: BatchTaskFile[];
	/** Failure rate override for this account's new tasks (undefined = global). */
	failureRate?: number;
	/** Server generation override for this account (undefined = the emulator-wide setting). */
	generation?: Generation;
	/** Routing rules and rule actions (routing-rules.ts), created on first use. */
	routing?: RoutingState;
	/** Device API bookkeeping (device-routes.ts), created on first use. */
	fleet?: FleetState;
	/** Instance edition override for this account (undefined = the emulator-wide setting). */
	edition?: Edition;
}
