/**
 * The rollout's target fields (shared by every Rollout operation) and how an item's values become
 * fleetReader.ts RolloutTargets; bad values are InputErrors naming the field.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../helpers/apiRules';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { parseIdList } from '../../helpers/idList';
import { InputError } from '../../helpers/inputErrors';
import { deviceFilterFields, readDeviceQuery } from '../device/filters.description';
import type { RolloutTargets } from './fleetReader';

export const rolloutTargetProperties: INodeProperties[] = [
	{
		displayName: 'Target Devices',
		name: 'targetSource',
		type: 'options',
		default: 'search',
		options: [
			{
				name: 'Device IDs',
				value: 'deviceIds',
				description: 'A fixed list of devices',
			},
			{
				name: 'Devices Matching a Search',
				value: 'search',
				description:
					'Every device matching the filters that does not report the Target Version yet; devices that match later join in extra waves',
			},
		],
		description: 'Which devices the rollout upgrades. Use the same choice on every run.',
	},
	...updateDisplayOptions({ show: { targetSource: ['search'] } }, deviceFilterFields),
	{
		displayName: 'Device IDs',
		name: 'deviceIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. dev-0001, dev-0002',
		description: 'The device IDs, separated by commas or new lines (or a list from an expression)',
		displayOptions: { show: { targetSource: ['deviceIds'] } },
	},
];

/** Item `i`'s targets. */
export function readTargets(this: IExecuteFunctions, i: number): RolloutTargets {
	const source = this.getNodeParameter('targetSource', i, 'search');
	if (source === 'deviceIds') {
		const raw = this.getNodeParameter('deviceIds', i, '');
		const ids = parseIdList('Device IDs', raw, LIMITS.deviceIdMaxLength);
		if (!ids.length) throw new InputError('Device IDs', raw, 'needs at least one device ID');
		return { source: 'deviceIds', ids: [...new Set(ids)] };
	}
	if (source !== 'search')
		throw new InputError(
			'Target Devices',
			source,
			'must be Devices Matching a Search or Device IDs',
		);
	return { source: 'search', query: readDeviceQuery.call(this, i, 'page') };
}
