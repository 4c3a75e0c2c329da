/**
 * Builds the CreateBatchTask body (everything but the device IDs) from the node's parameters for one
 * item, validating each value against the rules in taskTypes.ts before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { locatorValue } from './locatorValue';
import { parseIdList, parseSingleId } from './idList';
import { InputError } from './inputErrors';
import { LIMITS, taskTypeSpec, type TargetSource, type TaskTypeSpec } from './apiRules';
import {
	checkId,
	checkInteger,
	checkLength,
	checkTaskName,
	optionalText,
	parseJsonObject,
	requireText,
} from './validate';

/** Reads a node parameter for the item being built (`getNodeParameter(name, i, fallback)`). */
export type ParamReader = (name: string, fallback?: unknown) => unknown;

export interface TaskTemplate {
	spec: TaskTypeSpec;
	targetSource: TargetSource;
	/** The body without `targets`; device IDs are added per task. */
	body: IDataObject;
}

/** `yyyyMMdd'T'HHmmss'Z'` in UTC, the time format of every IoTDA field. */
export function toIotdaTime(time: DateTime): string {
	return time.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
}

export function parseScheduleTime(value: unknown, timezone: string, now: DateTime): string {
	let time: DateTime;
	if (value instanceof Date) time = DateTime.fromJSDate(value);
	else if (DateTime.isDateTime(value)) time = value;
	else if (typeof value === 'string' && value.trim()) time = DateTime.fromISO(value.trim(), { zone: timezone });
	else throw new InputError('Schedule Time', value, 'must be a date and time');
	if (!time.isValid) throw new InputError('Schedule Time', value, 'is not a valid date and time');
	if (time <= now) throw new InputError('Schedule Time', value, 'must be in the future');
	if (time > now.plus({ days: LIMITS.scheduleMaxDaysAhead }))
		throw new InputError('Schedule Time', value, `must be at most ${LIMITS.scheduleMaxDaysAhead} days ahead`);
	return toIotdaTime(time);
}

/**
 * The upgrade document `{"package_ids": ["<OTA package id>"]}`: the CreateBatchTask request model since
 * GO SDK 0.1.172 / PY 3.1.171 (2025-10) names `package_ids` (an array); the older `package_id` string is
 * only on the older doc page (audit row 3).
 */
function upgradeDocument(param: ParamReader): IDataObject {
	const packageId = parseSingleId('Package ID', param('packageId', ''), LIMITS.packageIdMaxLength);
	return { package_ids: [packageId] };
}

function commandDocument(param: ParamReader, isAsync: boolean): IDataObject {
	const document: IDataObject = {
		service_id: checkLength('Service ID', requireText('Service ID', param('serviceId')), LIMITS.commandServiceIdMaxLength),
		command_name: checkLength('Command Name', requireText('Command Name', param('commandName')), LIMITS.commandNameMaxLength),
		paras: parseJsonObject('Command Parameters', param('commandParameters', '{}')),
	};
	if (isAsync) {
		const strategy = String(param('sendStrategy', 'immediately'));
		document.send_strategy = strategy;
		if (strategy === 'delay') {
			document.expire_time = checkInteger('Expire Time', param('expireTime', 86400), 0, LIMITS.asyncCommandMaxExpireSeconds);
		}
	}
	return document;
}

function messageDocument(param: ParamReader): IDataObject {
	const raw = param('message');
	const message = typeof raw === 'object' && raw !== null ? raw : requireText('Message', raw);
	const options = (param('messageOptions', {}) as IDataObject) ?? {};
	const document: IDataObject = { message: message as IDataObject };
	const messageId = optionalText('Message ID', options.messageId);
	if (messageId) document.message_id = checkId('Message ID', messageId, LIMITS.messageIdMaxLength);
	const name = optionalText('Message Name', options.name);
	if (name) document.name = checkLength('Message Name', name, LIMITS.messageNameMaxLength);
	if (options.encoding) document.encoding = options.encoding;
	if (options.payloadFormat) document.payload_format = options.payloadFormat;
	const topic = optionalText('Topic', options.topic);
	const topicFullName = optionalText('Topic Full Name', options.topicFullName);
	if (topic && topicFullName) throw new InputError('Topic Full Name', topicFullName, 'cannot be used together with Topic');
	if (topic) document.topic = topic;
	if (topicFullName) document.topic_full_name = topicFullName;
	if (options.ttl !== undefined && options.ttl !== '') {
		const ttl = checkInteger('TTL (Minutes)', options.ttl, 5, LIMITS.messageTtlMaxMinutes);
		if (ttl % 5 !== 0) throw new InputError('TTL (Minutes)', options.ttl, 'must be a multiple of 5');
		document.ttl = ttl;
	}
	return document;
}

function shadowDocument(param: ParamReader): IDataObject {
	const entries = ((param('shadows', {}) as IDataObject).shadow as IDataObject[] | undefined) ?? [];
	if (entries.length === 0) throw new InputError('Shadow Updates', entries, 'must contain at least one service');
	const shadow = entries.map((entry) => {
		const item: IDataObject = {
			service_id: checkLength('Shadow Service ID', requireText('Shadow Service ID', entry.serviceId), LIMITS.commandServiceIdMaxLength),
			desired: parseJsonObject('Desired Properties', entry.desired) as IDataObject,
		};
		if (entry.version !== undefined && entry.version !== '' && entry.version !== 0)
			item.version = checkInteger('Shadow Version', entry.version, 0, Number.MAX_SAFE_INTEGER);
		return item;
	});
	const services = new Set(shadow.map((s) => s.service_id));
	if (services.size > LIMITS.shadowMaxServices)
		throw new InputError('Shadow Updates', [...services], `may name at most ${LIMITS.shadowMaxServices} services`);
	const size = JSON.stringify(shadow).length;
	if (size > LIMITS.shadowMaxLength)
		throw new InputError('Shadow Updates', shadow, `must be at most ${LIMITS.shadowMaxLength} characters of JSON (is ${size})`);
	return { shadow };
}

function buildDocument(spec: TaskTypeSpec, param: ParamReader): IDataObject | undefined {
	switch (spec.document) {
		case 'upgrade':
			return upgradeDocument(param);
		case 'command':
			return commandDocument(param, false);
		case 'asyncCommand':
			return commandDocument(param, true);
		case 'message':
			return messageDocument(param);
		case 'shadow':
			return shadowDocument(param);
		default:
			return undefined;
	}
}

function taskPolicy(fields: IDataObject, timezone: string, now: DateTime): IDataObject | undefined {
	const policy: IDataObject = {};
	if (fields.scheduleTime) policy.schedule_time = parseScheduleTime(fields.scheduleTime, timezone, now);
	const hasCount = fields.retryCount !== undefined && fields.retryCount !== '';
	const hasInterval = fields.retryInterval !== undefined && fields.retryInterval !== '';
	if (hasCount !== hasInterval)
		throw new InputError(
			hasCount ? 'Retry Interval (Minutes)' : 'Retry Count',
			hasCount ? fields.retryCount : fields.retryInterval,
			'is required together with ' + (hasCount ? 'Retry Count' : 'Retry Interval (Minutes)'),
		);
	if (hasCount) {
		policy.retry_count = checkInteger('Retry Count', fields.retryCount, 1, LIMITS.retryCountMax);
		policy.retry_interval = checkInteger('Retry Interval (Minutes)', fields.retryInterval, 1, LIMITS.retryIntervalMaxMinutes);
	}
	return Object.keys(policy).length ? policy : undefined;
}

export function buildTaskTemplate(param: ParamReader, timezone: string, now: DateTime): TaskTemplate {
	const taskType = String(param('taskType'));
	const spec = taskTypeSpec(taskType);
	if (!spec) throw new InputError('Task Type', taskType, 'is not an IoTDA batch task type');
	const targetSource = (spec.targetSources.length === 1 ? spec.targetSources[0] : param('targetSource', spec.targetSources[0])) as TargetSource;
	if (!spec.targetSources.includes(targetSource))
		throw new InputError('Target Source', targetSource, `is not available for ${spec.value}`);

	const fields = (param('additionalFields', {}) as IDataObject) ?? {};
	const body: IDataObject = { task_name: checkTaskName(param('taskName')), task_type: spec.value };
	const appId = optionalText('App ID', locatorValue(fields.appId));
	if (appId) body.app_id = checkId('App ID', appId, LIMITS.appIdMaxLength);

	if (spec.isUpgrade) {
		if (fields.gatewayMode === true) body.task_mode = 'GATEWAY';
		if (fields.needConfirm === true) body.need_confirm = true;
		if (fields.taskExtInfo !== undefined && fields.taskExtInfo !== '') {
			const ext = parseJsonObject('Task Extra Info', fields.taskExtInfo);
			const size = JSON.stringify(ext).length;
			if (size > LIMITS.taskExtInfoMaxLength)
				throw new InputError('Task Extra Info', ext, `must be at most ${LIMITS.taskExtInfoMaxLength} characters of JSON (is ${size})`);
			body.task_ext_info = ext as IDataObject;
		}
	}

	const documentJson = fields.documentJson;
	const document =
		documentJson !== undefined && documentJson !== ''
			? (parseJsonObject('Document (JSON)', documentJson) as IDataObject)
			: buildDocument(spec, param);
	if (document) body.document = document;

	const policy = taskPolicy(fields, timezone, now);
	if (policy) body.task_policy = policy;

	if (targetSource === 'groupIds') {
		const groups = parseIdList('Device Group IDs', param('groupIds', ''), LIMITS.groupIdMaxLength);
		if (groups.length === 0) throw new InputError('Device Group IDs', param('groupIds', ''), 'must name at least one device group');
		body.targets_filter = { group_ids: groups };
	} else if (targetSource === 'file') {
		body.document_source = checkId('Task File ID', requireText('Task File ID', param('fileId')), LIMITS.fileIdMaxLength);
	}
	return { spec, targetSource, body };
}
