// A workflow of "Run Now" (manual trigger) → one IoTDA node with the demo credential, as the headless
// cases import and run it with `n8n execute`.
import { CREDENTIAL_TYPE, DEMO_CREDENTIAL } from '../../harness/examples.mjs';

/** `{id, name}` of the workflow, `node`: the IoTDA node's name, `parameters`: its parameters. */
export function manualWorkflow({ id, name, node, parameters }) {
	return {
		id,
		name,
		nodes: [
			{
				id: 'trigger',
				name: 'Run Now',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'iotda',
				name: node,
				type: 'n8n-nodes-huaweicloud-iotda.huaweiCloudIotda',
				typeVersion: 1,
				position: [300, 0],
				parameters,
				credentials: { [CREDENTIAL_TYPE]: { ...DEMO_CREDENTIAL } },
			},
		],
		connections: { 'Run Now': { main: [[{ node, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}
