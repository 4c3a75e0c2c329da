/**
 * Contract suite (issue #13): every task type × target source × the main options, in Dry Run, checked against
 * the official CreateBatchTask request model as THIS FILE states it — never against the node's own table
 * (helpers/apiRules.ts). Each rule names its source; "GO" = huaweicloud-sdk-go-v3 services/iotda/v5/model/
 * (0.1.188), "PY" = huaweicloud-sdk-python-v3 huaweicloudsdkiotda/v5/model/ (3.1.211); the Chinese model
 * comments are the only place limits are written (see ../shared/reference/iotda-fidelity-audit.md).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { nodeType, runNode } from '../../../../../helpers/engine';

/** A JSON shape: just enough of JSON Schema to state the model's field names, types, required keys, enums, limits. */
interface Shape {
	type: 'string' | 'integer' | 'boolean' | 'object' | 'array' | 'any';
	required?: string[];
	/** Object keys the model defines; any other key is a violation. Absent = free-form object (e.g. `paras`). */
	props?: Record<string, Shape>;
	enum?: readonly unknown[];
	maxLength?: number;
	pattern?: RegExp;
	min?: number;
	max?: number;
	multipleOf?: number;
	items?: Shape;
	minItems?: number;
	maxItems?: number;
	/** Array of objects: this key must not repeat. */
	uniqueBy?: string;
	/** Max characters of the value as JSON. */
	maxJson?: number;
}

const str = (maxLength: number, pattern?: RegExp): Shape => ({
	type: 'string',
	maxLength,
	pattern,
});
const int = (min: number, max: number, multipleOf?: number): Shape => ({
	type: 'integer',
	min,
	max,
	multipleOf,
});
const ID = /^[A-Za-z0-9_-]+$/;

/** GO model_create_batch_task.go `TaskType` comment / model_list_batch_tasks_request.go; PY create_batch_task.py. */
const OFFICIAL_TASK_TYPES = [
	'createCommands',
	'createAsyncCommands',
	'createMessages',
	'updateDeviceShadows',
	'firmwareUpgrade',
	'softwareUpgrade',
	'moduleUpgrade',
	'createDevices',
	'deleteDevices',
	'updateDevices',
	'freezeDevices',
	'unfreezeDevices',
] as const;
type TaskType = (typeof OFFICIAL_TASK_TYPES)[number];

/** GO model_create_batch_task.go `Targets` / `TargetsFilter` / `DocumentSource` comments: which types take which source. */
const TARGET_TYPES: TaskType[] = [
	'firmwareUpgrade',
	'softwareUpgrade',
	'moduleUpgrade',
	'deleteDevices',
	'freezeDevices',
	'unfreezeDevices',
	'createCommands',
	'createAsyncCommands',
	'createMessages',
	'updateDeviceShadows',
];
const FILE_TYPES: TaskType[] = [
	'createDevices',
	'updateDevices',
	'deleteDevices',
	'freezeDevices',
	'unfreezeDevices',
];
/** GO `TaskMode` / `TaskExtInfo`: firmware and software upgrades; PY `need_confirm`: firmware, software, module upgrades. */
const GATEWAY_TYPES: TaskType[] = ['firmwareUpgrade', 'softwareUpgrade'];
const CONFIRM_TYPES: TaskType[] = ['firmwareUpgrade', 'softwareUpgrade', 'moduleUpgrade'];

/** The `document` per type (GO model_create_batch_task.go `Document` comment and the request models it names). */
const UPGRADE: Shape = {
	// "需要填写key为package_ids…eg：{\"package_ids\": [\"32822e5744a45ede319d2c50\"]}"; package id: GO model_ota_package_info.go ≤36, letters/digits/-.
	type: 'object',
	required: ['package_ids'],
	props: { package_ids: { type: 'array', minItems: 1, items: str(36, /^[A-Za-z0-9-]+$/) } },
};
/** GO model_device_command_request.go: only `paras` lacks omitempty. */
const COMMAND_PROPS: Record<string, Shape> = {
	service_id: str(64),
	command_name: str(128),
	paras: { type: 'object' },
};
const COMMAND: Shape = { type: 'object', required: ['paras'], props: COMMAND_PROPS };
/** GO model_async_device_command_request.go: `send_strategy` without omitempty; expire_time ≤ 2 days. */
const ASYNC_COMMAND: Shape = {
	type: 'object',
	required: ['paras', 'send_strategy'],
	props: {
		...COMMAND_PROPS,
		paras: { type: 'object', maxJson: 32 * 1024 },
		send_strategy: { type: 'string', enum: ['immediately', 'delay'] },
		expire_time: int(0, 172800),
	},
};
/** GO model_device_message_request.go (+ model_properties_dto.go, model_user_prop_dto.go). */
const MESSAGE: Shape = {
	type: 'object',
	required: ['message'],
	props: {
		message: { type: 'any' },
		message_id: str(100, ID),
		name: str(128, /^[\u4e00-\u9fa5A-Za-z0-9_?'#().,&%@!-]+$/),
		encoding: { type: 'string', enum: ['none', 'base64'] },
		payload_format: { type: 'string', enum: ['standard', 'raw'] },
		topic: { type: 'string' },
		topic_full_name: { type: 'string' },
		ttl: int(0, 1440, 5),
		properties: {
			type: 'object',
			props: {
				correlation_data: str(128, ID),
				response_topic: str(128, /^[A-Za-z0-9_\-?=$#+/]+$/),
				user_properties: {
					type: 'array',
					maxItems: 20,
					items: { type: 'object', props: { prop_key: str(128, ID), prop_value: str(128) } },
				},
			},
		},
	},
};
/** GO model_create_batch_task.go `Document` 限制说明: service_id and desired required, ≤5, not repeated, ≤10K; model_update_desired.go version ≥ 0. */
const SHADOW: Shape = {
	type: 'object',
	required: ['shadow'],
	maxJson: 10 * 1024,
	props: {
		shadow: {
			type: 'array',
			minItems: 1,
			maxItems: 5,
			uniqueBy: 'service_id',
			items: {
				type: 'object',
				required: ['service_id', 'desired'],
				props: {
					service_id: str(64),
					desired: { type: 'object' },
					version: int(0, Number.MAX_SAFE_INTEGER),
				},
			},
		},
	},
};
const DOCUMENTS: Partial<Record<TaskType, Shape>> = {
	firmwareUpgrade: UPGRADE,
	softwareUpgrade: UPGRADE,
	moduleUpgrade: UPGRADE,
	createCommands: COMMAND,
	createAsyncCommands: ASYNC_COMMAND,
	createMessages: MESSAGE,
	updateDeviceShadows: SHADOW,
};

/** GO model_create_batch_task.go / PY create_batch_task.py, for one task type. */
function createBatchTaskModel(type: TaskType): Shape {
	const props: Record<string, Shape> = {
		task_name: str(128, /^[\u4e00-\u9fa5A-Za-z0-9_]+$/),
		task_type: { type: 'string', enum: OFFICIAL_TASK_TYPES },
		app_id: str(36, ID),
		// GO model_task_policy.go: yyyyMMdd'T'HHmmss'Z' within 7 days; retry_count ≤5, retry_interval ≤1440 minutes.
		task_policy: {
			type: 'object',
			props: {
				schedule_time: str(16, /^\d{8}T\d{6}Z$/),
				retry_count: int(0, 5),
				retry_interval: int(0, 1440),
			},
		},
	};
	if (TARGET_TYPES.includes(type)) {
		props.targets = { type: 'array', minItems: 1, maxItems: 30000, items: str(128, ID) };
		props.targets_filter = {
			type: 'object',
			required: ['group_ids'],
			props: { group_ids: { type: 'array', minItems: 1, items: str(36, ID) } },
		};
	}
	if (FILE_TYPES.includes(type)) props.document_source = str(128, ID);
	if (DOCUMENTS[type]) props.document = DOCUMENTS[type];
	if (GATEWAY_TYPES.includes(type)) {
		props.task_mode = { type: 'string', enum: ['GATEWAY'] };
		props.task_ext_info = { type: 'object', maxJson: 512 };
	}
	if (CONFIRM_TYPES.includes(type)) props.need_confirm = { type: 'boolean' };
	return { type: 'object', required: ['task_name', 'task_type'], props };
}

function typeOf(value: unknown): Shape['type'] {
	if (Array.isArray(value)) return 'array';
	if (Number.isInteger(value)) return 'integer';
	if (value !== null && typeof value === 'object') return 'object';
	return typeof value as Shape['type'];
}

/** Every way `value` breaks `shape`, as "path: problem". */
function violations(shape: Shape, value: unknown, path = 'body'): string[] {
	const out: string[] = [];
	if (shape.type !== 'any' && typeOf(value) !== shape.type)
		return [`${path}: ${typeOf(value)} instead of ${shape.type}`];
	if (shape.enum && !shape.enum.includes(value))
		out.push(`${path}: ${JSON.stringify(value)} not in ${shape.enum.join('|')}`);
	if (shape.maxJson !== undefined && JSON.stringify(value).length > shape.maxJson)
		out.push(`${path}: over ${shape.maxJson} characters of JSON`);
	if (typeof value === 'string') {
		if (shape.maxLength !== undefined && [...value].length > shape.maxLength)
			out.push(`${path}: longer than ${shape.maxLength}`);
		if (shape.pattern && !shape.pattern.test(value))
			out.push(`${path}: ${JSON.stringify(value)} does not match ${String(shape.pattern)}`);
	}
	if (typeof value === 'number') {
		if (
			(shape.min !== undefined && value < shape.min) ||
			(shape.max !== undefined && value > shape.max)
		)
			out.push(`${path}: ${value} outside ${shape.min}–${shape.max}`);
		if (shape.multipleOf && value % shape.multipleOf !== 0)
			out.push(`${path}: ${value} not a multiple of ${shape.multipleOf}`);
	}
	if (Array.isArray(value)) {
		if (shape.minItems !== undefined && value.length < shape.minItems)
			out.push(`${path}: fewer than ${shape.minItems} items`);
		if (shape.maxItems !== undefined && value.length > shape.maxItems)
			out.push(`${path}: more than ${shape.maxItems} items`);
		if (shape.uniqueBy) {
			const keys = value.map((v) => (v as IDataObject)[shape.uniqueBy!]);
			if (new Set(keys).size !== keys.length) out.push(`${path}: ${shape.uniqueBy} repeated`);
		}
		value.forEach((v, i) =>
			out.push(...violations(shape.items ?? { type: 'any' }, v, `${path}[${i}]`)),
		);
	}
	if (shape.type === 'object' && shape.props) {
		const object = value as IDataObject;
		for (const key of shape.required ?? [])
			if (!(key in object)) out.push(`${path}.${key}: required but missing`);
		for (const [key, v] of Object.entries(object)) {
			const field = shape.props[key];
			if (!field) out.push(`${path}.${key}: not in the model`);
			else out.push(...violations(field, v, `${path}.${key}`));
		}
	}
	return out;
}

// ---- the walk --------------------------------------------------------------------------------------------

const credentials = {
	accessKeyId: 'AK',
	secretAccessKey: 'SK',
	projectId: 'p1',
	region: 'cn-north-4',
	endpoint: 'http://127.0.0.1:9',
};
type Params = INodeParameters;
const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

/** The form's document fields for a type: the plain case and the options that change the document. */
function documentVariants(type: TaskType): Array<[string, Params]> {
	switch (type) {
		case 'firmwareUpgrade':
		case 'softwareUpgrade':
		case 'moduleUpgrade':
			return [
				['one package', { packageId: ['pkg-1'] }],
				['two packages', { packageId: '["pkg-1","pkg-2"]' }],
			];
		case 'createCommands':
			return [
				[
					'service and command',
					{ serviceId: 'Switch', commandName: 'ON_OFF', commandParameters: '{"value":"ON"}' },
				],
				['paras only', { commandParameters: '{"raw":"01"}' }],
			];
		case 'createAsyncCommands':
			return [
				[
					'immediately',
					{ serviceId: 'Switch', commandName: 'ON_OFF', commandParameters: '{"value":"ON"}' },
				],
				[
					'delay with expire time',
					{ commandParameters: '{}', sendStrategy: 'delay', expireTime: 0 },
				],
			];
		case 'createMessages':
			return [
				['plain', { message: 'hello' }],
				[
					'every option',
					{
						message: '{"a":1}',
						messageOptions: {
							messageId: 'm-1',
							name: 'alarm(#1)!',
							encoding: 'base64',
							payloadFormat: 'raw',
							topicFullName: '/d/down',
							ttl: 0,
							correlationData: 'c_1',
							responseTopic: 'r/t',
							userProperties: { property: [{ key: 'k', value: 'v 1' }] },
						},
					},
				],
				[
					'topic and ttl',
					{ message: 'hello', messageOptions: { topic: 'messageDown', ttl: 1440 } },
				],
			];
		case 'updateDeviceShadows':
			return [
				[
					'five services with versions',
					{
						shadows: {
							shadow: ['A', 'B', 'C', 'D', 'E'].map((serviceId, i) => ({
								serviceId,
								desired: `{"v":${i}}`,
								version: i === 0 ? 0 : '',
							})),
						},
					},
				],
			];
		default:
			return [['no document', {}]];
	}
}

function sourceVariants(type: TaskType): Array<[string, Params]> {
	const out: Array<[string, Params]> = [];
	if (TARGET_TYPES.includes(type)) {
		out.push(['device ids', { targetSource: 'deviceIds', deviceIds: 'dev-1,dev-2' }]);
		out.push(['group ids', { targetSource: 'groupIds', groupIds: 'g-1,g_2' }]);
	}
	if (FILE_TYPES.includes(type))
		out.push(['task file', { targetSource: 'file', fileId: 'file-1' }]);
	return out;
}

function optionVariants(type: TaskType): Array<[string, Params]> {
	const out: Array<[string, Params]> = [
		['defaults', {}],
		[
			'app id, schedule and retries',
			{
				additionalFields: {
					appId: 'app_1',
					scheduleTime: inHours(30),
					retryCount: 5,
					retryInterval: 1440,
				},
			},
		],
	];
	if (GATEWAY_TYPES.includes(type))
		out.push([
			'gateway, confirm, ext info',
			{ additionalFields: { gatewayMode: true, needConfirm: true, taskExtInfo: '{"note":"x"}' } },
		]);
	else if (CONFIRM_TYPES.includes(type))
		out.push(['need confirm', { additionalFields: { needConfirm: true } }]);
	if (DOCUMENTS[type])
		out.push(['untouched Document (JSON)', { additionalFields: { documentJson: '{}' } }]);
	return out;
}

const cases: Array<[string, TaskType, Params]> = OFFICIAL_TASK_TYPES.flatMap((type) =>
	sourceVariants(type).flatMap(([source, sp]) =>
		documentVariants(type).flatMap(([doc, dp]) =>
			optionVariants(type).map(
				([opt, op]) =>
					[`${type} · ${source} · ${doc} · ${opt}`, type, { ...sp, ...dp, ...op }] as [
						string,
						TaskType,
						Params,
					],
			),
		),
	),
);

describe('contract: Dry Run bodies against the official CreateBatchTask request model', () => {
	it('the node offers exactly the official task types (moduleUpgrade included)', () => {
		const taskType = nodeType.description.properties.find(
			(p) => p.name === 'taskType' && p.displayOptions?.show?.operation?.includes('create'),
		)!;
		expect((taskType.options ?? []).map((o) => ('value' in o ? o.value : '')).sort()).toEqual(
			[...OFFICIAL_TASK_TYPES].sort(),
		);
	});

	it('walks every type × source × option set', () => {
		expect(cases.length).toBeGreaterThan(100);
	});

	it.each(cases)('%s', async (_name, type, params) => {
		const out = await runNode({
			parameters: {
				resource: 'batchTask',
				operation: 'create',
				taskType: type,
				taskName: 'contract_1',
				...params,
				options: { dryRun: true },
			},
			credentials,
		});
		expect(out).toHaveLength(1);
		const body = out[0].json.body as IDataObject;
		expect(violations(createBatchTaskModel(type), body)).toEqual([]);
		expect(body.task_type).toBe(type);
		// Exactly one target source, the one chosen (the model's precedence makes a second one ambiguous).
		const sent = ['targets', 'targets_filter', 'document_source'].filter((k) => k in body);
		const expected = { deviceIds: 'targets', groupIds: 'targets_filter', file: 'document_source' }[
			params.targetSource as string
		];
		expect(sent).toEqual([expected]);
		// The model's "document" requirement: a type with a document always sends one (an untouched {} changes nothing).
		expect('document' in body).toBe(DOCUMENTS[type] !== undefined);
	});

	it('the checker itself finds what the model forbids', () => {
		const model = createBatchTaskModel('firmwareUpgrade');
		expect(
			violations(model, {
				task_name: 'a-b',
				task_type: 'firmwareUpgrade',
				document: { package_id: 'p_1' },
				targets: [],
			}),
		).toEqual([
			'body.task_name: "a-b" does not match /^[\\u4e00-\\u9fa5A-Za-z0-9_]+$/',
			'body.document.package_ids: required but missing',
			'body.document.package_id: not in the model',
			'body.targets: fewer than 1 items',
		]);
		expect(
			violations(createBatchTaskModel('updateDeviceShadows'), {
				task_name: 'x',
				task_type: 'updateDeviceShadows',
				document: {
					shadow: [
						{ service_id: 'A', desired: {} },
						{ service_id: 'A', desired: {} },
					],
				},
			}),
		).toEqual(['body.document.shadow: service_id repeated']);
		expect(
			violations(createBatchTaskModel('createMessages'), {
				task_name: 'x',
				task_type: 'createMessages',
				task_mode: 'GATEWAY',
				document: { message: 'm', ttl: 7 },
			}),
		).toEqual(['body.task_mode: not in the model', 'body.document.ttl: 7 not a multiple of 5']);
	});
});
