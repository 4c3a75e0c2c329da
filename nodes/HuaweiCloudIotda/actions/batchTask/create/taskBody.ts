/**
 * Builds the CreateBatchTask body (everything but the device IDs) from the node's parameters for one
 * item, validating each value against the rules in apiRules.ts before anything is sent. The document comes
 * from its form's module (documents/), the target part from the chosen Target Source (targets/).
 */
import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { IOTDA_TIME_FORMAT } from '../../../helpers/iotdaTime';
import { locatorValue } from '../../../helpers/locatorValue';
import { InputError } from '../../../helpers/inputErrors';
import { LIMITS, taskTypeSpec, type TaskTypeSpec } from '../../../helpers/apiRules';
import {
	checkBoolean,
	checkId,
	checkInteger,
	checkJsonSize,
	checkTaskName,
	isBlank,
	optionalText,
	parseJsonObject,
} from '../../../helpers/validate';
import { buildDocument, documentOverride } from './documents';
import { chosenSource, type TargetSourceModule } from './targets';

/** Reads a node parameter for the item being built (`getNodeParameter(name, i, fallback)`). */
export type ParamReader = (name: string, fallback?: unknown) => unknown;

export interface TaskTemplate {
	spec: TaskTypeSpec;
	/** The Target Source the item chose (targets/). */
	source: TargetSourceModule;
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
	if (checkBoolean('Gateway Mode', fields.gatewayMode, false)) out.task_mode = 'GATEWAY';
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

/**
 * The task template of one item: the body without `targets`, its task type and Target Source. Throws
 * InputError naming the first bad field, before any request.
 */
export function buildTaskTemplate(
	param: ParamReader,
	timezone: string,
	now: DateTime,
): TaskTemplate {
	const taskType = String(param('taskType'));
	const spec = taskTypeSpec(taskType);
	if (!spec) throw new InputError('Task Type', taskType, 'is not an IoTDA batch task type');
	const source = chosenSource(spec, param);

	const fields = (param('additionalFields', {}) as IDataObject) ?? {};
	const body: IDataObject = { task_name: checkTaskName(param('taskName')), task_type: spec.value };
	const appId = optionalText('App ID', locatorValue(fields.appId));
	if (appId) body.app_id = checkId('App ID', appId, LIMITS.appIdMaxLength);

	if (spec.needConfirm && checkBoolean('Need Confirm', fields.needConfirm, false))
		body.need_confirm = true;
	if (spec.isUpgrade) Object.assign(body, upgradeFields(fields));

	const document = documentOverride(spec, param, fields.documentJson) ?? buildDocument(spec, param);
	if (document) body.document = document;

	const policy = taskPolicy(fields, timezone, now);
	if (policy) body.task_policy = policy;

	Object.assign(body, source.bodyPart?.(param));
	return { spec, source, body };
}
