/**
 * DeviceMessageRequest (GO model_device_message_request.go): `message` required; `name` ≤128 of the
 * documented characters (audit row 30); `ttl` a multiple of 5 up to 1440 minutes, where 0 = not cached
 * (audit row 15); `topic` and `topic_full_name` exclusive; MQTT 5 `properties` (messageProperties).
 */
import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../../../helpers/inputErrors';
import { LIMITS, PATTERN_TEXT, PATTERNS } from '../../../../helpers/apiRules';
import {
	checkId,
	checkInteger,
	checkLength,
	isBlank,
	optionalText,
	requireText,
} from '../../../../helpers/validate';
import type { ParamReader } from '../taskBody';
import type { DocumentFormModule } from './documentForm';

const MESSAGE = 'message';
const MESSAGE_OPTIONS = 'messageOptions';

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
	const raw = param(MESSAGE);
	const message = typeof raw === 'object' && raw !== null ? raw : requireText('Message', raw);
	const options = (param(MESSAGE_OPTIONS, {}) as IDataObject) ?? {};
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

export const message: DocumentFormModule = {
	fields: [
		{
			displayName: 'Message',
			name: MESSAGE,
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: 'e.g. {"switch": "OFF"}',
			description: 'Message content (text, or JSON)',
		},
		{
			displayName: 'Message Options',
			name: MESSAGE_OPTIONS,
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Correlation Data (MQTT 5)',
					name: 'correlationData',
					type: 'string',
					default: '',
					description: `MQTT 5.0 request/response correlation data: up to ${LIMITS.messagePropertyMaxLength} letters, digits, _ and -`,
				},
				{
					displayName: 'Encoding',
					name: 'encoding',
					type: 'options',
					default: 'none',
					options: [
						{ name: 'Base64', value: 'base64' },
						{ name: 'None', value: 'none' },
					],
				},
				{
					displayName: 'Message ID',
					name: 'messageId',
					type: 'string',
					default: '',
					description: `Up to ${LIMITS.messageIdMaxLength} letters, digits, hyphens and underscores`,
				},
				{
					displayName: 'Message Name',
					name: 'name',
					type: 'string',
					default: '',
					description: `Up to ${LIMITS.messageNameMaxLength} Chinese characters, letters, digits and _?'#().,&%@!-`,
				},
				{
					displayName: 'Payload Format',
					name: 'payloadFormat',
					type: 'options',
					default: 'standard',
					options: [
						{ name: 'Raw', value: 'raw' },
						{ name: 'Standard', value: 'standard' },
					],
				},
				{
					displayName: 'Response Topic (MQTT 5)',
					name: 'responseTopic',
					type: 'string',
					default: '',
					description: `MQTT 5.0 response topic: up to ${LIMITS.messagePropertyMaxLength} letters, digits and _-?=$#+/`,
				},
				{
					displayName: 'Topic',
					name: 'topic',
					type: 'string',
					default: '',
					description: 'Topic suffix, e.g. messageDown (not together with Topic Full Name)',
				},
				{
					displayName: 'Topic Full Name',
					name: 'topicFullName',
					type: 'string',
					default: '',
					description: 'Full custom topic, e.g. /device/message/down',
				},
				{
					displayName: 'TTL (Minutes)',
					name: 'ttl',
					type: 'number',
					typeOptions: { minValue: 0, maxValue: LIMITS.messageTtlMaxMinutes },
					default: 1440,
					description: `How long the message is kept for an offline device (multiple of ${LIMITS.messageTtlStepMinutes}, at most ${LIMITS.messageTtlMaxMinutes}; 0 = not cached)`,
				},
				{
					displayName: 'User Properties (MQTT 5)',
					name: 'userProperties',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add User Property',
					default: {},
					description: `Up to ${LIMITS.messageUserPropertiesMax} MQTT 5.0 user properties sent with the message`,
					options: [
						{
							displayName: 'Property',
							name: 'property',
							values: [
								{
									displayName: 'Key',
									name: 'key',
									type: 'string',
									default: '',
									description: `Up to ${LIMITS.messagePropertyMaxLength} letters, digits, _ and -`,
								},
								{ displayName: 'Value', name: 'value', type: 'string', default: '' },
							],
						},
					],
				},
			],
		},
	],
	setBy: [
		[MESSAGE, 'Message', ['']],
		[MESSAGE_OPTIONS, 'Message Options', [{}]],
	],
	keys: [
		'message',
		'message_id',
		'name',
		'encoding',
		'payload_format',
		'topic',
		'topic_full_name',
		'ttl',
		'properties',
	],
	required: [['message']],
	build: messageDocument,
};
