// CreateBatchTask validation: every rule of iotda-api.md §7 (plus the §4.6 per-type document rules) gives
// 400 IOTDA.000006 with a message naming the offending field. Sources per rule: GO SDK 0.1.188
// services/iotda/v5/model/model_create_batch_task.go and the models it references (docs/emulator.md).
import { invalidInput } from './errors';
import type { Catalog } from './seed-data';
import { parseIotdaTime } from './time-format';

export const TASK_TYPES = [
	'softwareUpgrade',
	'firmwareUpgrade',
	'moduleUpgrade',
	'createDevices',
	'deleteDevices',
	'freezeDevices',
	'unfreezeDevices',
	'createCommands',
	'createAsyncCommands',
	'createMessages',
	'updateDeviceShadows',
	'updateDevices',
] as const;
/**
 * Server generations. `current` follows the request model since GO SDK 0.1.172 / PY 3.1.171 (2025-10-16):
 * upgrade documents are `{"package_ids": [...]}` and `moduleUpgrade` exists. `legacy` follows the older
 * CreateBatchTask page (shared/reference/create-batch-task-api.zh.txt): `{"package_id": "..."}` only and
 * no `moduleUpgrade`. Each refuses the other's key with 400 IOTDA.000006 naming it (the real wording of
 * such a refusal is unknown).
 */
export type Generation = 'current' | 'legacy';
export const GENERATIONS: readonly Generation[] = ['current', 'legacy'];
/** Task types a generation knows: `moduleUpgrade` arrived with GO SDK 0.1.172 (audit, "moduleUpgrade"). */
export const taskTypesOf = (g: Generation): readonly string[] =>
	g === 'legacy' ? TASK_TYPES.filter((t) => t !== 'moduleUpgrade') : TASK_TYPES;
export const FILE_ONLY_TYPES = ['createDevices', 'updateDevices'];
const FW_SW = ['firmwareUpgrade', 'softwareUpgrade'];
const UPGRADE_PACKAGE_TYPE: Record<string, string> = {
	firmwareUpgrade: 'firmwarePackage',
	softwareUpgrade: 'softwarePackage',
	moduleUpgrade: 'modulePackage',
};
export const MAX_TARGETS = 30_000;
const ID_RE = /^[A-Za-z0-9_-]{1,128}$/;
const TASK_NAME_RE = /^[\u4e00-\u9fa5A-Za-z0-9_]{1,128}$/;
const APP_ID_RE = /^[A-Za-z0-9_-]{1,36}$/;
const SEVEN_DAYS_MS = 7 * 24 * 3600_000;

export type TargetSource =
	| { kind: 'targets'; ids: string[] }
	| { kind: 'groups'; groupIds: string[] }
	| { kind: 'file'; fileId: string };

export interface ValidatedTask {
	name: string;
	type: string;
	appId: string;
	source: TargetSource;
	scheduleAt?: number;
	retryCount: number;
	retryIntervalMs: number;
	needConfirm: boolean;
}

export interface ValidationContext {
	catalog: Catalog;
	fileExists: (fileId: string) => boolean;
	now: number;
	/** Which request model to enforce (default current). */
	generation?: Generation;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const present = (v: unknown) => v !== undefined && v !== null;

export function validateCreateTask(body: unknown, ctx: ValidationContext): ValidatedTask {
	if (!isObject(body)) throw invalidInput('the request body must be a JSON object');
	const b = body;

	if (!present(b.task_name)) throw invalidInput('task_name is required');
	if (typeof b.task_name !== 'string' || !TASK_NAME_RE.test(b.task_name)) {
		throw invalidInput(
			'task_name must be 1-128 characters of Chinese characters, letters, digits and _',
		);
	}
	if (!present(b.task_type)) throw invalidInput('task_type is required');
	const type = b.task_type;
	const known = taskTypesOf(ctx.generation ?? 'current');
	if (typeof type !== 'string' || !known.includes(type)) {
		throw invalidInput(`task_type must be one of ${known.join(', ')}`);
	}

	let appId = ctx.catalog.defaultAppId;
	if (present(b.app_id)) {
		if (typeof b.app_id !== 'string' || !APP_ID_RE.test(b.app_id))
			throw invalidInput('app_id must match [A-Za-z0-9_-]{1,36}');
		if (!ctx.catalog.apps.some((a) => a.app_id === b.app_id))
			throw invalidInput(`app_id ${b.app_id} does not exist`);
		appId = b.app_id;
	}

	if (present(b.task_mode)) {
		if (!FW_SW.includes(type))
			throw invalidInput(
				`task_mode is only allowed for firmwareUpgrade/softwareUpgrade, not ${type}`,
			);
		if (b.task_mode !== 'GATEWAY') throw invalidInput('task_mode must be GATEWAY');
	}
	if (present(b.task_ext_info)) {
		if (!FW_SW.includes(type))
			throw invalidInput(
				`task_ext_info is only allowed for firmwareUpgrade/softwareUpgrade, not ${type}`,
			);
		if (!isObject(b.task_ext_info)) throw invalidInput('task_ext_info must be a JSON object');
		if (JSON.stringify(b.task_ext_info).length > 512)
			throw invalidInput('task_ext_info must be at most 512 characters when serialized');
	}
	if (present(b.need_confirm)) {
		if (!(type in UPGRADE_PACKAGE_TYPE))
			throw invalidInput(`need_confirm is only allowed for upgrade tasks, not ${type}`);
		if (typeof b.need_confirm !== 'boolean') throw invalidInput('need_confirm must be a boolean');
	}

	const source = validateTargets(b, type, ctx);
	validateDocument(b.document, type, ctx.catalog, ctx.generation ?? 'current');
	const policy = validatePolicy(b.task_policy, ctx.now);
	return {
		name: b.task_name,
		type,
		appId,
		source,
		...policy,
		needConfirm: b.need_confirm === true,
	};
}

function validateTargets(
	b: Record<string, unknown>,
	type: string,
	ctx: ValidationContext,
): TargetSource {
	const fileOnly = FILE_ONLY_TYPES.includes(type);
	if (present(b.targets)) {
		if (fileOnly) throw invalidInput(`targets is not supported for ${type}: use document_source`);
		if (!Array.isArray(b.targets)) throw invalidInput('targets must be an array of device ids');
		if (b.targets.length > MAX_TARGETS)
			throw invalidInput(
				`targets must have at most ${MAX_TARGETS} entries, got ${b.targets.length}`,
			);
		b.targets.forEach((t, i) => {
			if (typeof t !== 'string' || !ID_RE.test(t))
				throw invalidInput(`targets[${i}] must match [A-Za-z0-9_-]{1,128}`);
		});
	}
	if (present(b.targets_filter)) {
		if (fileOnly)
			throw invalidInput(`targets_filter is not supported for ${type}: use document_source`);
		const f = b.targets_filter;
		if (!isObject(f) || Object.keys(f).some((k) => k !== 'group_ids'))
			throw invalidInput('targets_filter only supports the key group_ids');
		if (
			!Array.isArray(f.group_ids) ||
			f.group_ids.length === 0 ||
			f.group_ids.some((g) => typeof g !== 'string')
		) {
			throw invalidInput('targets_filter.group_ids must be a non-empty array of group ids');
		}
		// Unknown group ids are not refused: IoTDA creates the task (201) and it ends Fail with no sub-tasks
		// (TF acceptance test TestAccBatchTask_withTargetsFilterField; audit row 5).
	}
	if (present(b.document_source)) {
		if (typeof b.document_source !== 'string' || !ctx.fileExists(b.document_source)) {
			throw invalidInput(
				`document_source ${String(b.document_source)} is not an uploaded batch task file`,
			);
		}
	}
	// Precedence targets > targets_filter > document_source (only one takes effect).
	if (Array.isArray(b.targets) && b.targets.length > 0)
		return { kind: 'targets', ids: b.targets as string[] };
	if (isObject(b.targets_filter))
		return { kind: 'groups', groupIds: b.targets_filter.group_ids as string[] };
	if (typeof b.document_source === 'string') return { kind: 'file', fileId: b.document_source };
	if (fileOnly) throw invalidInput(`document_source is required for ${type}`);
	throw invalidInput('one of targets, targets_filter or document_source is required');
}

function validateDocument(
	doc: unknown,
	type: string,
	catalog: Catalog,
	generation: Generation,
): void {
	const packageType = UPGRADE_PACKAGE_TYPE[type];
	if (packageType) {
		for (const id of upgradePackageIds(doc, type, generation)) {
			const pkg = catalog.packages.find((p) => p.package_id === id);
			if (!pkg) throw invalidInput(`document: package ${String(id)} does not exist`);
			if (pkg.package_type !== packageType)
				throw invalidInput(
					`document: package ${pkg.package_id} is a ${pkg.package_type}, ${type} needs a ${packageType}`,
				);
		}
		return;
	}
	if (type === 'createCommands' || type === 'createAsyncCommands')
		return validateCommandDocument(doc, type);
	if (type === 'createMessages') return validateMessageDocument(doc);
	if (type === 'updateDeviceShadows') return validateShadowDocument(doc);
	if (present(doc) && !isObject(doc)) throw invalidInput('document must be a JSON object');
}

/**
 * The package ids of an upgrade document in the generation's form: current = `package_ids` (a non-empty
 * array of strings; GO model_create_batch_task.go since 0.1.172, PY create_batch_task.py 3.1.171+), legacy
 * = `package_id` (a string; the older CreateBatchTask page). The other generation's key is a 400 naming it.
 */
function upgradePackageIds(doc: unknown, type: string, generation: Generation): unknown[] {
	const d = isObject(doc) ? doc : {};
	if (generation === 'legacy') {
		if (present(d.package_ids))
			throw invalidInput(
				'document.package_ids is not supported: use document.package_id (one package id)',
			);
		if (typeof d.package_id !== 'string' || d.package_id === '')
			throw invalidInput(`document.package_id is required for ${type}`);
		return [d.package_id];
	}
	if (present(d.package_id))
		throw invalidInput(
			'document.package_id is not supported: use document.package_ids (an array of package ids)',
		);
	if (
		!Array.isArray(d.package_ids) ||
		d.package_ids.length === 0 ||
		d.package_ids.some((x) => typeof x !== 'string')
	) {
		throw invalidInput(
			`document.package_ids is required for ${type} (a non-empty array of package ids)`,
		);
	}
	return d.package_ids;
}

function validateCommandDocument(doc: unknown, type: string): void {
	if (!isObject(doc)) throw invalidInput(`document is required for ${type}`);
	if (
		present(doc.service_id) &&
		(typeof doc.service_id !== 'string' || doc.service_id.length > 64)
	) {
		throw invalidInput('document.service_id must be a string of at most 64 characters');
	}
	if (
		present(doc.command_name) &&
		(typeof doc.command_name !== 'string' || doc.command_name.length > 128)
	) {
		throw invalidInput('document.command_name must be a string of at most 128 characters');
	}
	if (!isObject(doc.paras))
		throw invalidInput('document.paras is required and must be a JSON object');
	if (type === 'createAsyncCommands') {
		// send_strategy is required (GO model_async_device_command_request.go: `json:"send_strategy"` without
		// omitempty); with `immediately` the expire_time is ignored ("此时expire_time无效"), not refused.
		if (!present(doc.send_strategy))
			throw invalidInput(
				'document.send_strategy is required for createAsyncCommands (immediately or delay)',
			);
		if (doc.send_strategy !== 'immediately' && doc.send_strategy !== 'delay')
			throw invalidInput('document.send_strategy must be immediately or delay');
		if (
			present(doc.expire_time) &&
			(!isInt(doc.expire_time) || doc.expire_time < 0 || doc.expire_time > 172_800)
		) {
			throw invalidInput('document.expire_time must be an integer of 0-172800 seconds');
		}
		if (JSON.stringify(doc.paras).length > 32 * 1024)
			throw invalidInput('document.paras must be at most 32K');
	}
}

function validateMessageDocument(doc: unknown): void {
	if (!isObject(doc)) throw invalidInput('document is required for createMessages');
	if (
		!present(doc.message) ||
		(typeof doc.message !== 'string' && typeof doc.message !== 'object')
	) {
		throw invalidInput('document.message is required (a string or a JSON object)');
	}
	if (
		present(doc.message_id) &&
		(typeof doc.message_id !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(doc.message_id))
	) {
		throw invalidInput('document.message_id must match [A-Za-z0-9_-]{1,100}');
	}
	if (present(doc.name) && (typeof doc.name !== 'string' || doc.name.length > 128))
		throw invalidInput('document.name must be at most 128 characters');
	if (present(doc.encoding) && doc.encoding !== 'none' && doc.encoding !== 'base64')
		throw invalidInput('document.encoding must be none or base64');
	if (
		present(doc.payload_format) &&
		doc.payload_format !== 'standard' &&
		doc.payload_format !== 'raw'
	) {
		throw invalidInput('document.payload_format must be standard or raw');
	}
	// GO model_device_message_request.go TopicFullName: "此字段与topic字段只可填写一个" (the create_batch_task
	// example that sends both contradicts it; audit row 12 keeps the field text, the stricter source).
	if (present(doc.topic) && present(doc.topic_full_name))
		throw invalidInput('document.topic and document.topic_full_name are mutually exclusive');
	// Ttl: a multiple of 5, at most 1440; 0 = do not cache ("指定为0时表示不缓存消息", audit row 15).
	if (present(doc.ttl) && (!isInt(doc.ttl) || doc.ttl < 0 || doc.ttl % 5 !== 0 || doc.ttl > 1440)) {
		throw invalidInput('document.ttl must be a multiple of 5 minutes from 0 to 1440');
	}
}

function validateShadowDocument(doc: unknown): void {
	if (!isObject(doc) || !Array.isArray(doc.shadow) || doc.shadow.length === 0) {
		throw invalidInput('document.shadow is required for updateDeviceShadows (a non-empty array)');
	}
	const serviceIds = new Set<string>();
	doc.shadow.forEach((s, i) => {
		if (
			!isObject(s) ||
			typeof s.service_id !== 'string' ||
			s.service_id.length === 0 ||
			s.service_id.length > 64
		) {
			throw invalidInput(`document.shadow[${i}].service_id is required`);
		}
		if (!isObject(s.desired))
			throw invalidInput(`document.shadow[${i}].desired is required (a JSON object)`);
		// "service_id数量不大于5个且service_id不能重复" (GO/PY create_batch_task document text; audit row 1).
		if (serviceIds.has(s.service_id))
			throw invalidInput(
				`document.shadow[${i}].service_id ${s.service_id} is repeated: each service_id may appear once`,
			);
		serviceIds.add(s.service_id);
	});
	if (serviceIds.size > 5)
		throw invalidInput(
			`document.shadow must name at most 5 service_id values, got ${serviceIds.size}`,
		);
	if (JSON.stringify(doc.shadow).length > 10 * 1024)
		throw invalidInput('document.shadow must be at most 10K when serialized');
}

function validatePolicy(
	policy: unknown,
	now: number,
): Pick<ValidatedTask, 'scheduleAt' | 'retryCount' | 'retryIntervalMs'> {
	if (!present(policy)) return { retryCount: 0, retryIntervalMs: 0 };
	if (!isObject(policy)) throw invalidInput('task_policy must be a JSON object');
	let scheduleAt: number | undefined;
	if (present(policy.schedule_time)) {
		scheduleAt = parseIotdaTime(policy.schedule_time);
		if (scheduleAt === undefined)
			throw invalidInput("task_policy.schedule_time must have the format yyyyMMdd'T'HHmmss'Z'");
		if (scheduleAt <= now) throw invalidInput('task_policy.schedule_time must be in the future');
		if (scheduleAt > now + SEVEN_DAYS_MS)
			throw invalidInput('task_policy.schedule_time must be within 7 days');
	}
	const hasCount = present(policy.retry_count);
	const hasInterval = present(policy.retry_interval);
	if (hasCount !== hasInterval) {
		throw invalidInput(
			hasCount
				? 'task_policy.retry_interval is required with retry_count'
				: 'task_policy.retry_count is required with retry_interval',
		);
	}
	if (!hasCount) return { scheduleAt, retryCount: 0, retryIntervalMs: 0 };
	if (!isInt(policy.retry_count) || policy.retry_count < 0 || policy.retry_count > 5)
		throw invalidInput('task_policy.retry_count must be an integer of 0-5');
	if (!isInt(policy.retry_interval) || policy.retry_interval < 0 || policy.retry_interval > 1440) {
		throw invalidInput('task_policy.retry_interval must be an integer of 0-1440 minutes');
	}
	return {
		scheduleAt,
		retryCount: policy.retry_count,
		retryIntervalMs: policy.retry_interval * 60_000,
	};
}
