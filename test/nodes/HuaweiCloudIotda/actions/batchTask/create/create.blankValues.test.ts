/**
 * What a spreadsheet row or an expression gives for a field the user left empty — `null` (an empty cell in
 * Google Sheets / Excel read through n8n), `''`, or blanks only (`' '`, a tab) — counts as not set on every
 * optional field of Create, as the README promises ("an optional field holding only spaces counts as
 * empty"): the Dry Run body and plan equal those of the same run without the field. Number fields take a
 * number written as text (`"0"` too: Max Tasks per Run 0 = not checked) and refuse anything else — `true`,
 * an array, `Infinity` — naming the field, instead of reading it as some number. Through n8n's engine.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode } from '../../../../../helpers/engine';
import { errorMessage } from '../../../../../helpers/errorItem';

const offline = {
	accessKeyId: 'AK',
	secretAccessKey: 'SK',
	projectId: 'p1',
	region: 'cn-north-4',
	endpoint: 'http://127.0.0.1:9',
};
const base = {
	resource: 'batchTask',
	operation: 'create',
	taskType: 'freezeDevices',
	taskName: 'blank_1',
	deviceIds: 'dev-1, dev-2, dev-3',
};
const command = { ...base, taskType: 'createCommands', commandParameters: '{}' };
const asyncDelay = {
	...base,
	taskType: 'createAsyncCommands',
	commandParameters: '{}',
	sendStrategy: 'delay',
};
const upgrade = { ...base, taskType: 'firmwareUpgrade', packageId: 'pkg-1' };
const message = { ...base, taskType: 'createMessages', message: 'hi' };
const wait = { waitForCompletion: true };
const rollout = { waitForCompletion: true, rolloutWaves: '1, 3' };

/** The Dry Run items (body and plan) of a run, or its error message. */
async function dryRun(parameters: IDataObject): Promise<IDataObject[] | string> {
	const withDryRun = {
		...parameters,
		options: { ...((parameters.options as IDataObject | undefined) ?? {}), dryRun: true },
	};
	const out = await runNode({
		parameters: withDryRun as INodeParameters,
		credentials: offline,
		continueOnFail: true,
	});
	if (out.some((o) => o.json.error !== undefined)) return errorMessage(out[0]);
	return out.map((o) => ({ body: o.json.body, then: o.json.then }));
}

/** [label, parameters without the field, the field's collection, the field's keys] */
const OPTIONAL_FIELDS: Array<
	[string, IDataObject, 'additionalFields' | 'options' | 'messageOptions' | '', string[]]
> = [
	['Retry Count + Retry Interval', base, 'additionalFields', ['retryCount', 'retryInterval']],
	['Schedule Time', base, 'additionalFields', ['scheduleTime']],
	['Task Extra Info', upgrade, 'additionalFields', ['taskExtInfo']],
	['Document (JSON)', command, 'additionalFields', ['documentJson']],
	['TTL (Minutes)', message, 'messageOptions', ['ttl']],
	['Expire Time', asyncDelay, '', ['expireTime']],
	[
		'Timeout, Max Attempts, Max Retry Time',
		base,
		'options',
		['timeout', 'maxAttempts', 'maxRetrySeconds'],
	],
	[
		'Poll Interval + Max Wait',
		{ ...command, options: wait },
		'options',
		['pollInterval', 'maxWait'],
	],
	['Max Tasks per Run', base, 'options', ['maxTasks']],
	[
		'Success Threshold + Pause Between Waves',
		{ ...command, options: rollout },
		'options',
		['successThreshold', 'pauseBetweenWaves'],
	],
];

function withField(
	parameters: IDataObject,
	collection: string,
	keys: string[],
	value: unknown,
): IDataObject {
	const expression = `={{ ${JSON.stringify(value)} }}`;
	const fields = Object.fromEntries(keys.map((k) => [k, expression]));
	if (!collection) return { ...parameters, ...fields };
	return {
		...parameters,
		[collection]: { ...((parameters[collection] as IDataObject) ?? {}), ...fields },
	};
}

describe('Create: an empty cell, "" or blanks in an optional field counts as not set', () => {
	const cases = OPTIONAL_FIELDS.flatMap(([label, parameters, collection, keys]) =>
		[null, '', ' ', '\t '].map(
			(value) => [label, JSON.stringify(value), parameters, collection, keys, value] as const,
		),
	);
	it.each(cases)('%s given %s', async (_label, _shown, parameters, collection, keys, value) => {
		const without = await dryRun(parameters);
		expect(typeof without).not.toBe('string');
		expect(await dryRun(withField(parameters, collection, keys, value))).toEqual(without);
	});
});

describe('Create: number options read as numbers, or refused naming the field', () => {
	it('Max Tasks per Run "0" (text, as a spreadsheet gives it) is 0: not checked', async () => {
		expect(await dryRun(withField(base, 'options', ['maxTasks'], '0'))).toEqual(await dryRun(base));
	});

	it.each([
		['Poll Interval (Seconds)', 'pollInterval', true],
		['Poll Interval (Seconds)', 'pollInterval', [5]],
		['Poll Interval (Seconds)', 'pollInterval', 'soon'],
		['Max Wait (Minutes)', 'maxWait', 'Infinity'],
		['Max Wait (Minutes)', 'maxWait', true],
		['Max Wait (Minutes)', 'maxWait', 0],
	])('%s (%s) given %j is refused', async (field, key, value) => {
		const message = await dryRun(withField({ ...command, options: wait }, 'options', [key], value));
		expect(message).toEqual(
			expect.stringMatching(
				new RegExp(`^${field.replace(/[()]/g, '\\$&')} must be .* \\[item 0\\]$`),
			),
		);
	});

	it('numbers written as text still count: Poll Interval "5", Max Wait " 2 "', async () => {
		const plan = await dryRun({
			...command,
			options: { ...wait, pollInterval: '={{ "5" }}', maxWait: '={{ " 2 " }}' },
		});
		expect((plan as IDataObject[])[0].then).toMatchObject({
			wait: { poll_interval_seconds: 5, max_wait_minutes: 2 },
		});
	});
});
