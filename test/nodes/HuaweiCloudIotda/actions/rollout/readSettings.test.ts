/** The rollout's parameters become checked settings; each bad value is refused by field before any request. */
import { LIMITS } from '../../../../../nodes/HuaweiCloudIotda/helpers/apiRules';
import { readSettings } from '../../../../../nodes/HuaweiCloudIotda/actions/rollout/readSettings';
import { rolloutSettingsProperties } from '../../../../../nodes/HuaweiCloudIotda/actions/rollout/rollout.description';

const BASE: Record<string, unknown> = {
	rolloutName: 'fw_2_0',
	taskType: 'firmwareUpgrade',
	packageIds: 'pkg-a, pkg-b, pkg-a',
	targetVersion: '2.0.1',
	wavePlan: '5%, 25%, 100',
	soakHours: 48,
	thresholdPercent: 90,
	maxDevicesPerWave: 500,
	requireApproval: true,
	approveWave: 2,
	onMissedThreshold: 'halt',
	maintenanceWindow: { weekdays: [6, 7], startHour: 22, endHour: 4 },
};
const read = (over: Record<string, unknown> = {}) => {
	const params = { ...BASE, ...over };
	return readSettings(
		(name, fallback) => (name in params ? params[name] : fallback),
		'Europe/Berlin',
	);
};

describe('Rollout settings', () => {
	it('reads every setting in its unit', () => {
		expect(read()).toEqual({
			name: 'fw_2_0',
			taskType: 'firmwareUpgrade',
			packageIds: ['pkg-a', 'pkg-b'],
			targetVersion: '2.0.1',
			waves: [{ percent: 5 }, { percent: 25 }, { devices: 100 }],
			soakMs: 48 * 3600_000,
			thresholdPercent: 90,
			judgeOn: 'verified',
			maxDevicesPerWave: 500,
			window: { weekdays: [6, 7], startHour: 22, endHour: 4, timezone: 'Europe/Berlin' },
			requireApproval: true,
			approveWave: 2,
			stopOnMissedThreshold: false,
		});
	});

	it('no window, no approval: Approve Wave is not read', () => {
		const s = read({ maintenanceWindow: {}, requireApproval: false, approveWave: 'x' });
		expect(s).toMatchObject({ window: undefined, requireApproval: false, approveWave: undefined });
	});

	it.each([
		[{ rolloutName: 'bad name' }, /Task Name may contain/],
		[{ rolloutName: 'n'.repeat(125) }, /Task Name is too long to add the suffix _w999999/],
		[{ taskType: 'moduleUpgrade' }, /Task Type must be Firmware Upgrade or Software Upgrade/],
		[{ packageIds: '' }, /Package IDs needs at least one package ID/],
		[{ packageIds: 'pkg_a' }, /Package IDs may contain only letters, digits and hyphens: "pkg_a"/],
		[{ targetVersion: ' ' }, /Target Version is required/],
		[{ wavePlan: '5%, half' }, /Wave Plan has "half"/],
		[{ wavePlan: '120%' }, /Wave Plan has 120%/],
		[{ soakHours: -1 }, /Minimum Soak Time \(Hours\) must be a number of at least 0/],
		[{ thresholdPercent: 101 }, /Success Threshold \(%\) must be between 0 and 100/],
		[{ maxDevicesPerWave: 30001 }, /Max Devices per Wave must be between 0 and 30000/],
		[{ approveWave: 1.5 }, /Approve Wave must be a whole number/],
		[
			{ maintenanceWindow: { weekdays: [], startHour: 1, endHour: 2 } },
			/Maintenance Window Weekdays/,
		],
	])('refuses %j', (over, message) => {
		expect(() => read(over)).toThrow(message);
	});
});

describe('Rollout form', () => {
	it('offers the settings readSettings reads, with IoTDA’s per-task limit as the wave cap', () => {
		const byName = new Map(rolloutSettingsProperties.map((p) => [p.name, p]));
		expect(byName.get('maxDevicesPerWave')?.typeOptions?.maxValue).toBe(LIMITS.maxTargets);
		expect(read({ maxDevicesPerWave: 0 }).maxDevicesPerWave).toBe(LIMITS.maxTargets);
		const readNames = Object.keys(BASE);
		expect([...byName.keys()].sort()).toEqual([...readNames, 'judgeOn'].sort());
	});
});
