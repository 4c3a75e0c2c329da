// Child process of test/compat/oldestN8n.test.ts (a separate process so that nothing from the repo's own
// n8n-workflow 2.x leaks in). Loads the built package with the n8n-core loader and n8n-workflow of an old n8n
// (the install folder given), the way n8n loads a community package, then runs the node's execute() once:
// one valid Create Batch Task and one item with a bad device ID under Continue On Fail. Prints one JSON line:
//   { nodeTypes, credentialTypes, trigger: {outputs}, node: {inputs, outputs, iconUrl, usableAsTool}, credentialIconUrl,
//     form: {cases, mismatches}, output: [{json, error, pairedItem}], sent: [{method, url, authorization}],
//     workflowVersion, coreVersion }
//
//   node loadInOldN8n.cjs <n8n install folder> <package folder>
const path = require('node:path');
const { createRequire } = require('node:module');

const [installDir, packageDir] = process.argv.slice(2);
const fromInstall = createRequire(path.join(installDir, 'package.json'));
const { PackageDirectoryLoader } = fromInstall('n8n-core');

const CREDENTIALS = {
	accessKeyId: 'AKCOMPATOLDN8N00000',
	secretAccessKey: 'SKCOMPATOLDN8N0000000000000000000',
	projectId: 'p1',
	region: 'cn-north-4',
	endpoint: 'http://127.0.0.1:9',
	signingMode: 'auto',
};

const PARAMETERS = {
	resource: 'batchTask',
	operation: 'create',
	taskType: 'freezeDevices',
	taskName: '={{ $json.name }}',
	targetSource: 'deviceIds',
	deviceIds: '={{ $json.devices }}',
	batchMode: 'perItem',
	additionalFields: {},
	options: {},
};

/** A minimal IExecuteFunctions: parameters from PARAMETERS (expressions resolved from the item), HTTP answered here. */
function executeContext(node, credentialType, items, sent) {
	const nodeData = {
		id: 'n1',
		name: 'IoTDA',
		type: 'n8n-nodes-huaweicloud-iotda.huaweiCloudIotda',
		typeVersion: 1,
		position: [0, 0],
		parameters: PARAMETERS,
	};
	const parameter = (name, itemIndex, fallback) => {
		const value = PARAMETERS[name];
		if (typeof value === 'string' && value.startsWith('={{ $json.'))
			return items[itemIndex].json[value.slice(10, -3)];
		return value === undefined ? fallback : value;
	};
	return {
		getNode: () => nodeData,
		getInputData: () => items,
		getNodeParameter: parameter,
		getCurrentNodeParameter: (name) => parameter(name, 0),
		getTimezone: () => 'UTC',
		continueOnFail: () => true,
		getCredentials: async () => CREDENTIALS,
		helpers: {
			httpRequestWithAuthentication: async (type, options) => {
				if (type !== credentialType.name) throw new Error(`unexpected credential type ${type}`);
				const signed = await credentialType.authenticate(CREDENTIALS, options);
				sent.push({
					method: signed.method,
					url: signed.url,
					authorization: String(signed.headers?.Authorization ?? '').split(' ')[0],
				});
				if (signed.method === 'POST')
					return { statusCode: 201, headers: {}, body: { task_id: `task-${sent.length}` } };
				return { statusCode: 200, headers: {}, body: { batchtasks: [], page: { count: 0 } } };
			},
		},
	};
}

/** One value per rule condition on a sibling option that makes the condition hold. */
function satisfying(condition) {
	if (condition.values) return condition.values[0];
	if (condition.above !== undefined) return condition.above + 1;
	return condition.set ? '10%, 100%' : undefined;
}

/**
 * The Create form in this n8n's own editor logic (n8n-workflow's NodeHelpers.displayParameter): for every
 * option rule, with its sibling conditions unmet and met, exactly one copy of the option is displayed, and it
 * is the applicable one exactly when the node's validator (actions/batchTask/create/optionRules.js failingCondition, from the
 * built package) accepts the option. Returns the mismatches and the number of cases checked.
 */
function formAgreement(node) {
	const { NodeHelpers } = fromInstall('n8n-workflow');
	const { CREATE_OPTION_RULES } = require(
		path.join(
			packageDir,
			'dist/nodes/HuaweiCloudIotda/actions/batchTask/create/createOptionRules.js',
		),
	);
	const { failingCondition } = require(
		path.join(packageDir, 'dist/nodes/HuaweiCloudIotda/actions/batchTask/create/optionRules.js'),
	);
	const settings = {
		taskType: 'firmwareUpgrade',
		targetSource: 'deviceIds',
		batchMode: 'aggregate',
	};
	const root = { resource: 'batchTask', operation: 'create', ...settings };
	const options = node.description.properties.find(
		(p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('create'),
	).options;
	const mismatches = [];
	let cases = 0;
	for (const rule of CREATE_OPTION_RULES.filter((r) => r.collection === 'options')) {
		const siblings = rule.when.filter((c) => !c.key.startsWith('/'));
		const met = Object.fromEntries(siblings.map((c) => [c.key, satisfying(c)]));
		for (const values of [{ [rule.name]: 1 }, { ...met, [rule.name]: 1 }]) {
			cases++;
			const shown = options.filter(
				(o) => o.name === rule.name && NodeHelpers.displayParameter(values, o, null, root),
			);
			const accepted = failingCondition(rule, settings, values) === undefined;
			const applicable = shown.length === 1 && !shown[0].description.startsWith('Not used here');
			if (shown.length !== 1 || applicable !== accepted)
				mismatches.push(
					`${rule.name} with ${JSON.stringify(values)}: ${shown.length} copies shown, validator ${accepted ? 'accepts' : 'refuses'}`,
				);
		}
	}
	return { cases, mismatches };
}

async function main() {
	const loader = new PackageDirectoryLoader(packageDir);
	await loader.loadAll();
	const node = loader.nodeTypes['n8n-nodes-huaweicloud-iotda.huaweiCloudIotda'].type;
	const credential = loader.credentialTypes.huaweiCloudIotdaApi.type;
	const items = [
		{ json: { name: 'freeze_ok', devices: 'dev-0001,dev-0002' } },
		{ json: { name: 'freeze_bad', devices: 'dev-0003,dev#4' } },
	];
	const sent = [];
	const [output] = await node.execute.call(executeContext(node, credential, items, sent));
	process.stdout.write(
		JSON.stringify({
			nodeTypes: Object.keys(loader.nodeTypes),
			credentialTypes: Object.keys(loader.credentialTypes),
			trigger: {
				outputs:
					loader.nodeTypes['n8n-nodes-huaweicloud-iotda.huaweiCloudIotdaTrigger']?.type.description
						.outputs,
			},
			node: {
				inputs: node.description.inputs,
				outputs: node.description.outputs,
				iconUrl: node.description.iconUrl,
				usableAsTool: node.description.usableAsTool,
			},
			credentialIconUrl: credential.iconUrl,
			form: formAgreement(node),
			output: output.map((item) => ({
				json: item.json,
				error: item.error?.message,
				pairedItem: item.pairedItem,
			})),
			sent,
			workflowVersion: fromInstall('n8n-workflow/package.json').version,
			coreVersion: fromInstall('n8n-core/package.json').version,
		}) + '\n',
	);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
