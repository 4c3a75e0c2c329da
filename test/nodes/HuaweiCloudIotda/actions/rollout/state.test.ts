/**
 * Rollout state reader against the emulator (task side): the rollout's tasks are found by name among every
 * page of ListBatchTasks of the type, with progress, create and schedule times, and targets; the device
 * versions come from an injected FleetReader, asked only for wave devices the target listing left out. Then
 * the step, on what was read, stops the twin of a raced wave.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	readRolloutState,
	type FleetReader,
} from '../../../../../nodes/HuaweiCloudIotda/actions/rollout/state';
import type {
	ObservedState,
	ReportedDevice,
} from '../../../../../nodes/HuaweiCloudIotda/actions/rollout/observed';
import { decideStep } from '../../../../../nodes/HuaweiCloudIotda/actions/rollout/step';
import { formatIotdaTime } from '../../../../emulator/time-format';
import { api, devices, fwPackage, useEmulator } from '../../../../fixtures/emulator';
import { nodeType } from '../../../../helpers/engine';
import { settings } from './builders';

const fixture = useEmulator({ seed: 11 });

async function* yieldAll(list: ReportedDevice[]) {
	for (const d of list) yield d;
}

/** A FleetReader over fixed devices that records what readDevices was asked. */
function fleetOf(targets: ReportedDevice[], others: ReportedDevice[]) {
	const asked: string[][] = [];
	const reader: FleetReader = {
		listTargets: () => yieldAll(targets),
		readDevices: (ids) => {
			asked.push([...ids]);
			return yieldAll(others.filter((d) => ids.includes(d.device_id)));
		},
	};
	return { reader, asked };
}

/** A node that reads the rollout's state through the real transport and outputs it. */
function readerNode(fleet: FleetReader, now: number): INodeType {
	return {
		description: {
			displayName: 'Rollout State',
			name: 'rolloutState',
			group: ['transform'],
			version: 1,
			description: 'Reads a rollout state',
			defaults: { name: 'Rollout State' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			// Our node's Authentication and credentials, so n8n-core signs the stand-in's requests alike.
			properties: nodeType.description.properties.filter((p) => p.name === 'authentication'),
			credentials: nodeType.description.credentials,
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const own = settings({ packageIds: [fwPackage(fixture.emu)] });
			const state = await readRolloutState.call(this, own, fleet, 0, now);
			return [[{ json: state as unknown as IDataObject }]];
		},
	};
}

async function create(
	name: string,
	targets: string[],
	extra: Record<string, unknown> = {},
	type = 'firmwareUpgrade',
) {
	const document = {
		package_ids: [
			type === 'firmwareUpgrade'
				? fwPackage(fixture.emu)
				: fixture.emu.state().catalog.packages.find((p) => p.package_type === 'softwarePackage')!
						.package_id,
		],
	};
	const reply = await api(fixture.emu, 'POST', '/batchtasks', {
		task_name: name,
		task_type: type,
		targets,
		document,
		...extra,
	});
	if (reply.status !== 201) throw new Error(reply.text);
	return reply.body.task_id as string;
}

async function read(fleet: FleetReader): Promise<ObservedState> {
	const now = fixture.emu.clock.now();
	const [out] = await fixture.run({ parameters: {}, nodeType: readerNode(fleet, now) });
	return out.json as unknown as ObservedState;
}

describe('Rollout state: read from IoTDA alone', () => {
	it('finds the rollout’s tasks by name across pages, with times, progress and targets; other names, types and packages are left out', async () => {
		fixture.emu.seedFinishedTasks(60, { taskType: 'firmwareUpgrade', namePrefix: 'noise' });
		const w1 = devices(3, 1);
		const w2 = devices(4, 4);
		const start = fixture.emu.clock.now() + 3600_000;
		const first = await create('roll_w1', w1);
		const twinA = await create('roll_w2', w2, {
			task_policy: { schedule_time: formatIotdaTime(start) },
		});
		const twinB = await create('roll_w2', w2, {
			task_policy: { schedule_time: formatIotdaTime(start) },
		});
		await create('roll_w1_old', w1);
		await create('rollout_w1', w1);
		await create('roll_w3', w1, {}, 'softwareUpgrade');
		const otherPackage = fixture.emu
			.state()
			.catalog.packages.find(
				(p) => p.package_type === 'firmwarePackage' && p.package_id !== fwPackage(fixture.emu),
			)!.package_id;
		const lookAlike = await create('roll_w3', w1, { document: { package_ids: [otherPackage] } });
		const upgradedW1 = w1.map((id) => ({ device_id: id, fw_version: '2.0' }));
		const { reader, asked } = fleetOf(
			devices(5, 20).map((id) => ({ device_id: id, fw_version: '1.0' })),
			upgradedW1,
		);

		const state = await read(reader);

		expect(state.tasks.map((t) => [t.taskName, t.taskId]).sort()).toEqual(
			[
				['roll_w1', first],
				['roll_w2', twinA],
				['roll_w2', twinB],
			].sort(),
		);
		const twin = state.tasks.find((t) => t.taskId === twinA)!;
		expect(twin).toMatchObject({
			targets: w2,
			scheduledAt: Math.floor(start / 1000) * 1000,
			status: expect.stringMatching(/Initializing|Waitting/),
		});
		expect(Math.abs(twin.createdAt - fixture.emu.clock.now())).toBeLessThan(60_000);
		expect(state.lookAlikes).toEqual([
			{ taskId: lookAlike, taskName: 'roll_w3', packageIds: [otherPackage] },
		]);
		expect(state.tasks.find((t) => t.taskId === first)!.targets).toEqual(w1);
		// 60 + 7 firmware tasks: two pages of ListBatchTasks, nothing else from IoTDA.
		expect(fixture.calls('GET', /\/batchtasks$/)).toHaveLength(2);
		expect(fixture.calls('GET', /\/batchtasks\/.+/)).toHaveLength(0);
		expect(asked.map((list) => [...list].sort())).toEqual([[...w1, ...w2]]);
		expect(state.waveDevices).toEqual(upgradedW1);
		expect(state.targets).toHaveLength(5);

		const decision = decideStep(settings(), state);
		const later = [twinA, twinB].sort()[1];
		expect(decision).toMatchObject({
			decision: 'waiting',
			wave: 2,
			action: { type: 'stop_task', task_id: later, why: 'duplicate' },
		});
	});

	it('a stopped wave task reads as stopped sub-tasks, which the step takes as a halt', async () => {
		const w1 = devices(3, 1);
		const id = await create('roll_w1', w1, {
			task_policy: { schedule_time: formatIotdaTime(fixture.emu.clock.now() + 3600_000) },
		});
		expect((await api(fixture.emu, 'POST', `/batchtasks/${id}/stop`, {})).status).toBe(200);
		fixture.emu.clock.advance(10_000);
		const { reader } = fleetOf([], []);
		const state = await read(reader);
		expect(state.tasks).toEqual([
			expect.objectContaining({
				taskId: id,
				status: 'Stopped',
				progress: expect.objectContaining({ stopped: 3 }),
			}),
		]);
		expect(decideStep(settings(), state)).toMatchObject({
			decision: 'halted',
			wave: 1,
			action: { type: 'none' },
		});
	});

	it('no wave yet: no device is read by id', async () => {
		const { reader, asked } = fleetOf(
			devices(2).map((id) => ({ device_id: id, fw_version: '1.0' })),
			[],
		);
		const state = await read(reader);
		expect(state).toMatchObject({ tasks: [], waveDevices: [] });
		expect(asked).toEqual([]);
	});
});
