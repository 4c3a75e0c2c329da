/** Target Source "Device IDs": the devices the input items list (`targets`), combined across items. */
import { InputError } from '../../../../helpers/inputErrors';
import { LIMITS } from '../../../../helpers/apiRules';
import { parseIdList } from '../../../../helpers/idList';
import { itemParameterReader } from '../../../../helpers/itemParameter';
import type { TargetSourceModule } from './targetSource';

export const deviceIds: TargetSourceModule = {
	option: {
		name: 'Device IDs',
		value: 'deviceIds',
		description: 'Device IDs listed by the input items',
	},
	sends: 'deviceIds',
	fields: [
		{
			displayName: 'Device IDs',
			name: 'deviceIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. {{ $json.device_id }}',
			description:
				'Device IDs: an array, or text separated by commas, semicolons, spaces or new lines. Map a field of the input items to collect the IDs of every item.',
		},
	],
	/** A plain `{{ $json.field }}` is read from the item instead of evaluated (helpers/itemParameter.ts). */
	itemDevices(context) {
		const read = itemParameterReader(context, context.getInputData(), 'deviceIds', '');
		return (itemIndex) => {
			const value = read(itemIndex);
			const ids = parseIdList('Device IDs', value, LIMITS.deviceIdMaxLength);
			if (ids.length === 0)
				throw new InputError('Device IDs', value, 'must contain at least one device ID');
			return ids;
		};
	},
};
