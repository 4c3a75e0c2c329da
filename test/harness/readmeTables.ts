/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * The task-type table of README.md, the option-combination table of docs/operations.md and the limits table of
 * docs/limits.md, generated from
 * nodes/.../helpers/apiRules.ts (the one source of those facts). `npm run docs` rewrites them between their
 * `<!-- name:start -->` / `<!-- name:end -->` markers; test/readme.test.ts fails when a file is stale.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import {
	LIMITS,
	TASK_TYPES,
	type TaskTypeSpec,
} from '../../nodes/HuaweiCloudIotda/helpers/apiRules';
import { CREATE_OPTION_RULES } from '../../nodes/HuaweiCloudIotda/actions/batchTask/create/createOptionRules';
import { sourcesFor } from '../../nodes/HuaweiCloudIotda/actions/batchTask/create/targets';

const DOCUMENT_FORMS = {
	upgrade:
		'Packages (one or more OTA package IDs → `document.package_ids: [ids]`; one package is retried as `package_id` on a 400)',
	command: 'Command Parameters (JSON); Service ID and Command Name optional',
	asyncCommand:
		'Command Parameters, Send Strategy, Expire Time; Service ID and Command Name optional',
	message:
		'Message, Message Options (ID, name, encoding, payload format, topic / full topic, TTL 0–1440, MQTT 5 properties)',
	shadow: 'Shadow Updates: Service ID + Desired Properties (JSON), Version — repeatable',
	none: '—',
} as const;

function upgradeFields(t: TaskTypeSpec): string {
	if (t.isUpgrade) return 'Gateway Mode, Need Confirm, Task Extra Info; Stop/Retry/Confirm';
	return t.needConfirm ? 'Need Confirm; Confirm' : '—';
}

export function taskTypeTable(): string {
	const rows = TASK_TYPES.map(
		(t) =>
			`| ${t.name} | \`${t.value}\` | ${sourcesFor(t)
				.map((s) => s.option.name)
				.join(
					', ',
				)} | ${DOCUMENT_FORMS[t.document]} | ${upgradeFields(t)} | ${t.stageable ? 'yes' : 'no'} |`,
	);
	return [
		'| Task type | `task_type` | Targets | Form fields | Upgrade-only fields | Staged rollout |',
		'| --- | --- | --- | --- | --- | --- |',
		...rows,
	].join('\n');
}

const LIMIT_TEXT: Record<keyof typeof LIMITS, string> = {
	maxTargets: 'device IDs per task (more are split into tasks `_1`, `_2`, …)',
	taskNameMaxLength: 'characters in a task name (Chinese characters, letters, digits, `_`)',
	deviceIdMaxLength: 'characters in a device ID (letters, digits, `-`, `_`)',
	appIdMaxLength: 'characters in an App ID (resource space)',
	packageIdMaxLength: 'characters in an OTA package ID',
	fileIdMaxLength: 'characters in a task file ID',
	groupIdMaxLength: 'characters in a device group ID',
	taskExtInfoMaxLength: 'characters of Task Extra Info JSON',
	retryCountMax: 'retries per device (Retry Count; only with Retry Interval)',
	retryIntervalMaxMinutes: 'minutes of Retry Interval (only with Retry Count)',
	scheduleMaxDaysAhead: 'days ahead for Schedule Time (must be in the future)',
	targetsPerControlCall: 'device IDs per Stop/Retry/Confirm call (more are sent in chunks)',
	reportedUnfinishedTasksPerApp:
		'unfinished tasks per resource space, as often quoted — **no Huawei source states it**; the node does not check it unless Options → Max Tasks per Run is set',
	shadowMaxServices: 'services in one shadow update (each service ID at most once)',
	shadowMaxLength: 'characters of shadow update JSON',
	commandServiceIdMaxLength: 'characters in a service ID',
	commandNameMaxLength: 'characters in a command name',
	asyncCommandMaxExpireSeconds: 'seconds of Expire Time for delayed async commands',
	messageIdMaxLength: 'characters in a message ID',
	messageNameMaxLength: 'characters in a message name',
	messageTtlMaxMinutes: 'minutes of message TTL (0 = not cached)',
	messageTtlStepMinutes: 'minutes: a message TTL is a multiple of this',
	messagePropertyMaxLength: 'characters of a message’s MQTT 5 correlation data / response topic',
	messageUserPropertiesMax: 'MQTT 5 user properties per message',
	pageSizeMax: 'records per page when listing (Return All pages through them)',
	pageOffsetMax:
		'records past the last page marker the node can still read by `offset` when IoTDA sends a page without a marker; beyond it the node fails with how many it read',
	taskFileNameMaxLength: 'characters in an uploaded task file name',
};

export function limitsTable(): string {
	const keys = Object.keys(LIMITS) as Array<keyof typeof LIMITS>;
	return [
		'| Limit | Meaning |',
		'| ---: | --- |',
		...keys.map((k) => `| ${LIMITS[k].toLocaleString('en-US')} | ${LIMIT_TEXT[k]} |`),
	].join('\n');
}

/** Which Create options combine with which settings: the rules the form and the validator both apply. */
export function optionRulesTable(): string {
	const rows = CREATE_OPTION_RULES.map(
		(r) => `| ${r.label} | ${r.when.map((c) => c.needs).join('; ')} | ${r.why} |`,
	);
	return ['| Option | Only with | Otherwise |', '| --- | --- | --- |', ...rows].join('\n');
}

/** Which generated tables live in which file (paths from the repository root). */
export const DOCUMENTS = {
	'README.md': { 'task-types': taskTypeTable },
	'docs/operations.md': { 'option-rules': optionRulesTable },
	'docs/limits.md': { limits: limitsTable },
} as const;

/**
 * `text` (the content of `file`, a key of DOCUMENTS) with each of that file's tables regenerated between its markers.
 * Throws when a marker pair is missing.
 */
export function renderDocument(file: keyof typeof DOCUMENTS, text: string): string {
	let out = text;
	for (const [name, render] of Object.entries(DOCUMENTS[file])) {
		const start = `<!-- ${name}:start -->`;
		const end = `<!-- ${name}:end -->`;
		const from = out.indexOf(start);
		const to = out.indexOf(end);
		if (from < 0 || to < from) throw new Error(`${file} lacks the markers ${start} … ${end}`);
		out = `${out.slice(0, from + start.length)}\n${render()}\n${out.slice(to)}`;
	}
	return out;
}

if (require.main === module) {
	for (const file of Object.keys(DOCUMENTS) as Array<keyof typeof DOCUMENTS>) {
		const path = join(__dirname, '..', '..', file);
		writeFileSync(path, renderDocument(file, readFileSync(path, 'utf8')));
	}
	console.log(`${Object.keys(DOCUMENTS).join(', ')}: tables regenerated from helpers/apiRules.ts`);
}
