/**
 * Issue #21: combinations the node cannot honour are refused before any request, with an error naming both
 * settings and what to do instead (the kind, one case each; optionRules.test.ts enumerates all of them).
 */
import type { INodeParameters } from 'n8n-workflow';
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../../../emulator';
import { credentialsFor } from '../../../../helpers/emulatorCredentials';
import { runNode } from '../../../../helpers/engine';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ port: 0, seed: 5 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const fw = () =>
	emu.state().catalog.packages.find((p) => p.package_type === 'firmwarePackage')!.package_id;
const base = (extra: INodeParameters) => ({
	resource: 'batchTask',
	operation: 'create',
	taskType: 'firmwareUpgrade',
	taskName: 'refused',
	packageId: fw(),
	deviceIds: 'dev-0001, dev-0002, dev-0003',
	...extra,
});
const refusal = async (parameters: INodeParameters) => {
	const error = await runNode({
		parameters,
		credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
	}).catch((e: Error) => e);
	expect(emu.log).toHaveLength(0);
	return (error as Error).message;
};

it.each([
	[
		'waves × One Task per Item',
		{ batchMode: 'perItem', options: { waitForCompletion: true, rolloutWaves: '10%, 100%' } },
		/^Staged Rollout Waves needs Batch Mode "One Task for All Items" .*, but Batch Mode is "perItem"; otherwise the waves would be dropped/,
	],
	[
		'waves without Wait for Completion',
		{ options: { rolloutWaves: '10%, 100%' } },
		/^Staged Rollout Waves needs Wait for Completion on, but Wait for Completion is not set/,
	],
	[
		'waves on a task type that cannot be staged',
		{ taskType: 'freezeDevices', options: { waitForCompletion: true, rolloutWaves: '1, 100%' } },
		/^Staged Rollout Waves needs a Task Type that can be staged/,
	],
	[
		'Success Threshold without waves',
		{ options: { successThreshold: 80 } },
		/^Success Threshold \(%\) needs Staged Rollout Waves, but Staged Rollout Waves is not set/,
	],
	[
		'Idempotency Key × Create Anyway',
		{ options: { idempotencyKey: 'k' } },
		/^Idempotency Key needs If a Task With This Name Exists "Return Existing Task" or "Fail" .*; otherwise a re-run would create a second task/,
	],
	[
		'Device Results × waves',
		{ options: { waitForCompletion: true, rolloutWaves: '1, 100%', deviceOutput: 'items' } },
		/^Device Results needs no Staged Rollout Waves/,
	],
	[
		'Max Wait without waiting',
		{ options: { maxWait: 5 } },
		/^Max Wait \(Minutes\) needs Wait for Completion on/,
	],
	[
		'If More Tasks × Device Group IDs',
		{ targetSource: 'groupIds', groupIds: 'g-1', options: { tooManyTasks: 'createWhatFits' } },
		/^If More Tasks Than the Maximum needs Target Source "Device IDs"/,
	],
	[
		'If More Tasks without a maximum (0 = not checked: there is nothing to exceed)',
		{ options: { tooManyTasks: 'createWhatFits', maxTasks: 0 } },
		/^If More Tasks Than the Maximum needs a Max Tasks per Run above 0 \(0 or empty = not checked\), but Max Tasks per Run is 0; otherwise without a maximum there is nothing to exceed/,
	],
	[
		'If More Tasks with Max Tasks per Run not set',
		{ options: { tooManyTasks: 'fail' } },
		/^If More Tasks Than the Maximum needs a Max Tasks per Run above 0 .*, but Max Tasks per Run is not set/,
	],
	[
		'Gateway Mode on a command task (e.g. from an expression)',
		{
			taskType: 'createCommands',
			serviceId: 'Switch',
			commandName: 'ON_OFF',
			additionalFields: { gatewayMode: true },
		},
		/^Gateway Mode needs an upgrade Task Type/,
	],
	[
		'Document (JSON) with the form’s Package ID',
		{ additionalFields: { documentJson: '{"package_ids":["p"]}' } },
		/^Document \(JSON\) replaces the document the form builds, so Package IDs would be ignored; clear Package IDs or remove Document \(JSON\)/,
	],
	[
		'an upgrade field in a command task’s Document (JSON)',
		{
			taskType: 'createCommands',
			additionalFields: {
				documentJson: '{"service_id":"S","command_name":"C","paras":{},"package_ids":["p"]}',
			},
		},
		/^Document \(JSON\) has package_ids, which a Sync Commands task does not take/,
	],
	[
		'Gateway Mode on a module upgrade (no task mode there)',
		{ taskType: 'moduleUpgrade', additionalFields: { gatewayMode: true } },
		/^Gateway Mode needs an upgrade Task Type \(Firmware Upgrade, Software Upgrade\)/,
	],
	[
		'Max Tasks per Run × waves (a rollout is never split)',
		{ options: { waitForCompletion: true, rolloutWaves: '10%, 100%', maxTasks: 3 } },
		/^Max Tasks per Run needs no Staged Rollout Waves/,
	],
	[
		'Document (JSON) with the form’s MQTT 5 properties',
		{
			taskType: 'createMessages',
			messageOptions: { correlationData: 'c-1' },
			additionalFields: { documentJson: '{"message":"raw"}' },
		},
		/^Document \(JSON\) replaces the document the form builds, so Message Options would be ignored/,
	],
	[
		'a foreign key is named before a missing required key',
		{ taskType: 'createCommands', additionalFields: { documentJson: '{"package_ids":["p"]}' } },
		/^Document \(JSON\) has package_ids, which a Sync Commands task does not take/,
	],
])('%s', async (_name, extra, message) => {
	expect(await refusal(base(extra as INodeParameters))).toMatch(message);
});

describe('accepted after the merge of #13 and #21', () => {
	const dryBody = async (extra: INodeParameters) => {
		const out = await runNode({
			parameters: base({ ...extra, options: { dryRun: true } }),
			credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
		});
		expect(emu.log.filter((e) => e.method === 'POST')).toHaveLength(0);
		return out[0].json.body as Record<string, unknown>;
	};

	it('an untouched {} Document (JSON) on a type without a document is ignored, not refused', async () => {
		const body = await dryBody({
			taskType: 'freezeDevices',
			additionalFields: { documentJson: '{}' },
		});
		expect(body).not.toHaveProperty('document');
	});

	it('Document (JSON) with Packages left at its default [] replaces the form’s document', async () => {
		const body = await dryBody({
			packageId: [],
			additionalFields: { documentJson: '{"package_ids":["pkg-raw"]}' },
		});
		expect(body.document).toEqual({ package_ids: ['pkg-raw'] });
	});

	it('Need Confirm on a module upgrade is sent', async () => {
		const module = emu
			.state()
			.catalog.packages.find((p) => p.package_type === 'modulePackage')!.package_id;
		const body = await dryBody({
			taskType: 'moduleUpgrade',
			packageId: [module],
			additionalFields: { needConfirm: true },
		});
		expect(body.need_confirm).toBe(true);
	});
});
