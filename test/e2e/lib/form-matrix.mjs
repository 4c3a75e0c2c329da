// Issue #30: the workflows the editor case opens to look for false parameter-issue markers — one new node of
// every resource, operation and task type (form version 2, the version new nodes get), both trigger modes, and
// one control node that lacks its required Task Name (the marker must show there, so the check can fail).
// Built from the node description of the package under test, so a new resource, operation or task type is
// opened without editing this file. Every required field a form shows gets a value; nothing else is set.
import { createRequire } from 'node:module';
import path from 'node:path';
import { DEMO_CREDENTIAL, CREDENTIAL_TYPE } from '../../harness/examples.mjs';
import { packageName, repoRoot } from '../../harness/package-under-test.mjs';

const require = createRequire(import.meta.url);
const load = (file, name) => new (require(path.join(repoRoot, 'dist', file))[name])().description;

const options = (description, name) =>
	description.properties.filter((p) => p.name === name).flatMap((p) => p.options ?? []);

/** A value n8n's editor accepts for a required field of this type. */
function filled(property) {
	if (property.type === 'resourceLocator') {
		// The form's own example of an ID ("e.g. 5f1c…"), which its By ID validation accepts.
		const byId = property.modes.find((m) => m.name === 'id');
		return { __rl: true, mode: 'id', value: byId.placeholder.replace(/^e\.g\. /, '') };
	}
	if (property.type === 'multiOptions') return [property.options[0].value];
	if (property.type === 'string') return property.name === 'taskName' ? 'e2e_task' : 'e2e-1';
	return property.default;
}

/** A value for every required field of this resource and operation (fields of other conditions included). */
function requiredValues(description, resource, operation) {
	const values = {};
	for (const p of description.properties) {
		const show = p.displayOptions?.show ?? {};
		const here =
			(!show.resource || show.resource.includes(resource)) &&
			(!show.operation || show.operation.includes(operation));
		if (here && p.required && !(p.name in values)) values[p.name] = filled(p);
	}
	return values;
}

function workflow(id, name, node) {
	return {
		id,
		name,
		active: false,
		nodes: [
			{
				id: `${id}-node`,
				position: [0, 0],
				credentials: { [CREDENTIAL_TYPE]: { ...DEMO_CREDENTIAL } },
				...node,
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** [{ id, nodeName, expectIssue }] workflows, one node each. */
export function formMatrix() {
	const action = load('nodes/HuaweiCloudIotda/HuaweiCloudIotda.node.js', 'HuaweiCloudIotda');
	const trigger = load(
		'nodes/HuaweiCloudIotdaTrigger/HuaweiCloudIotdaTrigger.node.js',
		'HuaweiCloudIotdaTrigger',
	);
	const version = action.defaultVersion;
	const cases = [];
	const add = (nodeName, type, typeVersion, parameters, expectIssue = false) => {
		const id = `iotdaE2eForm${String(cases.length).padStart(3, '0')}`;
		cases.push({
			id,
			nodeName,
			expectIssue,
			workflow: workflow(id, `Form check: ${nodeName}`, {
				name: nodeName,
				type,
				typeVersion,
				parameters,
			}),
		});
	};
	const actionType = `${packageName}.${action.name}`;
	for (const { value: resource } of options(action, 'resource')) {
		const operations = action.properties
			.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource))
			.flatMap((p) => p.options);
		for (const { value: operation } of operations) {
			const taskTypes =
				resource === 'batchTask' && operation === 'create'
					? action.properties.find(
							(p) => p.name === 'taskType' && p.displayOptions?.show?.operation?.includes('create'),
						).options
					: [{}];
			const required = requiredValues(action, resource, operation);
			for (const { value: taskType } of taskTypes)
				add(`${resource} ${operation}${taskType ? ` ${taskType}` : ''}`, actionType, version, {
					...required,
					resource,
					operation,
					...(taskType ? { taskType } : {}),
				});
		}
	}
	add(
		'control: Create without Task Name',
		actionType,
		version,
		{
			...requiredValues(action, 'batchTask', 'create'),
			resource: 'batchTask',
			operation: 'create',
			taskName: '',
		},
		true,
	);
	for (const mode of ['push', 'poll'])
		add(`trigger ${mode}`, `${packageName}.${trigger.name}`, 1, { mode });
	return cases;
}
