// The example workflows in examples/, and how the demo/e2e point them at local files and
// at the account's firmware package (users do the same by editing the "Rollout Settings" node).
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './package-under-test.mjs';

export const examplesDir = path.join(repoRoot, 'examples');
export const DEMO_CREDENTIAL = Object.freeze({
	id: 'iotdaDemoCred001',
	name: 'Huawei Cloud IoTDA (demo)',
});
export const CREDENTIAL_TYPE = 'huaweiCloudIotdaApi';

export function loadExample(fileName) {
	return JSON.parse(fs.readFileSync(path.join(examplesDir, fileName), 'utf8'));
}

export function listExamples() {
	return fs
		.readdirSync(examplesDir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((fileName) => ({ fileName, workflow: loadExample(fileName) }));
}

export function nodeNamed(workflow, name) {
	const node = workflow.nodes.find((n) => n.name === name);
	if (!node) throw new Error(`workflow "${workflow.name}" has no node "${name}"`);
	return node;
}

/** Sets a value of a Set (Edit Fields) node's assignment. */
export function setAssignment(workflow, nodeName, field, value) {
	const node = nodeNamed(workflow, nodeName);
	const assignment = node.parameters.assignments.assignments.find((a) => a.name === field);
	if (!assignment) throw new Error(`node "${nodeName}" has no field "${field}"`);
	assignment.value = value;
}

/** A copy of the workflow with every IoTDA node using the given credential. */
export function withCredential(workflow, credential = DEMO_CREDENTIAL) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		if (node.credentials?.[CREDENTIAL_TYPE]) node.credentials[CREDENTIAL_TYPE] = { ...credential };
	}
	return copy;
}
