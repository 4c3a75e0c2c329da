// Public entry of the IoTDA emulator for tests, benchmarks and the demo.
export { Emulator, startEmulator, type EmulatorOptions, type TaskSummary } from './emulator';
export {
	DEFAULT_ACCOUNT,
	INSTANCE_ACCOUNT,
	TEMPORARY_ACCOUNT,
	SEED_ACCOUNTS,
	type EmulatorAccount,
} from './seed-accounts';
export { SEED_DEVICE_COUNT, DEFAULT_APP_DEVICE_COUNT, deviceId } from './seed-data';
export { TASK_TIMING } from './task-model';
export type { FaultSpec, FaultKind } from './faults';
export type { LogEntry } from './request-log';
