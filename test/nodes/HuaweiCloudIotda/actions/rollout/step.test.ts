/**
 * The rollout step as a pure function of IoTDA's state (issue #27): every decision and its boundaries, over a
 * table of hand-written states. Fleet: 100 devices d-001…d-100 on 1.0, target 2.0, plan 5%, 25%, 100%.
 */
import {
	decideStep,
	START_GUARD_MS,
	type StepDecision,
} from '../../../../../nodes/HuaweiCloudIotda/actions/rollout/step';
import type { ObservedState } from '../../../../../nodes/HuaweiCloudIotda/actions/rollout/observed';
import type { RolloutSettings } from '../../../../../nodes/HuaweiCloudIotda/actions/rollout/plan';
import { DAY, fleet, HOUR, ids, onVersion, settings, state, T0, wave } from './builders';

const all = fleet(100);
const w1ids = ids(all).slice(0, 5);
const w2ids = ids(all).slice(5, 25);
const w3ids = ids(all).slice(25);
/** The fleet after waves 1..n succeeded and their devices report 2.0. */
const upgraded = (...waves: string[][]) => onVersion(all, waves.flat());
const iso = (ms: number) => new Date(ms).toISOString();
const SOAK_END_W1 = T0 + 2 * DAY;
const ALL_DONE = {
	targets: 100,
	on_target_version: 100,
	succeeded: 100,
	failed: 0,
	pending: 0,
	never_started: 0,
};

interface Case {
	name: string;
	settings?: Partial<RolloutSettings>;
	state: Partial<ObservedState>;
	/** A partial decision (toMatchObject); `action` and `counts` may name only some fields. */
	expected: Omit<Partial<StepDecision>, 'action' | 'counts'> & {
		action?: Record<string, unknown>;
		counts?: Partial<StepDecision['counts']>;
	};
	reason?: RegExp;
}

const CASES: Case[] = [
	{
		name: 'first run: wave 1 takes 5% (sorted ids), starts after the start guard',
		state: { targets: all },
		expected: {
			decision: 'created_wave',
			wave: 1,
			action: {
				type: 'create_wave',
				task_name: 'roll_w1',
				device_ids: w1ids,
				start_at: iso(T0 + START_GUARD_MS),
			},
		},
	},
	{
		name: 'every target already on the version: complete without any wave',
		state: { targets: fleet(3, '2.0') },
		expected: { decision: 'complete', wave: 0, action: { type: 'none' } },
	},
	{
		name: 'no targets at all: complete (nothing to upgrade)',
		state: {},
		expected: {
			decision: 'complete',
			wave: 0,
			counts: {
				targets: 0,
				on_target_version: 0,
				succeeded: 0,
				failed: 0,
				pending: 0,
				never_started: 0,
			},
		},
	},
	{
		name: 'wave 1 running: waiting, counts pending',
		state: {
			targets: all,
			tasks: [wave(1, w1ids, { status: 'Processing', progress: { success: 1, processing: 4 } })],
		},
		expected: {
			decision: 'waiting',
			wave: 1,
			next_check_at: null,
			counts: {
				targets: 100,
				on_target_version: 0,
				succeeded: 1,
				failed: 0,
				pending: 4,
				never_started: 95,
			},
		},
	},
	{
		name: 'soak just under: 1 ms before the soak ends',
		state: { now: SOAK_END_W1 - 1, targets: upgraded(w1ids), tasks: [wave(1, w1ids)] },
		expected: { decision: 'soaking_until', wave: 2, next_check_at: iso(SOAK_END_W1) },
	},
	{
		name: 'soak exactly over: wave 2 takes the next 20 (25% − 5%)',
		state: { now: SOAK_END_W1, targets: upgraded(w1ids), tasks: [wave(1, w1ids)] },
		expected: {
			decision: 'created_wave',
			wave: 2,
			action: { type: 'create_wave', task_name: 'roll_w2', device_ids: w2ids },
		},
	},
	{
		name: 'soak counts from a scheduled start, not from create_time',
		state: {
			now: SOAK_END_W1 + HOUR - 1,
			targets: upgraded(w1ids),
			tasks: [wave(1, w1ids, { scheduledAt: T0 + HOUR })],
		},
		expected: { decision: 'soaking_until', next_check_at: iso(SOAK_END_W1 + HOUR) },
	},
	{
		name: 'threshold met exactly: 18 of 20 verified at 90%',
		state: {
			now: T0 + 5 * DAY,
			targets: upgraded(w1ids, w2ids.slice(0, 18)),
			tasks: [wave(1, w1ids), wave(2, w2ids)],
		},
		expected: { decision: 'created_wave', wave: 3 },
	},
	{
		name: 'threshold missed by one: 17 of 20 verified halts, nothing to stop',
		state: {
			now: T0 + 5 * DAY,
			targets: upgraded(w1ids, w2ids.slice(0, 17)),
			tasks: [wave(1, w1ids), wave(2, w2ids)],
		},
		expected: { decision: 'halted', wave: 2, action: { type: 'none' } },
		reason: /wave 2 .*17 of 20 devices report the target version, below the 90% threshold/,
	},
	{
		name: 'verified judgement: sub-tasks all Success but devices still on 1.0 (hawkBit #3185) halts',
		state: { now: T0 + 5 * DAY, targets: upgraded(w1ids), tasks: [wave(1, w1ids), wave(2, w2ids)] },
		expected: { decision: 'halted', wave: 2 },
	},
	{
		name: 'sub-task judgement: the same state proceeds',
		settings: { judgeOn: 'subTaskStatus' },
		state: { now: T0 + 5 * DAY, targets: upgraded(w1ids), tasks: [wave(1, w1ids), wave(2, w2ids)] },
		expected: { decision: 'created_wave', wave: 3 },
	},
	{
		name: 'a wave device that falls back to 1.0 during the soak halts the rollout (every wave re-judged)',
		state: { now: T0 + DAY, targets: upgraded(w1ids.slice(1)), tasks: [wave(1, w1ids)] },
		expected: { decision: 'halted', wave: 1 },
	},
	{
		name: 'running wave that can still make it (2 of 20 failed at 90%): waiting',
		state: {
			targets: upgraded(w1ids),
			tasks: [
				wave(1, w1ids),
				wave(2, w2ids, { status: 'Processing', progress: { success: 5, fail: 2, processing: 13 } }),
			],
		},
		expected: { decision: 'waiting', wave: 2 },
	},
	{
		name: 'running wave that can no longer make it (3 of 20 failed): halted, the wave is stopped',
		state: {
			targets: upgraded(w1ids),
			tasks: [
				wave(1, w1ids),
				wave(2, w2ids, { status: 'Processing', progress: { success: 5, fail: 3, processing: 12 } }),
			],
		},
		expected: {
			decision: 'halted',
			wave: 2,
			action: { type: 'stop_task', task_id: wave(2, []).taskId, why: 'threshold' },
		},
	},
	{
		name: 'same, with "stop the wave" off: halted, nothing stopped',
		settings: { stopOnMissedThreshold: false },
		state: {
			targets: upgraded(w1ids),
			tasks: [
				wave(1, w1ids),
				wave(2, w2ids, { status: 'Processing', progress: { success: 5, fail: 3, processing: 12 } }),
			],
		},
		expected: { decision: 'halted', wave: 2, action: { type: 'none' } },
	},
	{
		name: 'halt: a stopped wave task stays halted even when the threshold is met',
		state: {
			now: T0 + 9 * DAY,
			targets: upgraded(w1ids, w2ids),
			tasks: [wave(1, w1ids), wave(2, w2ids, { status: 'Stopped' })],
		},
		expected: { decision: 'halted', wave: 2, action: { type: 'none' } },
		reason: /wave 2 .* was stopped/,
	},
	{
		name: 'halt: stopped sub-tasks in a PartialSuccess wave',
		state: {
			now: T0 + 9 * DAY,
			targets: upgraded(w1ids, w2ids),
			tasks: [
				wave(1, w1ids),
				wave(2, w2ids, { status: 'PartialSuccess', progress: { success: 19, stopped: 1 } }),
			],
		},
		expected: { decision: 'halted', wave: 2 },
	},
	{
		name: 'halt marker with a scheduled wave still live: the wave is stopped',
		state: {
			targets: upgraded(w1ids),
			tasks: [
				wave(1, w1ids),
				wave(2, w2ids, { status: 'Waitting', progress: { success: 0, waitting: 20 } }),
				{
					...wave(9, ['d-001'], { status: 'Stopped' }),
					taskName: 'roll_halt',
					taskId: 'ff' + '0'.repeat(22),
				},
			],
		},
		expected: {
			decision: 'halted',
			action: { type: 'stop_task', task_id: wave(2, []).taskId, why: 'halt' },
		},
		reason: /halted: task f+0+ "roll_halt"/,
	},
	{
		name: 'approval required, none given: awaiting_approval names wave 2',
		settings: { requireApproval: true },
		state: { now: SOAK_END_W1, targets: upgraded(w1ids), tasks: [wave(1, w1ids)] },
		expected: { decision: 'awaiting_approval', wave: 2, action: { type: 'none' } },
	},
	{
		name: 'approval for the wrong wave (3 while 2 is next): still awaiting',
		settings: { requireApproval: true, approveWave: 3 },
		state: { now: SOAK_END_W1, targets: upgraded(w1ids), tasks: [wave(1, w1ids)] },
		expected: { decision: 'awaiting_approval', wave: 2 },
		reason: /Approve Wave is 3, but the next wave is 2/,
	},
	{
		name: 'approval for wave 2: created',
		settings: { requireApproval: true, approveWave: 2 },
		state: { now: SOAK_END_W1, targets: upgraded(w1ids), tasks: [wave(1, w1ids)] },
		expected: { decision: 'created_wave', wave: 2 },
	},
	{
		name: 'approval is never asked for wave 1',
		settings: { requireApproval: true },
		state: { targets: all },
		expected: { decision: 'created_wave', wave: 1 },
	},
	{
		name: 'approval given during the soak does not shorten it',
		settings: { requireApproval: true, approveWave: 2 },
		state: { now: SOAK_END_W1 - 1, targets: upgraded(w1ids), tasks: [wave(1, w1ids)] },
		expected: { decision: 'soaking_until', wave: 2 },
	},
	{
		name: 'all waves done, every device on 2.0: complete',
		state: {
			now: T0 + 9 * DAY,
			targets: upgraded(w1ids, w2ids, w3ids),
			tasks: [wave(1, w1ids), wave(2, w2ids), wave(3, w3ids)],
		},
		expected: {
			decision: 'complete',
			wave: 3,
			counts: ALL_DONE,
		},
	},
	{
		name: 'a search that leaves out upgraded devices: wave devices read by id still count',
		state: {
			now: T0 + 9 * DAY,
			targets: [],
			waveDevices: upgraded(w1ids, w2ids, w3ids),
			tasks: [wave(1, w1ids), wave(2, w2ids), wave(3, w3ids)],
		},
		expected: {
			decision: 'complete',
			counts: ALL_DONE,
		},
	},
	{
		name: 'all in waves, threshold met, 2 devices failed: nothing_to_do',
		state: {
			now: T0 + 9 * DAY,
			targets: upgraded(w1ids, w2ids, w3ids.slice(2)),
			tasks: [
				wave(1, w1ids),
				wave(2, w2ids),
				wave(3, w3ids, { status: 'PartialSuccess', progress: { success: 73, fail: 2 } }),
			],
		},
		expected: {
			decision: 'nothing_to_do',
			wave: 3,
			counts: {
				targets: 100,
				on_target_version: 98,
				succeeded: 98,
				failed: 2,
				pending: 0,
				never_started: 0,
			},
		},
	},
	{
		name: 'top-up: 3 devices joined after the last wave',
		state: {
			now: T0 + 9 * DAY,
			targets: [...upgraded(w1ids, w2ids, w3ids), ...fleet(3, '1.0', 101)],
			tasks: [wave(1, w1ids), wave(2, w2ids), wave(3, w3ids)],
		},
		expected: {
			decision: 'topped_up',
			wave: 4,
			action: {
				type: 'create_wave',
				task_name: 'roll_w4',
				device_ids: ['d-101', 'd-102', 'd-103'],
			},
		},
	},
	{
		name: 'a capped plan is no top-up: 100% at 30 per wave makes wave 4 of 10 a planned wave',
		settings: { waves: [{ percent: 100 }], maxDevicesPerWave: 30, soakMs: 0 },
		state: {
			now: T0 + 9 * DAY,
			targets: upgraded(ids(all).slice(0, 90)),
			tasks: [
				wave(1, ids(all).slice(0, 30)),
				wave(2, ids(all).slice(30, 60)),
				wave(3, ids(all).slice(60, 90)),
			],
		},
		expected: {
			decision: 'created_wave',
			wave: 4,
			action: { type: 'create_wave', device_ids: ids(all).slice(90) },
		},
	},
	{
		name: 'a device on 2.0 without any sub-task is on target and never put in a wave',
		state: { targets: onVersion(all, ['d-001', 'd-003']) },
		expected: {
			decision: 'created_wave',
			counts: {
				targets: 100,
				on_target_version: 2,
				succeeded: 0,
				failed: 0,
				pending: 0,
				never_started: 98,
			},
			action: { type: 'create_wave', device_ids: ['d-002', 'd-004', 'd-005', 'd-006', 'd-007'] },
		},
	},
	{
		name: 'a deleted wave task (wave 2 gone): its devices not on 2.0 join the next wave, and the output says so',
		state: {
			now: T0 + 9 * DAY,
			targets: upgraded(w1ids, w2ids.slice(0, 10)),
			tasks: [wave(1, w1ids), wave(3, w3ids.slice(0, 5))],
		},
		expected: { decision: 'halted', wave: 3 },
		reason: /no task for wave 2 \(deleted\?\)/,
	},
	{
		name: 'a deleted wave task, the rest on target: the next wave takes the deleted wave’s devices still on 1.0',
		state: {
			now: T0 + 9 * DAY,
			targets: upgraded(w1ids, w2ids.slice(0, 10), w3ids.slice(0, 5)),
			tasks: [wave(1, w1ids), wave(3, w3ids.slice(0, 5))],
		},
		expected: { decision: 'created_wave', wave: 4 },
		reason: /no task for wave 2/,
	},
	{
		name: 'duplicate wave task from a race: the later twin is stopped, the rollout is not halted',
		state: {
			targets: upgraded(w1ids),
			tasks: [
				wave(1, w1ids),
				wave(2, w2ids, { status: 'Waitting', progress: { success: 0, waitting: 20 } }),
				wave(2, w2ids, {
					taskId: '02' + '0'.repeat(21) + '1',
					status: 'Waitting',
					progress: { success: 0, waitting: 20 },
				}),
			],
		},
		expected: {
			decision: 'waiting',
			wave: 2,
			action: { type: 'stop_task', task_id: '02' + '0'.repeat(21) + '1', why: 'duplicate' },
		},
	},
	{
		name: 'duplicate: the earlier create_time is the wave even with the larger task id',
		state: {
			targets: upgraded(w1ids),
			tasks: [
				wave(1, w1ids),
				wave(2, w2ids, {
					taskId: 'aa' + '0'.repeat(22),
					status: 'Processing',
					progress: { success: 0, processing: 20 },
				}),
				wave(2, w2ids, {
					taskId: '01' + '0'.repeat(22),
					createdAt: wave(2, []).createdAt + 1000,
					status: 'Processing',
					progress: { success: 0, processing: 20 },
				}),
			],
		},
		expected: { action: { type: 'stop_task', task_id: '01' + '0'.repeat(22), why: 'duplicate' } },
	},
	{
		name: 'a stopped twin is not a halt: the wave goes on',
		state: {
			targets: upgraded(w1ids),
			tasks: [
				wave(1, w1ids),
				wave(2, w2ids, { status: 'Processing', progress: { success: 0, processing: 20 } }),
				wave(2, w2ids, {
					taskId: 'ff' + '0'.repeat(22),
					status: 'Stopped',
					progress: { success: 0, stopped: 20 },
				}),
			],
		},
		expected: { decision: 'waiting', wave: 2, action: { type: 'none' } },
	},
	{
		name: 'tasks of another rollout whose name starts the same are ignored',
		state: {
			targets: all,
			tasks: [
				{ ...wave(1, w1ids, { status: 'Stopped' }), taskName: 'roll_w1_old' },
				{ ...wave(1, w1ids, { status: 'Stopped' }), taskName: 'rollout_w1' },
			],
		},
		expected: { decision: 'created_wave', wave: 1 },
	},
];

describe('Rollout step: decisions over IoTDA states', () => {
	it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
		const decision = decideStep(settings(c.settings), state(c.state));
		expect(decision).toMatchObject({ rollout: 'roll', ...c.expected });
		if (c.reason) expect(decision.reasons.join('\n')).toMatch(c.reason);
		expect(Object.keys(decision).sort()).toEqual([
			'action',
			'counts',
			'decision',
			'next_check_at',
			'reasons',
			'rollout',
			'wave',
		]);
	});
});
