/**
 * Turns the rollout's parameters (rollout.description.ts) into checked RolloutSettings before anything is
 * sent; every bad value is an InputError naming its field.
 */
import type { IDataObject } from 'n8n-workflow';

import { LIMITS, PATTERN_TEXT, PATTERNS } from '../../helpers/apiRules';
import { parseIdList } from '../../helpers/idList';
import { InputError } from '../../helpers/inputErrors';
import {
	checkBoolean,
	checkInteger,
	checkNumber,
	checkTaskName,
	requireText,
} from '../../helpers/validate';
import {
	haltTaskName,
	MAX_DEVICES_PER_WAVE,
	parseWavePlan,
	waveTaskName,
	type RolloutSettings,
} from './plan';
import { checkWindow, type MaintenanceWindow } from './window';

/** Reads one parameter of the item (`getNodeParameter(name, i, fallback)`). */
export type ParamReader = (name: string, fallback?: unknown) => unknown;

function packageIds(value: unknown): string[] {
	// Package IDs are IDs without underscores (GO model_ota_package_info.go), a subset of PATTERNS.id.
	const ids = parseIdList('Package IDs', value, LIMITS.packageIdMaxLength);
	if (!ids.length) throw new InputError('Package IDs', value, 'needs at least one package ID');
	const bad = ids.find((id) => !PATTERNS.packageId.test(id));
	if (bad) throw new InputError('Package IDs', bad, `may contain ${PATTERN_TEXT.packageId}`);
	return [...new Set(ids)];
}

/** The form's weekday values, 1 (Monday) … 7 (Sunday); a name or other text from an expression is refused. */
function weekdays(value: unknown): number[] {
	const days = Array.isArray(value) ? value.map(Number) : value === undefined ? [] : [NaN];
	if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
		throw new InputError('Maintenance Window Weekdays', value, 'must be 1 (Monday) to 7 (Sunday)');
	return days;
}

function windowOf(value: unknown, timezone: string): MaintenanceWindow | undefined {
	const fields = (value ?? {}) as IDataObject;
	if (!Object.keys(fields).length) return undefined;
	// The form's defaults (0 and 4) for hours not added; a value an expression left empty is refused.
	return checkWindow({
		weekdays: weekdays(fields.weekdays),
		startHour: checkInteger('Window Start Hour', fields.startHour ?? 0, 0, 23),
		endHour: checkInteger('Window End Hour', fields.endHour ?? 4, 1, 24),
		timezone,
	});
}

/** An options field's value: one of `values` (n8n does not check a value an expression gives). */
function oneOf<T extends string>(field: string, value: unknown, values: readonly T[]): T {
	if (values.includes(value as T)) return value as T;
	throw new InputError(field, value, `must be one of ${values.join(', ')}`);
}

function taskType(value: unknown): RolloutSettings['taskType'] {
	if (value === 'firmwareUpgrade' || value === 'softwareUpgrade') return value;
	throw new InputError(
		'Task Type',
		value,
		'must be Firmware Upgrade or Software Upgrade (IoTDA can stop only these)',
	);
}

/**
 * The checked settings of one item. `timezone` is the workflow's (IANA). The longest task name the rollout
 * makes (`<name>_halt`, `<name>_w999999`) is checked against IoTDA's 128 characters here, not at wave 7.
 */
export function readSettings(param: ParamReader, timezone: string): RolloutSettings {
	const name = checkTaskName(param('rolloutName'));
	waveTaskName(name, 999999);
	haltTaskName(name);
	const requireApproval = checkBoolean(
		'Require Approval Before Each Wave',
		param('requireApproval', false),
		false,
	);
	const approve = requireApproval
		? checkInteger('Approve Wave', param('approveWave', 0), 0, 999999)
		: 0;
	return {
		name,
		taskType: taskType(param('taskType')),
		packageIds: packageIds(param('packageIds')),
		targetVersion: requireText('Target Version', param('targetVersion')),
		waves: parseWavePlan(requireText('Wave Plan', param('wavePlan'))),
		soakMs: checkNumber('Minimum Soak Time (Hours)', param('soakHours', 24), 0) * 3600_000,
		thresholdPercent: checkInteger('Success Threshold (%)', param('thresholdPercent', 95), 0, 100),
		judgeOn: oneOf('Count as Succeeded', param('judgeOn', 'verified'), [
			'verified',
			'subTaskStatus',
		] as const),
		// 0 (the form's default) sets no cap of the operator's own: IoTDA's per-task limit remains.
		maxDevicesPerWave:
			checkInteger(
				'Max Devices per Wave',
				param('maxDevicesPerWave', 0),
				0,
				MAX_DEVICES_PER_WAVE,
			) || MAX_DEVICES_PER_WAVE,
		window: windowOf(param('maintenanceWindow', {}), timezone),
		requireApproval,
		approveWave: approve > 0 ? approve : undefined,
		stopOnMissedThreshold:
			oneOf('When a Wave Misses the Threshold', param('onMissedThreshold', 'haltAndStop'), [
				'haltAndStop',
				'halt',
			]) === 'haltAndStop',
	};
}
