/**
 * Issue #13, upgrades against the emulator in both server generations (docs/emulator.md "Server
 * generations"): `package_ids` with one or several packages, the one-time `package_id` retry after a 400 on
 * a legacy server (reported in the output), a clear error for several packages on a legacy server, and the
 * `moduleUpgrade` task type (created, listed by Get Many, confirmed with Confirm).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../../../../emulator';
import { credentialsFor } from '../../../../../helpers/emulatorCredentials';
import { errorContext, errorMessage } from '../../../../../helpers/errorItem';
import { runNode } from '../../../../../helpers/engine';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ port: 0, seed: 3, speed: 1 });
});
afterAll(async () => emu?.close());
beforeEach(() => {
	emu.reset();
	emu.setGeneration('current');
});

const packagesOf = (type: string) =>
	emu
		.state()
		.catalog.packages.filter((p) => p.package_type === type)
		.map((p) => p.package_id);
const creates = () => emu.log.filter((e) => e.method === 'POST' && e.path.endsWith('/batchtasks'));

async function run(parameters: INodeParameters, continueOnFail = false) {
	return await runNode({
		parameters,
		credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
		continueOnFail,
	});
}

const upgrade = (
	packageId: INodeParameters[string],
	extra: INodeParameters = {},
): INodeParameters => ({
	resource: 'batchTask',
	operation: 'create',
	taskType: 'firmwareUpgrade',
	taskName: 'fw_rollout',
	deviceIds: 'dev-0001,dev-0002',
	packageId,
	...extra,
});

describe('upgrade packages (package_ids) in both server generations', () => {
	it('current: one package is sent once as package_ids, and the output says so', async () => {
		const [fw] = packagesOf('firmwarePackage');
		const out = await run(upgrade([fw]));
		expect(creates().map((e) => e.status)).toEqual([201]);
		expect((emu.state().tasks[0].view as IDataObject).document).toEqual({ package_ids: [fw] });
		expect(out[0].json.upgrade_document_form).toBe('package_ids');
	});

	it('current: two packages (JSON text from an expression) create one task with both', async () => {
		const [a, b] = packagesOf('firmwarePackage');
		const out = await run(upgrade(JSON.stringify([a, b])));
		expect(creates().map((e) => e.status)).toEqual([201]);
		expect((emu.state().tasks[0].view as IDataObject).document).toEqual({ package_ids: [a, b] });
		expect(out[0].json.upgrade_document_form).toBe('package_ids');
	});

	it('legacy: one package is refused as package_ids (400) and created once more as package_id; the output reports it', async () => {
		emu.setGeneration('legacy');
		const [fw] = packagesOf('firmwarePackage');
		const out = await run(upgrade(fw));
		expect(creates().map((e) => e.status)).toEqual([400, 201]);
		expect(emu.tasks()).toHaveLength(1);
		expect((emu.state().tasks[0].view as IDataObject).document).toEqual({ package_id: fw });
		expect(out[0].json.upgrade_document_form).toBe('package_id');
		expect(String(out[0].json.upgrade_document_note)).toContain('document.package_ids was refused');
	});

	it('legacy: two packages fail with a clear error and nothing is created', async () => {
		emu.setGeneration('legacy');
		const [a, b] = packagesOf('firmwarePackage');
		const out = await run(upgrade([a, b]), true);
		expect(creates().map((e) => e.status)).toEqual([400]);
		expect(emu.tasks()).toHaveLength(0);
		expect(errorMessage(out[0])).toMatch(
			/^IoTDA refused an upgrade with 2 packages \(document\.package_ids\): .*IOTDA\.000006.*\[item 0\]$/,
		);
		expect(errorContext(out[0]).description).toContain('create one task per package');
	});

	it('a 400 in both forms shows both refusals; exactly two requests, no task', async () => {
		emu.setGeneration('legacy');
		// A firmware upgrade with a software package: the legacy server refuses package_ids, then the package kind.
		const [sw] = packagesOf('softwarePackage');
		const out = await run(upgrade(sw), true);
		expect(creates().map((e) => e.status)).toEqual([400, 400]);
		expect(emu.tasks()).toHaveLength(0);
		const message = errorMessage(out[0]);
		expect(message).toMatch(
			/^IoTDA refused the upgrade in both document forms: document\.package_ids → .*package_ids is not supported.*; document\.package_id → .*softwarePackage.*\[item 0\]$/,
		);
	});

	it('a package id with "_" is refused before any request, naming field and item', async () => {
		const out = await run(upgrade('pkg_1'), true);
		expect(errorMessage(out[0])).toBe(
			'Package IDs may contain only letters, digits and hyphens: "pkg_1" [item 0]',
		);
		expect(emu.log).toHaveLength(0);
	});
});

describe('moduleUpgrade', () => {
	it('is created with module packages and Need Confirm, listed by Get Many, confirmed by Confirm', async () => {
		const modules = packagesOf('modulePackage');
		expect(modules.length).toBeGreaterThan(0);
		const created = await run({
			...upgrade(modules, { taskType: 'moduleUpgrade', taskName: 'module_rollout' }),
			additionalFields: { needConfirm: true },
		});
		const taskId = String(created[0].json.task_id);
		const stored = emu.state().tasks[0].view as IDataObject;
		expect([stored.task_type, stored.need_confirm, stored.document]).toEqual([
			'moduleUpgrade',
			true,
			{ package_ids: modules },
		]);
		// Gateway mode / task_ext_info belong to firmware and software upgrades only.
		expect([stored.task_mode, stored.task_ext_info]).toEqual([undefined, undefined]);

		const listed = await run({
			resource: 'batchTask',
			operation: 'getAll',
			taskType: 'moduleUpgrade',
			returnAll: true,
		});
		expect(listed.map((i) => i.json.task_id)).toEqual([taskId]);
		expect(emu.log.at(-1)?.query).toContain('task_type=moduleUpgrade');

		emu.clock.advance(5000);
		const confirmed = await run({
			resource: 'batchTask',
			operation: 'confirm',
			taskId: { __rl: true, mode: 'id', value: taskId },
		});
		expect(JSON.stringify(confirmed)).not.toContain('"error"');
		expect(emu.log.filter((e) => e.path.endsWith('/confirm')).map((e) => e.status)).toEqual([200]);
	});
});
