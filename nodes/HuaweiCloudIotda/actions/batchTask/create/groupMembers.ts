/**
 * The members of device groups, for a staged rollout on Device Group IDs: IoTDA runs a group task on every
 * member at once, so to stage it the node reads the members (ShowDevicesInGroup,
 * `GET /v5/iot/{project_id}/device-group/{group_id}/devices`, marker-paged, 50 per page; GO SDK
 * model_show_devices_in_group_*.go) and rolls them out like a Device IDs list.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InputError } from '../../../helpers/inputErrors';
import { requestOptionsFor } from '../../../transport/requestOptions';
import { iotdaRequestPages } from '../../../transport';

export interface GroupMembers {
	/** Device IDs of all groups, each once, in the order IoTDA lists them (group by group). */
	ids: string[];
	/** Each group with the number of devices IoTDA listed in it (before de-duplication across groups). */
	groups: Array<{ group_id: string; device_count: number }>;
}

async function membersOf(
	this: IExecuteFunctions,
	groupId: string,
	itemIndex: number,
): Promise<string[]> {
	try {
		const { records } = await iotdaRequestPages.call(this, {
			method: 'GET',
			path: `/device-group/${encodeURIComponent(groupId)}/devices`,
			listKey: 'devices',
			action: `List the devices of group ${groupId}`,
			itemIndex,
			...requestOptionsFor.call(this, itemIndex),
		});
		return records.map((device: IDataObject) => String(device.device_id));
	} catch (error) {
		// Never fall back to one unstaged group task: without the members there is no canary.
		throw new NodeOperationError(
			this.getNode(),
			`Cannot stage the rollout: the devices of group ${groupId} could not be read (${(error as Error).message})`,
			{
				itemIndex,
				description:
					'Nothing was created. A staged rollout on Device Group IDs reads each group’s members (ShowDevicesInGroup) to cut them into waves. Grant the credential read access to device groups, or give the devices as Device IDs.',
			},
		);
	}
}

/**
 * Reads the members of every group, de-duplicated across groups. Throws before anything is created: an
 * InputError for a group with no devices (nothing to stage), a NodeOperationError when a group cannot be
 * read (e.g. 403). A wave larger than a task holds (LIMITS.maxTargets) is refused by planWaves, also
 * before anything is created.
 */
export async function resolveGroupMembers(
	this: IExecuteFunctions,
	groupIds: string[],
	itemIndex: number,
): Promise<GroupMembers> {
	const seen = new Set<string>();
	const result: GroupMembers = { ids: [], groups: [] };
	for (const groupId of groupIds) {
		const members = await membersOf.call(this, groupId, itemIndex);
		if (members.length === 0)
			throw new InputError(
				'Device Group IDs',
				groupId,
				'names a group with no devices, so there is nothing to stage; remove it or add devices to it',
			);
		result.groups.push({ group_id: groupId, device_count: members.length });
		for (const id of members) {
			if (seen.has(id)) continue;
			seen.add(id);
			result.ids.push(id);
		}
	}
	return result;
}
