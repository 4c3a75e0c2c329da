/**
 * Target Source "Device Group IDs": IoTDA runs the task on every member of the groups (`targets_filter`); a
 * staged rollout reads the members first (groupMembers.ts) and cuts them into waves.
 */
import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../../../helpers/inputErrors';
import { LIMITS } from '../../../../helpers/apiRules';
import { parseIdList } from '../../../../helpers/idList';
import { resolveGroupMembers } from '../groupMembers';
import type { TargetSourceModule } from './targetSource';

const TARGETS_FROM = 'device groups';

export const groupIds: TargetSourceModule = {
	option: {
		name: 'Device Group IDs',
		value: 'groupIds',
		description: 'Every device in the given device groups, as they are when IoTDA runs the task',
	},
	sends: 'groupIds',
	fields: [
		{
			displayName: 'Device Group IDs',
			name: 'groupIds',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 3f2c8e7a-5b1d-4c9e-8a6f-0d4b2e1c7a93',
			description:
				'IDs of device groups, separated by commas; the task runs on every device in them',
		},
	],
	bodyPart(param) {
		const groups = parseIdList('Device Group IDs', param('groupIds', ''), LIMITS.groupIdMaxLength);
		if (groups.length === 0)
			throw new InputError(
				'Device Group IDs',
				param('groupIds', ''),
				'must name at least one device group',
			);
		return { targets_filter: { group_ids: groups } };
	},
	async stagedDevices(context, body, itemIndex) {
		const groupList = (body.targets_filter as IDataObject).group_ids as string[];
		const members = await resolveGroupMembers.call(context, groupList, itemIndex);
		return {
			ids: members.ids,
			origin: {
				targets_from: TARGETS_FROM,
				groups: members.groups,
				total_devices: members.ids.length,
			},
		};
	},
	targetsFrom: TARGETS_FROM,
};
