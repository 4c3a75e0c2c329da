// Copies of the rollout example for e2e cases: own workflow id, device sheet and credential.
import { loadExample, setAssignment, withCredential } from '../../harness/examples.mjs';
import { ROLLOUT_EXAMPLE } from '../../harness/stage.mjs';

export const CREATE_NODE = 'Create Firmware Rollout';
export const SUMMARY_NODE = 'Rollout Summary';

export function rolloutWorkflow({ id, devicesFile, firmwarePackageId, credential }) {
	const workflow = withCredential(loadExample(ROLLOUT_EXAMPLE), credential);
	workflow.id = id;
	workflow.name = `${workflow.name} (e2e ${id})`;
	setAssignment(workflow, 'Rollout Settings', 'devicesFile', devicesFile);
	setAssignment(workflow, 'Rollout Settings', 'firmwarePackageId', firmwarePackageId);
	return workflow;
}
