/**
 * AsyncDeviceCommandRequest (GO model_async_device_command_request.go): the command document (command.ts) plus
 * `send_strategy` (`immediately` | `delay`), always sent (no omitempty in the model); `expire_time`
 * (0–172,800 s) only with `delay`, where it means something.
 */
import { InputError } from '../../../../helpers/inputErrors';
import { LIMITS } from '../../../../helpers/apiRules';
import { optionalInteger } from '../../../../helpers/validate';
import { command } from './command';
import type { DocumentFormModule } from './documentForm';

const STRATEGY = 'sendStrategy';
const EXPIRE = 'expireTime';

export const asyncCommand: DocumentFormModule = {
	extends: command,
	fields: [
		{
			displayName: 'Send Strategy',
			name: STRATEGY,
			type: 'options',
			default: 'immediately',
			options: [
				{
					name: 'Delay',
					value: 'delay',
					description: 'Cache the command and deliver it when the device comes online',
				},
				{
					name: 'Immediately',
					value: 'immediately',
					description: 'Deliver now; fails for offline devices',
				},
			],
		},
		{
			displayName: 'Expire Time (Seconds)',
			name: EXPIRE,
			type: 'number',
			typeOptions: { minValue: 0, maxValue: LIMITS.asyncCommandMaxExpireSeconds },
			default: 86400,
			description: `How long a delayed command waits for the device (at most ${LIMITS.asyncCommandMaxExpireSeconds / 86400} days)`,
			displayOptions: { show: { [STRATEGY]: ['delay'] } },
		},
	],
	setBy: [...command.setBy, [STRATEGY, 'Send Strategy', ['immediately']]],
	keys: [...command.keys, 'send_strategy', 'expire_time'],
	required: [...command.required, ['send_strategy']],
	narrowedByProduct: true,
	build(param) {
		const document = command.build(param);
		const strategy = String(param(STRATEGY, 'immediately'));
		if (strategy !== 'immediately' && strategy !== 'delay')
			throw new InputError('Send Strategy', strategy, 'must be immediately or delay');
		document.send_strategy = strategy;
		if (strategy === 'delay') {
			document.expire_time = optionalInteger(
				'Expire Time',
				param(EXPIRE, 86400),
				86400,
				0,
				LIMITS.asyncCommandMaxExpireSeconds,
			);
		}
		return document;
	},
};
