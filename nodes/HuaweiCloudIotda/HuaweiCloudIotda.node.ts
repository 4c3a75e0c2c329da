import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { batchTaskDescription } from './actions/batchTask/BatchTask.resource';
import { batchTaskFileDescription } from './actions/batchTaskFile/BatchTaskFile.resource';
import { deviceDescription } from './actions/device/Device.resource';
import { rolloutDescription } from './actions/rollout/Rollout.resource';
import { router } from './actions/router';
import { subtitleFor } from './descriptions/subtitle';
import { listSearch, loadOptions } from './methods';
import {
	authenticationCredentials,
	authenticationProperty,
} from './descriptions/authentication.description';
import { MAIN_CONNECTION } from './descriptions/mainConnection';

const properties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Batch Task', value: 'batchTask' },
			{ name: 'Batch Task File', value: 'batchTaskFile' },
			{ name: 'Device', value: 'device' },
			{ name: 'Rollout', value: 'rollout' },
		],
		default: 'batchTask',
	},
	...batchTaskDescription,
	...batchTaskFileDescription,
	...deviceDescription,
	...rolloutDescription,
];

/**
 * Version 2 regroups Create's settings (actions/batchTask/create/formVersion.ts); a workflow saved with
 * version 1 keeps its form and runs unchanged, new nodes get version 2. The version conditions are on Create's
 * fields only, so a resource added later is one entry above and in actions/router.ts, in both versions.
 */
export class HuaweiCloudIotda implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud IoTDA',
		name: 'huaweiCloudIotda',
		icon: {
			light: 'file:../../icons/huaweicloud-iotda.svg',
			dark: 'file:../../icons/huaweicloud-iotda.dark.svg',
		},
		group: ['output'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: subtitleFor(properties),
		description:
			'Run Huawei Cloud IoTDA batch tasks: OTA upgrades, device management, commands, messages and shadows for many devices',
		defaults: { name: 'Huawei Cloud IoTDA' },
		inputs: [MAIN_CONNECTION],
		outputs: [MAIN_CONNECTION],
		usableAsTool: true,
		credentials: authenticationCredentials,
		properties,
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Read here, applied by the router (the one error path): failures become error items or stop the node.
		return await router.call(this, this.continueOnFail());
	}
}
