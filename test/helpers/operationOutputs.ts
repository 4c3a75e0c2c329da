/**
 * Real outputs of every operation, with its default parameters (Simplify on), run through the node against the
 * emulator: what the shipped `__schema__` files describe
 * (test/nodes/HuaweiCloudIotda/__schema__/outputSchemas.test.ts). Each operation runs in the variants that change
 * which fields appear (a scheduled task has schedule_time, a failed device an error).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { createUpgrade, devices, fwPackage, ghosts, locator, runOn } from '../fixtures/emulatorRun';
import { deviceSheet } from './xlsx';

export type OperationKey = `${'batchTask' | 'batchTaskFile' | 'device' | 'rollout'}/${string}`;

const json = (out: INodeExecutionData[]): IDataObject[] => out.map((o) => o.json);

async function batchTaskOutputs(
	emu: Emulator,
	out: Map<OperationKey, IDataObject[]>,
): Promise<void> {
	const run = async (operation: string, parameters: Record<string, unknown>) => {
		const key: OperationKey = `batchTask/${operation}`;
		out.set(key, [
			...(out.get(key) ?? []),
			...json(
				await runOn(emu, { parameters: { resource: 'batchTask', operation, ...parameters } }),
			),
		]);
	};
	const upgrade = {
		taskType: 'firmwareUpgrade',
		packageId: fwPackage(emu),
		deviceIds: devices(3).join(','),
	};
	await run('create', { ...upgrade, taskName: 'schema_plain' });
	await run('create', {
		...upgrade,
		taskName: 'schema_scheduled',
		additionalFields: { scheduleTime: new Date(Date.now() + 3600_000).toISOString() },
	});
	const groupId = emu.state().catalog.groups[0].group_id;
	await run('create', {
		taskType: 'firmwareUpgrade',
		packageId: fwPackage(emu),
		targetSource: 'groupIds',
		groupIds: groupId,
		taskName: 'schema_group',
	});
	const [finished, deletable] = emu.seedFinishedTasks(2, {
		taskType: 'firmwareUpgrade',
		targets: ghosts(2),
	});
	const running = await createUpgrade(emu, 'schema_running', devices(2));
	await run('get', { taskId: locator(finished) });
	await run('get', { taskId: locator(running) });
	const scheduled = out
		.get('batchTask/create')!
		.find((task) => task.task_name === 'schema_scheduled')!;
	await run('get', { taskId: locator(String(scheduled.task_id)) });
	await run('getAll', { taskType: 'firmwareUpgrade', returnAll: true });
	await run('retry', {
		taskId: locator(finished),
		devices: 'listed',
		deviceIds: [...ghosts(2), 'not-in-task'].join(','),
	});
	await run('stop', {
		taskId: locator(running),
		devices: 'listed',
		deviceIds: [...devices(2), 'not-in-task'].join(','),
	});
	const confirmable = await createUpgrade(emu, 'schema_confirm', devices(2, 4), {
		need_confirm: true,
	});
	await run('confirm', {
		taskId: locator(confirmable),
		devices: 'listed',
		deviceIds: [...devices(2, 4), 'not-in-task'].join(','),
	});
	await run('delete', { taskId: locator(deletable) });
}

async function batchTaskFileOutputs(
	emu: Emulator,
	out: Map<OperationKey, IDataObject[]>,
): Promise<void> {
	const binary = {
		data: {
			data: deviceSheet(2).toString('base64'),
			fileName: 'BatchCreateDevices.xlsx',
			mimeType: 'application/octet-stream',
		},
	};
	const uploaded = json(
		await runOn(emu, {
			items: [{ json: {}, binary }],
			parameters: { resource: 'batchTaskFile', operation: 'upload' },
		}),
	);
	out.set('batchTaskFile/upload', uploaded);
	out.set(
		'batchTaskFile/getAll',
		json(
			await runOn(emu, {
				parameters: { resource: 'batchTaskFile', operation: 'getAll', returnAll: true },
			}),
		),
	);
	const fileId = { __rl: true, mode: 'id', value: String(uploaded[0].file_id) };
	out.set(
		'batchTaskFile/delete',
		json(
			await runOn(emu, { parameters: { resource: 'batchTaskFile', operation: 'delete', fileId } }),
		),
	);
}

async function deviceOutputs(emu: Emulator, out: Map<OperationKey, IDataObject[]>): Promise<void> {
	emu.config.searchRatePerSecond = 0; // outputs only: pacing is tested in actions/device
	const productId = emu.state().catalog.products[0].product_id;
	const filters = { productId, firmwareMatch: 'isNot', firmwareVersions: 'V1.2.0' };
	const runs: [string, Record<string, unknown>][] = [
		['get', { deviceId: 'dev-0001' }],
		['getAll', { limit: 3 }],
		['search', { limit: 3, ...filters }],
		['count', filters],
	];
	for (const [operation, parameters] of runs)
		out.set(
			`device/${operation}`,
			json(await runOn(emu, { parameters: { resource: 'device', operation, ...parameters } })),
		);
}

/** Rollout: a created wave, a status (null next_check_at), a halt and a rollback of a small rollout. */
async function rolloutOutputs(emu: Emulator, out: Map<OperationKey, IDataObject[]>): Promise<void> {
	const firmware = emu.state().catalog.packages.filter((p) => p.package_type === 'firmwarePackage');
	const [pkg, previous] = firmware;
	const settings = {
		rolloutName: 'schema_roll',
		packageIds: pkg.package_id,
		targetVersion: pkg.version,
		wavePlan: '50%, 100%',
		soakHours: 0,
		targetSource: 'deviceIds',
		deviceIds: devices(4, 20).join(','),
	};
	const runs: [string, Record<string, unknown>][] = [
		['advance', {}],
		['getStatus', {}],
		['rollBack', { rollbackPackageIds: previous.package_id }],
		['halt', {}],
	];
	for (const [operation, parameters] of runs)
		out.set(
			`rollout/${operation}`,
			json(
				await runOn(emu, {
					parameters: { resource: 'rollout', operation, ...settings, ...parameters },
				}),
			),
		);
}

/** Output JSON per `resource/operation`, every operation of the node included. */
export async function operationOutputs(emu: Emulator): Promise<Map<OperationKey, IDataObject[]>> {
	const out = new Map<OperationKey, IDataObject[]>();
	await batchTaskOutputs(emu, out);
	await batchTaskFileOutputs(emu, out);
	await deviceOutputs(emu, out);
	await rolloutOutputs(emu, out);
	return out;
}
