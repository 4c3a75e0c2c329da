/**
 * Builds the CreateBatchTask body (everything but the device IDs) from the node's parameters for one
 * item, validating each value against the rules in apiRules.ts before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { IOTDA_TIME_FORMAT } from './iotdaTime';
import { locatorValue } from './locatorValue';
import { parseIdList, uniqueInOrder } from './idList';
import { InputError } from './inputErrors';
import {
	DOCUMENT_KEYS,
	LIMITS,
	PATTERN_TEXT,
	PATTERNS,
	taskTypeSpec,
	type DocumentForm,
	type TargetSource,
	type TaskTypeSpec,
} from './apiRules';
import {
	checkId,
	checkInteger,
	checkJsonSize,
	checkLength,
	checkTaskName,
	isBlank,
	optionalInteger,
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
function toIotdaTime(time: DateTime): string {
	return time.toUTC().toFormat(IOTDA_TIME_FORMAT);
}

/** ISO 8601 (`2026-12-01T10:00`), else the SQL form spreadsheets and databases write (`2026-12-01 10:00:00`). */
function parseTimeText(text: string, timezone: string): DateTime {
	const iso = DateTime.fromISO(text, { zone: timezone });
	return iso.isValid ? iso : DateTime.fromSQL(text, { zone: timezone });
}

function parseScheduleTime(value: unknown, timezone: string, now: DateTime): string {
	let time: DateTime;
	if (value instanceof Date) time = DateTime.fromJSDate(value);
	else if (DateTime.isDateTime(value)) time = value;
	else if (typeof value === 'string' && value.trim()) time = parseTimeText(value.trim(), timezone);
	else throw new InputError('Schedule Time', value, 'must be a date and time');
	if (!time.isValid) throw new InputError('Schedule Time', value, 'is not a valid date and time');
	if (time <= now) throw new InputError('Schedule Time', value, 'must be in the future');
	if (time > now.plus({ days: LIMITS.scheduleMaxDaysAhead }))
		throw new InputError(
			'Schedule Time',
			value,
			`must be at most ${LIMITS.scheduleMaxDaysAhead} days ahead`,
		);
	return toIotdaTime(time);
}

/**
 * The upgrade document `{"package_ids": ["<OTA package id>", …]}`: the CreateBatchTask request model since
 * GO SDK 0.1.172 / PY 3.1.171 (2025-10) names `package_ids` (an array); the older `package_id` string is
 * only on the older doc page (audit row 3) and is sent only as a retry (createOrReuseTask). The field takes
 * one or several ids (multi-select, an expression, a JSON list); each must be ≤36 letters, digits and `-`
 * (GO model_ota_package_info.go, audit row 29). Repeats are dropped. Throws InputError naming "Package IDs".
 */
function upgradeDocument(param: ParamReader): IDataObject {
	const raw = param('packageId', []);
	const ids = uniqueInOrder(parseIdList(PACKAGE_FIELD, raw, LIMITS.packageIdMaxLength));
	if (ids.length === 0) throw new InputError(PACKAGE_FIELD, raw, 'is required');
	for (const id of ids)
		if (!PATTERNS.packageId.test(id))
			throw new InputError(PACKAGE_FIELD, id, `may contain ${PATTERN_TEXT.packageId}`);
	return { package_ids: ids };
}

const PACKAGE_FIELD = 'Package IDs';

/**
 * DeviceCommandRequest / AsyncDeviceCommandRequest (GO model_device_command_request.go,
 * model_async_device_command_request.go): only `paras` is required; `service_id` (≤64) and `command_name`
 * (≤128) are optional (needed only for devices that use a codec, audit row 17). Async commands always carry
 * `send_strategy` (`immediately` | `delay`, no omitempty in the model); `expire_time` (0–172,800 s) only with
 * `delay`, where it means something.
 */
function commandDocument(param: ParamReader, isAsync: boolean): IDataObject {
	const document: IDataObject = {};
	const serviceId = optionalText('Service ID', param('serviceId'));
	if (serviceId)
		document.service_id = checkLength('Service ID', serviceId, LIMITS.commandServiceIdMaxLength);
	const commandName = optionalText('Command Name', param('commandName'));
	if (commandName)
		document.command_name = checkLength('Command Name', commandName, LIMITS.commandNameMaxLength);
	document.paras = parseJsonObject('Command Parameters', param('commandParameters', '{}'));
	if (isAsync) {
		const strategy = String(param('sendStrategy', 'immediately'));
		if (strategy !== 'immediately' && strategy !== 'delay')
			throw new InputError('Send Strategy', strategy, 'must be immediately or delay');
		document.send_strategy = strategy;
		if (strategy === 'delay') {
			document.expire_time = optionalInteger(
				'Expire Time',
				param('expireTime', 86400),
				86400,
				0,
				LIMITS.asyncCommandMaxExpireSeconds,
			);
		}
	}
	return document;
}

/** A text that must match `pattern` (described by `what`) and be at most `max` characters, when given. */
function optionalMatching(
	field: string,
	value: unknown,
	max: number,
	pattern: RegExp,
	what: string,
): string | undefined {
	const text = optionalText(field, value);
	if (text === undefined) return undefined;
	checkLength(field, text, max);
	if (!pattern.test(text)) throw new InputError(field, text, `may contain ${what}`);
	return text;
}

/**
 * MQTT 5.0 `properties` of a message (GO model_properties_dto.go, model_user_prop_dto.go):
 * `correlation_data` ≤128 `[A-Za-z0-9_-]`, `response_topic` ≤128 letters, digits and `_-?=$#+/`,
 * `user_properties` ≤20 of `{prop_key ≤128 [A-Za-z0-9_-], prop_value ≤128 (message-name characters and space)}`.
 */
function messageProperties(options: IDataObject): IDataObject | undefined {
	const max = LIMITS.messagePropertyMaxLength;
	const mqtt: IDataObject = {};
	const correlation = optionalMatching(
		'Correlation Data',
		options.correlationData,
		max,
		PATTERNS.id,
		PATTERN_TEXT.id,
	);
	if (correlation) mqtt.correlation_data = correlation;
	const responseTopic = optionalMatching(
		'Response Topic',
		options.responseTopic,
		max,
		/^[A-Za-z0-9_\-?=$#+/]+$/,
		'only letters, digits and _-?=$#+/',
	);
	if (responseTopic) mqtt.response_topic = responseTopic;
	const entries =
		((options.userProperties as IDataObject | undefined)?.property as IDataObject[] | undefined) ??
		[];
	if (entries.length > LIMITS.messageUserPropertiesMax)
		throw new InputError(
			'User Properties',
			entries.length,
			`may hold at most ${LIMITS.messageUserPropertiesMax} properties`,
		);
	const user = entries.map((entry) => ({
		prop_key: checkId('User Property Key', requireText('User Property Key', entry.key), max),
		prop_value:
			optionalMatching(
				'User Property Value',
				entry.value,
				max,
				/^[\u4e00-\u9fa5A-Za-z0-9_? '#().,&%@!-]+$/,
				PATTERN_TEXT.messageName + ' and spaces',
			) ?? '',
	}));
	if (user.length) mqtt.user_properties = user;
	return Object.keys(mqtt).length ? mqtt : undefined;
}

/**
 * DeviceMessageRequest (GO model_device_message_request.go): `message` required; `name` ≤128 of the
 * documented characters (audit row 30); `ttl` a multiple of 5 up to 1440 minutes, where 0 = not cached
 * (audit row 15); `topic` and `topic_full_name` exclusive; MQTT 5 `properties` (messageProperties).
 */
function messageDocument(param: ParamReader): IDataObject {
	const raw = param('message');
	const message = typeof raw === 'object' && raw !== null ? raw : requireText('Message', raw);
	const options = (param('messageOptions', {}) as IDataObject) ?? {};
	const document: IDataObject = { message: message as IDataObject };
	const messageId = optionalText('Message ID', options.messageId);
	if (messageId) document.message_id = checkId('Message ID', messageId, LIMITS.messageIdMaxLength);
	const name = optionalMatching(
		'Message Name',
		options.name,
		LIMITS.messageNameMaxLength,
		PATTERNS.messageName,
		PATTERN_TEXT.messageName,
	);
	if (name) document.name = name;
	if (options.encoding) document.encoding = options.encoding;
	if (options.payloadFormat) document.payload_format = options.payloadFormat;
	const topic = optionalText('Topic', options.topic);
	const topicFullName = optionalText('Topic Full Name', options.topicFullName);
	if (topic && topicFullName)
		throw new InputError('Topic Full Name', topicFullName, 'cannot be used together with Topic');
	if (topic) document.topic = topic;
	if (topicFullName) document.topic_full_name = topicFullName;
	if (!isBlank(options.ttl)) {
		const ttl = checkInteger('TTL (Minutes)', options.ttl, 0, LIMITS.messageTtlMaxMinutes);
		if (ttl % LIMITS.messageTtlStepMinutes !== 0)
			throw new InputError(
				'TTL (Minutes)',
				options.ttl,
				`must be a multiple of ${LIMITS.messageTtlStepMinutes} (0 = not cached)`,
			);
		document.ttl = ttl;
	}
	const properties = messageProperties(options);
	if (properties) document.properties = properties;
	return document;
}

/**
 * `{shadow: [{service_id, desired, version?}]}` (GO model_create_batch_task.go document text,
 * model_update_desired.go): at most 5 services, **each service_id once** (audit row 1), ≤10K of JSON;
 * `version` is sent whenever given, 0 included — it is a real version, the first (audit row 16).
 */
function shadowDocument(param: ParamReader): IDataObject {
	const entries = ((param('shadows', {}) as IDataObject).shadow as IDataObject[] | undefined) ?? [];
	if (entries.length === 0)
		throw new InputError('Shadow Updates', entries, 'must contain at least one service');
	const seen = new Set<unknown>();
	const shadow = entries.map((entry) => {
		const item: IDataObject = {
			service_id: checkLength(
				'Shadow Service ID',
				requireText('Shadow Service ID', entry.serviceId),
				LIMITS.commandServiceIdMaxLength,
			),
			desired: parseJsonObject('Desired Properties', entry.desired) as IDataObject,
		};
		if (seen.has(item.service_id))
			throw new InputError(
				'Shadow Service ID',
				item.service_id,
				'appears more than once; IoTDA takes each service once per shadow update',
			);
		seen.add(item.service_id);
		if (!isBlank(entry.version))
			item.version = checkInteger('Shadow Version', entry.version, 0, Number.MAX_SAFE_INTEGER);
		return item;
	});
	if (shadow.length > LIMITS.shadowMaxServices)
		throw new InputError(
			'Shadow Updates',
			shadow.map((s) => s.service_id),
			`may name at most ${LIMITS.shadowMaxServices} services`,
		);
	checkJsonSize('Shadow Updates', shadow, LIMITS.shadowMaxLength);
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

/**
 * The form fields that build each form of document, with their unset values: [parameter, label, unset
 * values]. A field holding one of them (or nothing) is not "set"; Packages is a multi-select whose default is
 * `[]` (an expression may give '').
 */
const DOCUMENT_FIELDS: Record<
	DocumentForm,
	ReadonlyArray<readonly [string, string, readonly unknown[]]>
> = {
	upgrade: [['packageId', PACKAGE_FIELD, ['', []]]],
	command: [
		['serviceId', 'Service ID', ['']],
		['commandName', 'Command Name', ['']],
		['commandParameters', 'Command Parameters', ['{}']],
	],
	asyncCommand: [
		['serviceId', 'Service ID', ['']],
		['commandName', 'Command Name', ['']],
		['commandParameters', 'Command Parameters', ['{}']],
		['sendStrategy', 'Send Strategy', ['immediately']],
	],
	message: [
		['message', 'Message', ['']],
		['messageOptions', 'Message Options', [{}]],
	],
	shadow: [['shadows', 'Shadow Updates', [{}]]],
	none: [],
};

/**
 * A hand-written upgrade document names its packages as the form does (audit rows 3, 29): `package_ids` a
 * non-empty list of package IDs, `package_id` one; each ≤36 letters, digits and `-`. Without this check a
 * typo such as `"package_ids": "pkg-1"` would reach IoTDA and, not being a list, skip the package_id retry.
 */
function checkDocumentPackages(document: IDataObject): void {
	const field = (key: string) => `Document (JSON) ${key}`;
	const checkPackage = (key: string, id: unknown) => {
		if (typeof id !== 'string' || !id)
			throw new InputError(field(key), id, 'must hold package IDs (text)');
		checkLength(field(key), id, LIMITS.packageIdMaxLength);
		if (!PATTERNS.packageId.test(id))
			throw new InputError(field(key), id, `may contain ${PATTERN_TEXT.packageId}`);
	};
	if ('package_ids' in document) {
		const ids = document.package_ids;
		if (!Array.isArray(ids) || ids.length === 0)
			throw new InputError(field('package_ids'), ids, 'must be a list of package IDs');
		for (const id of ids) checkPackage('package_ids', id);
	}
	if ('package_id' in document) checkPackage('package_id', document.package_id);
}

/**
 * Keys a hand-written document must hold (each inner list: one of them): the required fields of the request
 * models — GO model_create_batch_task.go document text (package_ids; package_id on older servers),
 * model_device_command_request.go (paras), model_async_device_command_request.go (paras, send_strategy),
 * model_device_message_request.go (message), shadow (shadow).
 */
const REQUIRED_DOCUMENT_KEYS: Record<DocumentForm, string[][]> = {
	upgrade: [['package_ids', 'package_id']],
	command: [['paras']],
	asyncCommand: [['paras'], ['send_strategy']],
	message: [['message']],
	shadow: [['shadow']],
	none: [],
};

/**
 * Whether Additional Fields → Document (JSON) is left as added: nothing, blank (validate.ts isBlank) or `{}` (the
 * field's default).
 * Such a value never replaces the form's document (audit row 2) and counts as not set. Throws InputError
 * when the text is not a JSON object.
 */
export function isUntouchedDocument(value: unknown): boolean {
	if (isBlank(value)) return true;
	return Object.keys(parseJsonObject('Document (JSON)', value)).length === 0;
}

/**
 * Document (JSON) replaces the document the form builds. In this order (InputError naming it):
 * an untouched value is ignored (undefined: the form's document is sent, audit row 2); refused when a form
 * field of that document is also set — that field would be dropped — or when it carries a key only another
 * task type's document has (DOCUMENT_KEYS, e.g. `package_ids` on a command task); refused without the request
 * model's required keys (REQUIRED_DOCUMENT_KEYS) and for task types that take no document (GO/PY
 * create_batch_task `document`, audit row 13).
 */
function documentOverride(
	spec: TaskTypeSpec,
	param: ParamReader,
	raw: unknown,
): IDataObject | undefined {
	if (isUntouchedDocument(raw)) return undefined;
	const document = parseJsonObject('Document (JSON)', raw) as IDataObject;
	for (const [name, label, unset] of DOCUMENT_FIELDS[spec.document]) {
		const value = param(name, unset[0]);
		if (
			value !== undefined &&
			value !== null &&
			!unset.some((u) => JSON.stringify(u) === JSON.stringify(value))
		)
			throw new InputError(
				'Document (JSON)',
				raw,
				`replaces the document the form builds, so ${label} would be ignored; clear ${label} or remove Document (JSON)`,
			);
	}
	const own = spec.document === 'none' ? [] : DOCUMENT_KEYS[spec.document];
	const foreign = Object.keys(document).filter(
		(key) => !own.includes(key) && Object.values(DOCUMENT_KEYS).some((keys) => keys.includes(key)),
	);
	if (foreign.length)
		throw new InputError(
			'Document (JSON)',
			raw,
			`has ${foreign.join(', ')}, which a ${spec.name} task does not take (IoTDA would not act on it); use the matching Task Type or remove ${foreign.length > 1 ? 'them' : 'it'}`,
		);
	const missing = REQUIRED_DOCUMENT_KEYS[spec.document].filter(
		(keys) => !keys.some((key) => key in document),
	);
	if (missing.length)
		throw new InputError(
			'Document (JSON)',
			raw,
			`must contain ${missing.map((keys) => keys.join(' or ')).join(' and ')} for ${spec.value}`,
		);
	if (spec.document === 'none')
		throw new InputError(
			'Document (JSON)',
			raw,
			`is not taken by ${spec.value} (it has no document)`,
		);
	if (spec.document === 'upgrade') checkDocumentPackages(document);
	return document;
}

function taskPolicy(fields: IDataObject, timezone: string, now: DateTime): IDataObject | undefined {
	const policy: IDataObject = {};
	if (!isBlank(fields.scheduleTime))
		policy.schedule_time = parseScheduleTime(fields.scheduleTime, timezone, now);
	const hasCount = !isBlank(fields.retryCount);
	const hasInterval = !isBlank(fields.retryInterval);
	if (hasCount !== hasInterval)
		throw new InputError(
			hasCount ? 'Retry Interval (Minutes)' : 'Retry Count',
			hasCount ? fields.retryCount : fields.retryInterval,
			'is required together with ' + (hasCount ? 'Retry Count' : 'Retry Interval (Minutes)'),
		);
	if (hasCount) {
		policy.retry_count = checkInteger('Retry Count', fields.retryCount, 1, LIMITS.retryCountMax);
		policy.retry_interval = checkInteger(
			'Retry Interval (Minutes)',
			fields.retryInterval,
			1,
			LIMITS.retryIntervalMaxMinutes,
		);
	}
	return Object.keys(policy).length ? policy : undefined;
}

/**
 * `task_mode` and `task_ext_info` of a firmware/software upgrade (CreateBatchTask model: `task_mode` "GATEWAY",
 * `task_ext_info` an object of at most LIMITS.taskExtInfoMaxLength characters of JSON). Throws InputError.
 */
function upgradeFields(fields: IDataObject): IDataObject {
	const out: IDataObject = {};
	if (fields.gatewayMode === true) out.task_mode = 'GATEWAY';
	if (!isBlank(fields.taskExtInfo)) {
		const ext = parseJsonObject('Task Extra Info', fields.taskExtInfo);
		out.task_ext_info = checkJsonSize(
			'Task Extra Info',
			ext,
			LIMITS.taskExtInfoMaxLength,
		) as IDataObject;
	}
	return out;
}

export function buildTaskTemplate(
	param: ParamReader,
	timezone: string,
	now: DateTime,
): TaskTemplate {
	const taskType = String(param('taskType'));
	const spec = taskTypeSpec(taskType);
	if (!spec) throw new InputError('Task Type', taskType, 'is not an IoTDA batch task type');
	const targetSource = (
		spec.targetSources.length === 1
			? spec.targetSources[0]
			: param('targetSource', spec.targetSources[0])
	) as TargetSource;
	if (!spec.targetSources.includes(targetSource))
		throw new InputError('Target Source', targetSource, `is not available for ${spec.value}`);

	const fields = (param('additionalFields', {}) as IDataObject) ?? {};
	const body: IDataObject = { task_name: checkTaskName(param('taskName')), task_type: spec.value };
	const appId = optionalText('App ID', locatorValue(fields.appId));
	if (appId) body.app_id = checkId('App ID', appId, LIMITS.appIdMaxLength);

	if (spec.needConfirm && fields.needConfirm === true) body.need_confirm = true;
	if (spec.isUpgrade) Object.assign(body, upgradeFields(fields));

	const document = documentOverride(spec, param, fields.documentJson) ?? buildDocument(spec, param);
	if (document) body.document = document;

	const policy = taskPolicy(fields, timezone, now);
	if (policy) body.task_policy = policy;

	if (targetSource === 'groupIds') {
		const groups = parseIdList('Device Group IDs', param('groupIds', ''), LIMITS.groupIdMaxLength);
		if (groups.length === 0)
			throw new InputError(
				'Device Group IDs',
				param('groupIds', ''),
				'must name at least one device group',
			);
		body.targets_filter = { group_ids: groups };
	} else if (targetSource === 'file') {
		body.document_source = checkId(
			'Task File ID',
			requireText('Task File ID', param('fileId')),
			LIMITS.fileIdMaxLength,
		);
	}
	return { spec, targetSource, body };
}
