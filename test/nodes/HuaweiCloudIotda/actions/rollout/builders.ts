/** Hand-written IoTDA states for the rollout step's table tests: settings, wave tasks and devices. */
import type {
	ObservedState,
	ObservedTask,
	ReportedDevice,
} from '../../../../../nodes/HuaweiCloudIotda/actions/rollout/observed';
import type { RolloutSettings } from '../../../../../nodes/HuaweiCloudIotda/actions/rollout/plan';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
export const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);

export const settings = (over: Partial<RolloutSettings> = {}): RolloutSettings => ({
	name: 'roll',
	taskType: 'firmwareUpgrade',
	packageIds: ['pkg-2'],
	targetVersion: '2.0',
	waves: [{ percent: 5 }, { percent: 25 }, { percent: 100 }],
	soakMs: 2 * DAY,
	thresholdPercent: 90,
	judgeOn: 'verified',
	maxDevicesPerWave: 30000,
	requireApproval: false,
	stopOnMissedThreshold: true,
	...over,
});

/** d-001 … d-<n>, reporting `version`. */
export const fleet = (n: number, version = '1.0', from = 1): ReportedDevice[] =>
	Array.from({ length: n }, (_, i) => ({
		device_id: `d-${String(from + i).padStart(3, '0')}`,
		fw_version: version,
	}));

export const ids = (devices: ReportedDevice[]) => devices.map((d) => d.device_id);

/** Marks these devices as reporting `version` (returns a new list). */
export const onVersion = (devices: ReportedDevice[], which: string[], version = '2.0') =>
	devices.map((d) => (which.includes(d.device_id) ? { ...d, fw_version: version } : d));

/** A finished wave task of `targets` whose sub-tasks all succeeded unless `progress` says otherwise. */
export function wave(
	n: number,
	targets: string[],
	over: Omit<Partial<ObservedTask>, 'progress'> & {
		progress?: Partial<ObservedTask['progress']>;
	} = {},
): ObservedTask {
	const { progress, ...rest } = over;
	return {
		taskId: `${String(n).padStart(2, '0')}${'0'.repeat(22)}`,
		taskName: `roll_w${n}`,
		status: 'Success',
		createdAt: T0 + (n - 1) * 3 * DAY,
		targets,
		...rest,
		progress: {
			success: targets.length,
			fail: 0,
			stopped: 0,
			removed: 0,
			waitting: 0,
			processing: 0,
			failWaitRetry: 0,
			...progress,
		},
	};
}

export const state = (over: Partial<ObservedState>): ObservedState => ({
	now: T0,
	tasks: [],
	targets: [],
	waveDevices: [],
	...over,
});
