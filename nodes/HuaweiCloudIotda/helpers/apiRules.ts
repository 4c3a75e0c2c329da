/**
 * The one table of IoTDA batch-task facts: task types, which target sources and document form each
 * takes, and the API's limits. The node's form, the validator and the README's tables are built from it.
 * Sources: CreateBatchTask API page and the SDK models (see README "Task types").
 */

export const LIMITS = {
	/** Device IDs in one task. */
	maxTargets: 30000,
	taskNameMaxLength: 128,
	deviceIdMaxLength: 128,
	appIdMaxLength: 36,
	packageIdMaxLength: 36,
	fileIdMaxLength: 128,
	groupIdMaxLength: 36,
	taskExtInfoMaxLength: 512,
	retryCountMax: 5,
	retryIntervalMaxMinutes: 1440,
	scheduleMaxDaysAhead: 7,
	/** Device IDs per Stop/Retry/Confirm call. */
	targetsPerControlCall: 100,
	/**
	 * The "10 unfinished tasks per resource space" figure the node used to enforce. No Huawei source states
	 * it (audit row 7: not in the GO/PY/NODE SDK models, Terraform or the doc pages), so the node no longer
	 * checks it unless the user sets Options → Max Tasks per Run; kept only as the README's reference value.
	 */
	reportedUnfinishedTasksPerApp: 10,
	shadowMaxServices: 5,
	shadowMaxLength: 10240,
	commandServiceIdMaxLength: 64,
	commandNameMaxLength: 128,
	asyncCommandMaxExpireSeconds: 172800,
	messageIdMaxLength: 100,
	messageNameMaxLength: 128,
	messageTtlMaxMinutes: 1440,
	/** A message TTL is a multiple of this many minutes. */
	messageTtlStepMinutes: 5,
	/** DeviceMessageRequest.properties (MQTT 5.0), GO model_properties_dto.go: correlation_data, response_topic ≤128; ≤20 user_properties. */
	messagePropertyMaxLength: 128,
	messageUserPropertiesMax: 20,
	pageSizeMax: 50,
	/** Highest `offset` the list APIs take (ListBatchTasks / ShowBatchTask `offset` 0–500, GO request models). */
	pageOffsetMax: 500,
	/** Characters of an uploaded task file's name (UploadBatchTaskFile). */
	taskFileNameMaxLength: 60,
} as const;

/** File extensions UploadBatchTaskFile accepts, with the content type sent for each. */
export const TASK_FILE_TYPES: Readonly<Record<string, string>> = {
	'.xls': 'application/vnd.ms-excel',
	'.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The characters of every IoTDA ID (device, app, file, group, message IDs; CreateBatchTask rules). */
const ID_CHARACTERS = 'A-Za-z0-9_-';

export const PATTERNS = {
	taskName: /^[\u4e00-\u9fa5A-Za-z0-9_]+$/,
	/** Device IDs, app IDs, file IDs, message IDs. */
	id: new RegExp(`^[${ID_CHARACTERS}]+$`),
	taskId: /^[a-f0-9]{1,24}$/,
	/** OTA package ids: GO model_ota_package_info.go PackageId "只允许字母、数字、连接符（-）的组合" (audit row 29). */
	packageId: /^[A-Za-z0-9-]+$/,
	/** Message name: GO model_device_message_request.go Name "只允许中文、字母、数字、以及_?'#().,&%@!-" (audit row 30). */
	messageName: /^[\u4e00-\u9fa5A-Za-z0-9_?'#().,&%@!-]+$/,
} as const;

/** Regex source for an ID of 1 to `maxLength` characters of PATTERNS.id (a resource locator's "By ID" check). */
export function boundedIdSource(maxLength: number): string {
	return `^[${ID_CHARACTERS}]{1,${maxLength}}$`;
}

export const PATTERN_TEXT = {
	taskName: 'only Chinese characters, letters, digits and underscores',
	id: 'only letters, digits, hyphens and underscores',
	taskId: 'up to 24 lower-case hex characters',
	packageId: 'only letters, digits and hyphens',
	messageName: "only Chinese characters, letters, digits and _?'#().,&%@!-",
} as const;

/**
 * The targets IoTDA takes for a task, as TASK_TYPES lists them per type: a device list (`targets`), device
 * groups (`targets_filter`) or a task file (`document_source`). Create's Target Sources (its targets/ folder)
 * say which of these each one sends.
 */
export type TargetSource = 'deviceIds' | 'groupIds' | 'file';
/** Which document a task type takes; Create builds each form in its documents/ folder. */
export type DocumentForm = 'upgrade' | 'command' | 'asyncCommand' | 'message' | 'shadow' | 'none';

export interface TaskTypeSpec {
	value: string;
	name: string;
	description: string;
	targetSources: TargetSource[];
	document: DocumentForm;
	/** Task mode GATEWAY and task_ext_info (firmware and software upgrades only, GO model_create_batch_task.go). */
	isUpgrade: boolean;
	/** need_confirm is taken (PY 3.1.211 create_batch_task.py: firmware, software and module upgrades). */
	needConfirm: boolean;
	/** OTA package type for the package dropdown (ListOtaPackageInfo `package_type`). */
	packageType?: 'firmwarePackage' | 'softwarePackage' | 'modulePackage';
	/** Can be split into waves (staged rollout). */
	stageable: boolean;
}

export const TASK_TYPES: readonly TaskTypeSpec[] = [
	{
		value: 'createAsyncCommands',
		name: 'Async Commands',
		description:
			'Send an asynchronous command to each device (delivered when the device is online)',
		targetSources: ['deviceIds', 'groupIds'],
		document: 'asyncCommand',
		isUpgrade: false,
		needConfirm: false,
		stageable: true,
	},
	{
		value: 'createCommands',
		name: 'Sync Commands',
		description: 'Send a synchronous command to each device',
		targetSources: ['deviceIds', 'groupIds'],
		document: 'command',
		isUpgrade: false,
		needConfirm: false,
		stageable: true,
	},
	{
		value: 'createDevices',
		name: 'Create Devices',
		description: 'Register the devices listed in an uploaded task file',
		targetSources: ['file'],
		document: 'none',
		isUpgrade: false,
		needConfirm: false,
		stageable: false,
	},
	{
		value: 'createMessages',
		name: 'Messages',
		description: 'Send a message down to each device',
		targetSources: ['deviceIds', 'groupIds'],
		document: 'message',
		isUpgrade: false,
		needConfirm: false,
		stageable: false,
	},
	{
		value: 'deleteDevices',
		name: 'Delete Devices',
		description: 'Delete the devices',
		targetSources: ['deviceIds', 'groupIds', 'file'],
		document: 'none',
		isUpgrade: false,
		needConfirm: false,
		stageable: false,
	},
	{
		value: 'firmwareUpgrade',
		name: 'Firmware Upgrade',
		description: 'Upgrade the firmware of each device with an OTA package',
		targetSources: ['deviceIds', 'groupIds'],
		document: 'upgrade',
		isUpgrade: true,
		needConfirm: true,
		packageType: 'firmwarePackage',
		stageable: true,
	},
	{
		value: 'freezeDevices',
		name: 'Freeze Devices',
		description: 'Freeze the devices (they can no longer connect)',
		targetSources: ['deviceIds', 'groupIds', 'file'],
		document: 'none',
		isUpgrade: false,
		needConfirm: false,
		stageable: false,
	},
	{
		value: 'moduleUpgrade',
		name: 'Module Upgrade',
		description: 'Upgrade a module of each device with one or more OTA module packages',
		targetSources: ['deviceIds', 'groupIds'],
		document: 'upgrade',
		isUpgrade: false,
		needConfirm: true,
		packageType: 'modulePackage',
		// Stop exists only for firmware/software upgrades, so a failing wave could not be halted.
		stageable: false,
	},
	{
		value: 'softwareUpgrade',
		name: 'Software Upgrade',
		description: 'Upgrade the software of each device with an OTA package',
		targetSources: ['deviceIds', 'groupIds'],
		document: 'upgrade',
		isUpgrade: true,
		needConfirm: true,
		packageType: 'softwarePackage',
		stageable: true,
	},
	{
		value: 'unfreezeDevices',
		name: 'Unfreeze Devices',
		description: 'Unfreeze the devices',
		targetSources: ['deviceIds', 'groupIds', 'file'],
		document: 'none',
		isUpgrade: false,
		needConfirm: false,
		stageable: false,
	},
	{
		value: 'updateDeviceShadows',
		name: 'Update Device Shadows',
		description: 'Set desired properties in each device shadow',
		targetSources: ['deviceIds', 'groupIds'],
		document: 'shadow',
		isUpgrade: false,
		needConfirm: false,
		stageable: false,
	},
	{
		value: 'updateDevices',
		name: 'Update Devices',
		description: 'Update the devices listed in an uploaded task file',
		targetSources: ['file'],
		document: 'none',
		isUpgrade: false,
		needConfirm: false,
		stageable: false,
	},
];

export const TASK_STATUSES = [
	'Initializing',
	'Waitting',
	'Processing',
	'Success',
	'Fail',
	'PartialSuccess',
	'Stopped',
	'Stopping',
] as const;
export const TERMINAL_TASK_STATUSES: readonly string[] = [
	'Success',
	'Fail',
	'PartialSuccess',
	'Stopped',
];
export const SUBTASK_STATUSES = [
	'Waitting',
	'Processing',
	'Success',
	'Fail',
	'FailWaitRetry',
	'Stopped',
	'Removed',
] as const;

export function taskTypeSpec(value: string): TaskTypeSpec | undefined {
	return TASK_TYPES.find((t) => t.value === value);
}

export function taskTypesWhere(predicate: (t: TaskTypeSpec) => boolean): string[] {
	return TASK_TYPES.filter(predicate).map((t) => t.value);
}

export type ControlOperation = 'stop' | 'retry' | 'confirm';

export interface ControlRule {
	/** Past tense for messages: "can be stopped". */
	verb: string;
	/** Task types IoTDA accepts the operation for. */
	taskTypes: readonly string[];
	/** Task statuses in which IoTDA refuses the operation. */
	refusedStatuses: readonly string[];
	/** Sub-task statuses the operation acts on when no device is listed (body `{}`). */
	eligibleSubTasks: readonly string[];
	/**
	 * Task statuses the operation itself leads to. A resent call refused in one of them after the first call's
	 * answer was lost was refused because the first call took effect (StopBatchTask puts the task in Stopping,
	 * then Stopped; RetryBatchTask and ConfirmBatchTask put sub-tasks back in Waitting/Processing).
	 */
	statusesAfter: readonly string[];
}

/** Preconditions of StopBatchTask, RetryBatchTask and ConfirmBatchTask (API reference, state rules). */
export const CONTROL_RULES: Readonly<Record<ControlOperation, ControlRule>> = {
	stop: {
		verb: 'stopped',
		taskTypes: ['firmwareUpgrade', 'softwareUpgrade'],
		refusedStatuses: [...TERMINAL_TASK_STATUSES, 'Stopping'],
		eligibleSubTasks: ['Processing', 'Waitting', 'FailWaitRetry'],
		statusesAfter: ['Stopping', 'Stopped'],
	},
	retry: {
		verb: 'retried',
		taskTypes: ['firmwareUpgrade', 'softwareUpgrade'],
		refusedStatuses: ['Success', 'Stopped', 'Stopping', 'Waitting', 'Initializing'],
		eligibleSubTasks: ['Fail', 'FailWaitRetry', 'Stopped'],
		statusesAfter: ['Initializing', 'Waitting', 'Processing'],
	},
	confirm: {
		verb: 'confirmed',
		taskTypes: ['firmwareUpgrade', 'softwareUpgrade', 'moduleUpgrade'],
		refusedStatuses: [...TERMINAL_TASK_STATUSES, 'Stopping'],
		eligibleSubTasks: ['Waitting'],
		statusesAfter: ['Processing'],
	},
};

/** DeleteBatchTask accepts only finished tasks. */
export const DELETABLE_TASK_STATUSES = TERMINAL_TASK_STATUSES;

/** A task type's display name, or the raw value for types the Create form does not offer. */
export function taskTypeName(value: string): string {
	return taskTypeSpec(value)?.name ?? value;
}
