/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Batch Task → Create, through n8n's engine: every CreateBatchTask rule is checked before any request: the error names the field, the value and the
 * item, and nothing is sent. The credential points at a closed port, so a request would also fail loudly.
 */
import type { IHttpRequestOptions, INodeParameters } from 'n8n-workflow';

import { itemsWith, runNode } from '../../../../../helpers/engine';

const credentials = {
	accessKeyId: 'AKTESTVALIDATION000',
	secretAccessKey: 'SKTESTVALIDATION0000000000000000',
	projectId: 'p1',
	region: 'cn-north-4',
	endpoint: 'http://127.0.0.1:9',
	signingMode: 'auto',
};

const base: INodeParameters = {
	resource: 'batchTask',
	operation: 'create',
	taskType: 'freezeDevices',
	taskName: 'freeze_1',
	targetSource: 'deviceIds',
	deviceIds: 'dev-001',
};

async function createError(parameters: INodeParameters, items = itemsWith([{}])) {
	const sent: IHttpRequestOptions[] = [];
	const error = await runNode({
		parameters: { ...base, ...parameters },
		items,
		credentials,
		sent,
	}).then(
		() => undefined,
		(e: Error) => e,
	);
	expect(sent).toHaveLength(0);
	if (!error) throw new Error('expected a validation error, got none');
	return error.message;
}

const inDays = (days: number) => new Date(Date.now() + days * 86400000).toISOString();

describe('Create Batch Task validation (nothing is sent)', () => {
	const cases: Array<[string, INodeParameters, RegExp]> = [
		[
			'task name with a hyphen',
			{ taskName: 'fw-rollout' },
			/^Task Name may contain only Chinese characters, letters, digits and underscores: "fw-rollout" \[item 0\]$/,
		],
		['empty task name', { taskName: '  ' }, /^Task Name is required: " {2}" \[item 0\]$/],
		[
			'task name of 129 characters',
			{ taskName: 'a'.repeat(129) },
			/^Task Name must be at most 128 characters: "a{60}… \(129 characters\)" \[item 0\]$/,
		],
		[
			'task name that is an object',
			{ taskName: { a: 1 } },
			/^Task Name must be text: "\{"a":1\}" \[item 0\]$/,
		],
		[
			'device id with a space (array element)',
			{ deviceIds: ['dev 1'] },
			/^Device IDs may contain only letters, digits, hyphens and underscores: "dev 1" \[item 0\]$/,
		],
		[
			'device id with a #',
			{ deviceIds: 'dev-1,dev#2' },
			/^Device IDs may contain only letters, digits, hyphens and underscores: "dev#2" \[item 0\]$/,
		],
		[
			'device id of 129 characters',
			{ deviceIds: 'd'.repeat(129) },
			/^Device IDs must be at most 128 characters/,
		],
		[
			'empty target list',
			{ deviceIds: ' , ;\n' },
			/^Device IDs must contain at least one device ID: " , ;\\n" \[item 0\]$/,
		],
		[
			'device ids from an expression that resolved to an object',
			{ deviceIds: '={{ ({ id: "dev-1" }) }}' },
			/^Device IDs must be a list of IDs \(text or an array\): "\{"id":"dev-1"\}" \[item 0\]$/,
		],
		[
			'device ids array holding an object',
			{ deviceIds: '={{ ["dev-1", { id: 2 }] }}' },
			/^Device IDs must contain only text IDs: "\{"id":2\}" \[item 0\]$/,
		],
		[
			'30,001 ids in per-item mode',
			{ batchMode: 'perItem', deviceIds: Array.from({ length: 30001 }, (_, i) => `d${i}`) },
			/^Device IDs must contain at most 30000 devices per task \(has 30001\).*\[item 0\]$/,
		],
		[
			'schedule 8 days out',
			{ additionalFields: { scheduleTime: inDays(8) } },
			/^Schedule Time must be at most 7 days ahead: ".*" \[item 0\]$/,
		],
		[
			'schedule in the past',
			{ additionalFields: { scheduleTime: inDays(-1) } },
			/^Schedule Time must be in the future/,
		],
		[
			'schedule that is not a date',
			{ additionalFields: { scheduleTime: 'tomorrow' } },
			/^Schedule Time is not a valid date and time: "tomorrow"/,
		],
		[
			'retry count without interval',
			{ additionalFields: { retryCount: 3 } },
			/^Retry Interval \(Minutes\) is required together with Retry Count/,
		],
		[
			'retry interval without count',
			{ additionalFields: { retryInterval: 10 } },
			/^Retry Count is required together with Retry Interval/,
		],
		[
			'retry count 6',
			{ additionalFields: { retryCount: 6, retryInterval: 10 } },
			/^Retry Count must be between 1 and 5: "6"/,
		],
		[
			'retry interval 1441',
			{ additionalFields: { retryCount: 1, retryInterval: 1441 } },
			/^Retry Interval \(Minutes\) must be between 1 and 1440: "1441"/,
		],
		[
			'app id with a dot',
			{ additionalFields: { appId: 'app.1' } },
			/^App ID may contain only letters, digits, hyphens and underscores: "app.1"/,
		],
		[
			'app id of 37 characters',
			{ additionalFields: { appId: 'a'.repeat(37) } },
			/^App ID must be at most 36 characters/,
		],
		// Document (JSON) is shown only for task types with a document; n8n drops it for Freeze Devices.
		[
			'document JSON that is not JSON',
			{ taskType: 'firmwareUpgrade', packageId: 'p1', additionalFields: { documentJson: '{oops' } },
			/^Document \(JSON\) is not valid JSON: "\{oops"/,
		],
		// Device Group IDs is a required field: n8n's engine refuses the empty field before running the node.
		[
			'group ids empty',
			{ targetSource: 'groupIds', groupIds: '' },
			/^The 'IoTDA' node has issues:\n- Parameter "Device Group IDs" is required\.$/,
		],
		[
			'task file id with a slash',
			{ targetSource: 'file', fileId: 'a/b' },
			/^Task File ID may contain only letters, digits, hyphens and underscores: "a\/b"/,
		],
		[
			'upgrade without package',
			{ taskType: 'firmwareUpgrade', packageId: '' },
			/^Package IDs is required: "" \[item 0\]$/,
		],
		[
			'task extra info over 512 characters',
			{
				taskType: 'firmwareUpgrade',
				packageId: 'p1',
				additionalFields: { taskExtInfo: JSON.stringify({ x: 'y'.repeat(520) }) },
			},
			/^Task Extra Info must be at most 512 characters of JSON/,
		],
		[
			'command parameters not JSON',
			{
				taskType: 'createCommands',
				serviceId: 'Switch',
				commandName: 'ON_OFF',
				commandParameters: '{value:ON}',
			},
			/^Command Parameters is not valid JSON: "\{value:ON\}"/,
		],
		[
			'command parameters an array',
			{
				taskType: 'createCommands',
				serviceId: 'Switch',
				commandName: 'ON_OFF',
				commandParameters: '[1]',
			},
			/^Command Parameters must be a JSON object: "\[1\]"/,
		],
		[
			'command with a service id that is not text',
			{ taskType: 'createCommands', serviceId: { id: 1 }, commandName: 'ON_OFF' },
			/^Service ID must be text/,
		],
		[
			'service id of 65 characters',
			{ taskType: 'createAsyncCommands', serviceId: 's'.repeat(65), commandName: 'ON_OFF' },
			/^Service ID must be at most 64 characters/,
		],
		[
			'async expire time over 2 days',
			{
				taskType: 'createAsyncCommands',
				serviceId: 'Switch',
				commandName: 'ON_OFF',
				sendStrategy: 'delay',
				expireTime: 172801,
			},
			/^Expire Time must be between 0 and 172800: "172801"/,
		],
		[
			'message with topic and full topic',
			{
				taskType: 'createMessages',
				message: 'hi',
				messageOptions: { topic: 'a', topicFullName: '/b' },
			},
			/^Topic Full Name cannot be used together with Topic: "\/b"/,
		],
		[
			'message ttl not a multiple of 5',
			{ taskType: 'createMessages', message: 'hi', messageOptions: { ttl: 7 } },
			/^TTL \(Minutes\) must be a multiple of 5 \(0 = not cached\): "7"/,
		],
		[
			'message id with a space',
			{ taskType: 'createMessages', message: 'hi', messageOptions: { messageId: 'm 1' } },
			/^Message ID may contain only letters/,
		],
		['empty message', { taskType: 'createMessages', message: '' }, /^Message is required/],
		[
			'shadow with six services',
			{
				taskType: 'updateDeviceShadows',
				shadows: {
					shadow: ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => ({ serviceId: s, desired: '{"x":1}' })),
				},
			},
			/^Shadow Updates may name at most 5 services/,
		],
		[
			'shadow desired not an object',
			{
				taskType: 'updateDeviceShadows',
				shadows: { shadow: [{ serviceId: 'a', desired: '"x"' }] },
			},
			/^Desired Properties must be a JSON object/,
		],
		[
			'shadow over 10K',
			{
				taskType: 'updateDeviceShadows',
				shadows: {
					shadow: [{ serviceId: 'a', desired: JSON.stringify({ x: 'y'.repeat(10300) }) }],
				},
			},
			/^Shadow Updates must be at most 10240 characters of JSON/,
		],
		[
			'no shadow entries',
			{ taskType: 'updateDeviceShadows', shadows: {} },
			/^Shadow Updates must contain at least one service/,
		],
		[
			'target source not offered by the type',
			{ taskType: 'firmwareUpgrade', packageId: 'p1', targetSource: 'file', fileId: 'f1' },
			/^Target Source is not available for firmwareUpgrade: "file"/,
		],
	];

	it.each(cases)('%s', async (_name, parameters, expected) => {
		expect(await createError(parameters)).toMatch(expected);
	});

	it('names the item that is wrong, in aggregate mode', async () => {
		const items = itemsWith([{ id: 'dev-1' }, { id: 'dev-2' }, { id: 'dev 3' }, { id: 'dev-4' }]);
		const message = await createError({ deviceIds: '={{ [$json.id] }}' }, items);
		expect(message).toBe(
			'Device IDs may contain only letters, digits, hyphens and underscores: "dev 3" [item 2]',
		);
	});

	it('fails before creating anything when the split needs more tasks than Options → Max Tasks per Run', async () => {
		const ids = Array.from({ length: 300001 }, (_, i) => `d${i}`);
		expect(await createError({ deviceIds: ids, options: { maxTasks: 10 } })).toMatch(
			/^11 tasks are needed for these devices, but Max Tasks per Run is 10 \[item 0\]$/,
		);
	});

	it('refuses a task name too long for the split suffix', async () => {
		const ids = Array.from({ length: 30001 }, (_, i) => `d${i}`);
		expect(await createError({ taskName: 'n'.repeat(127), deviceIds: ids })).toMatch(
			/^Task Name is too long to add the suffix _2/,
		);
	});
});
