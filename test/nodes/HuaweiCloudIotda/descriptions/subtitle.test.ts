/**
 * Issue #30: the canvas says what the node does — the subtitle is evaluated by n8n's expression engine, as the
 * editor evaluates it, for both form versions.
 */
import { Workflow, type INode, type INodeParameters, type INodeTypes } from 'n8n-workflow';

import { HuaweiCloudIotda } from '../../../../nodes/HuaweiCloudIotda/HuaweiCloudIotda.node';

const nodeType = new HuaweiCloudIotda();
const nodeTypes: INodeTypes = {
	getByName: () => nodeType,
	getByNameAndVersion: () => nodeType,
	getKnownTypes: () => ({}),
};

function subtitle(parameters: INodeParameters, typeVersion = 2): unknown {
	const node: INode = {
		id: '1',
		name: 'IoTDA',
		type: 'n8n-nodes-huaweicloud-iotda.huaweiCloudIotda',
		typeVersion,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		workflow.getNode('IoTDA')!,
		nodeType.description.subtitle!,
		'internal',
		{},
	);
}

describe('subtitle', () => {
	it.each([
		[{ operation: 'create', taskType: 'firmwareUpgrade' }, 2, 'Create: Firmware Upgrade'],
		[{ operation: 'create', taskType: 'createCommands' }, 2, 'Create: Sync Commands'],
		[
			{ operation: 'create', taskType: 'softwareUpgrade', dryRun: true },
			2,
			'Create: Software Upgrade (Dry Run)',
		],
		[
			{ operation: 'create', taskType: 'freezeDevices', options: { dryRun: true } },
			1,
			'Create: Freeze Devices (Dry Run)',
		],
		[{ operation: 'getAll' }, 2, 'Get Many: Batch Task'],
		[{ resource: 'batchTaskFile', operation: 'upload' }, 2, 'Upload: Batch Task File'],
		[{}, 2, 'Create: Firmware Upgrade'],
	])('%j (version %i) → %s', (parameters, version, expected) => {
		expect(subtitle({ resource: 'batchTask', ...parameters } as INodeParameters, version)).toBe(
			expected,
		);
	});
});
