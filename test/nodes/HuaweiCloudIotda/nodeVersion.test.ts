/**
 * Issue #30: Create's settings are regrouped in node version 2 (formVersion.ts). New nodes get version 2; a
 * workflow saved with version 1 keeps its form and runs exactly as before; version 2 runs the same settings
 * the same way, and a value that cannot apply is kept (shown with its warning) and refused by name. Through
 * n8n's engine and n8n's own display logic (NodeHelpers.getNodeParameters, as the Workflow constructor runs it).
 */
import { NodeHelpers, type IDataObject, type INode, type INodeParameters } from 'n8n-workflow';

import { runNode } from '../../helpers/engine';
import { HuaweiCloudIotda } from '../../../nodes/HuaweiCloudIotda/HuaweiCloudIotda.node';

const description = new HuaweiCloudIotda().description;
const offline = {
	accessKeyId: 'AK',
	secretAccessKey: 'SK',
	projectId: 'p1',
	region: 'cn-north-4',
	endpoint: 'http://127.0.0.1:9',
};
const base = {
	resource: 'batchTask',
	operation: 'create',
	taskName: 'fw_1',
	deviceIds: 'dev-1, dev-2, dev-3, dev-4',
	taskType: 'firmwareUpgrade',
	packageId: 'pkg-1',
};

/** The same settings saved by each form version. */
const V1: IDataObject = {
	...base,
	// Need Confirm is left out: with waves it is refused by name (create/combinations.ts, #29 item 10).
	additionalFields: { gatewayMode: true, taskExtInfo: '{"note":"x"}' },
	options: {
		dryRun: true,
		waitForCompletion: true,
		rolloutWaves: '1, 100%',
		successThreshold: 80,
		pauseBetweenWaves: 5,
		pollInterval: 40,
		maxWait: 90,
		ifTaskExists: 'returnExisting',
		idempotencyKey: 'k-1',
		timeout: 5000,
	},
};
const V2: IDataObject = {
	...base,
	gatewayMode: true,
	taskExtInfo: '{"note":"x"}',
	dryRun: true,
	waitForCompletion: true,
	rolloutWaves: '1, 100%',
	successThreshold: 80,
	pauseBetweenWaves: 5,
	pollInterval: 40,
	maxWait: 90,
	taskOptions: { ifTaskExists: 'returnExisting', idempotencyKey: 'k-1' },
	options: { timeout: 5000 },
};

async function run(parameters: IDataObject, typeVersion: number) {
	const out = await runNode({
		parameters: parameters as INodeParameters,
		credentials: offline,
		continueOnFail: true,
		typeVersion,
	});
	return out.map((o) => o.json);
}

/** `parameters` without the fields at their default (resource, operation, task type), which n8n does not store. */
function withoutDefaults(parameters: IDataObject): IDataObject {
	const stored = { ...parameters };
	for (const name of ['resource', 'operation', 'taskType']) delete stored[name];
	return stored;
}

/** What n8n keeps of `parameters` when it loads a node of `typeVersion` (Workflow constructor). */
function kept(parameters: IDataObject, typeVersion: number) {
	const node = { typeVersion, parameters } as unknown as INode;
	return NodeHelpers.getNodeParameters(
		description.properties,
		parameters as INodeParameters,
		false,
		false,
		node,
		description,
	);
}

/** The properties n8n displays for `parameters` on a node of `typeVersion`. */
function displayed(parameters: IDataObject, typeVersion: number) {
	const node = { typeVersion, parameters } as unknown as INode;
	const values = NodeHelpers.getNodeParameters(
		description.properties,
		parameters as INodeParameters,
		true,
		false,
		node,
		description,
	)!;
	return description.properties.filter(
		(p) => p.type !== 'hidden' && NodeHelpers.displayParameter(values, p, node, description),
	);
}

describe('node versions', () => {
	it('new nodes get version 2; version 1 stays loadable', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('a workflow saved with version 1 keeps every setting it stored (n8n drops none on load)', () => {
		// n8n stores only values that differ from the default; every collection value is kept as saved.
		expect(kept(V1, 1)).toEqual(withoutDefaults(V1));
	});

	it('version 1 runs as before, and version 2 runs the same settings the same way', async () => {
		const v1 = await run(V1, 1);
		expect(v1[0].error).toBeUndefined();
		expect(v1.map((item) => item.wave)).toEqual([1, 2]);
		// The wave plan and the upgrade fields of the body come from the version 1 options.
		expect(JSON.stringify(v1)).toContain('"task_mode":"GATEWAY"');
		expect(JSON.stringify(v1)).toContain('GATEWAY');
		const v2 = await run(V2, 2);
		// Version 2 adds a one-line summary to each Dry Run item; the rest is version 1's output.
		expect(v2.map((item) => ({ ...item, summary: undefined }))).toEqual(v1);
		expect(v2.map((item) => item.summary)).toEqual([
			'Would create 2 waves, one task each: 1 and 3 devices',
			'Would create 2 waves, one task each: 1 and 3 devices',
		]);
		expect(v1[0].summary).toBeUndefined();
	});

	it('version 2 Dry Run items of a split say what would be created', async () => {
		const ids = Array.from({ length: 60_050 }, (_, i) => `d-${i}`);
		const out = await run({ ...base, taskType: 'freezeDevices', deviceIds: ids, dryRun: true }, 2);
		expect(out.map((item) => item.summary)).toEqual(
			Array(3).fill('Would create 3 tasks: 30,000, 30,000 and 50 devices'),
		);
		expect(kept(V2, 2)).toEqual(withoutDefaults(V2));
	});

	it('version 2 shows Wait for Completion, the rollout and Dry Run as fields, request settings last', () => {
		const names = displayed({ ...base, waitForCompletion: true }, 2).map((p) => p.displayName);
		const at = (name: string) => names.indexOf(name);
		for (const name of [
			'Wait for Completion',
			'Staged Rollout Waves',
			'Dry Run',
			'Request Options',
		])
			expect(at(name)).toBeGreaterThan(-1);
		expect(at('Wait for Completion')).toBeLessThan(at('Staged Rollout Waves'));
		expect(at('Staged Rollout Waves')).toBeLessThan(at('Additional Fields'));
		expect(names[names.length - 1]).toBe('Request Options');
		expect(names).not.toContain('Options');
	});

	it('version 2 does not offer what cannot apply: no upgrade fields on Freeze Devices, no wave settings without waves', () => {
		const names = displayed({ ...base, taskType: 'freezeDevices' }, 2).map((p) => p.name);
		for (const name of [
			'gatewayMode',
			'needConfirm',
			'taskExtInfo',
			'rolloutWaves',
			'successThreshold',
		])
			expect(names).not.toContain(name);
		const waiting = displayed({ ...base, waitForCompletion: true }, 2).map((p) => p.name);
		expect(waiting).toContain('rolloutWaves');
		expect(waiting).not.toContain('pauseBetweenWaves');
	});

	it('version 2 keeps an imported value that cannot apply, shows it with a warning and refuses it by name', async () => {
		const imported = { ...base, taskType: 'freezeDevices', gatewayMode: true, dryRun: true };
		expect(kept(imported, 2)).toMatchObject({ taskType: 'freezeDevices', gatewayMode: true });
		const shown = displayed(imported, 2).find((p) => p.name === 'gatewayMode');
		expect(shown?.hint).toMatch(/^Not used here: needs an upgrade Task Type/);
		const [item] = await run(imported, 2);
		expect(String((item.error as IDataObject)?.message)).toMatch(/Gateway Mode/);

		const perItem = {
			...base,
			batchMode: 'perItem',
			waitForCompletion: true,
			rolloutWaves: '1, 100%',
			dryRun: true,
		};
		expect(kept(perItem, 2)).toMatchObject({ batchMode: 'perItem', rolloutWaves: '1, 100%' });
		const [refused] = await run(perItem, 2);
		expect(String((refused.error as IDataObject)?.message)).toMatch(
			/Staged Rollout Waves.*Batch Mode/,
		);
	});
});
