/**
 * The rollout's settings as the operator sets them (every Rollout operation shares them; readSettings.ts
 * checks them). The target fields are targets.description.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../../helpers/apiRules';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const rolloutSettingsProperties: INodeProperties[] = [
	{
		displayName: 'Rollout Name',
		name: 'rolloutName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. fw_2_0_sensors',
		description:
			'Names the rollout’s tasks in IoTDA: wave 1 is NAME_w1, wave 2 NAME_w2, and so on. Use the same name on every run; letters, digits and underscores.',
	},
	{
		displayName: 'Task Type',
		name: 'taskType',
		type: 'options',
		default: 'firmwareUpgrade',
		options: [
			{ name: 'Firmware Upgrade', value: 'firmwareUpgrade' },
			{ name: 'Software Upgrade', value: 'softwareUpgrade' },
		],
		description:
			'Module upgrades are not offered: IoTDA cannot stop them, so a wave that fails could not be halted',
	},
	{
		displayName: 'Package IDs',
		name: 'packageIds',
		type: 'string',
		required: true,
		default: '',
		description: 'The OTA package(s) each wave installs, separated by commas',
	},
	{
		displayName: 'Target Version',
		name: 'targetVersion',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2.0.1',
		description:
			'The version the package installs. A device that reports it is done and never put in a wave.',
	},
	{
		displayName: 'Wave Plan',
		name: 'wavePlan',
		type: 'string',
		default: '5%, 25%, 50%, 100%',
		description:
			'How far each wave goes, as shares (5%) or device counts (10) of all the devices the rollout targets, cumulative: each above the one before. Devices that join later are added in extra waves.',
	},
	{
		displayName: 'Minimum Soak Time (Hours)',
		name: 'soakHours',
		type: 'number',
		default: 24,
		typeOptions: { minValue: 0 },
		description:
			'Least time from the start of one wave to the start of the next; the earlier wave must also have finished. IoTDA records when a task was created, not when it finished, so the soak counts from the start.',
	},
	{
		displayName: 'Success Threshold (%)',
		name: 'thresholdPercent',
		type: 'number',
		default: 95,
		typeOptions: { minValue: 0, maxValue: 100 },
		description: 'Share of a wave’s devices that must succeed before the next wave starts',
	},
	{
		displayName: 'Count as Succeeded',
		name: 'judgeOn',
		type: 'options',
		default: 'verified',
		options: [
			{
				name: 'Device Reports the Target Version',
				value: 'verified',
				description:
					'Checks what the device really runs (a device that fell back counts as failed)',
			},
			{
				name: 'Upgrade Sub-Task Succeeded',
				value: 'subTaskStatus',
				description: 'Trusts IoTDA’s sub-task status only',
			},
		],
	},
	{
		displayName: 'Max Devices per Wave',
		name: 'maxDevicesPerWave',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, maxValue: LIMITS.maxTargets },
		description: `0: no cap of your own, only IoTDA’s ${LIMITS.maxTargets.toLocaleString('en-US')} devices per task. A wave larger than the cap is split into several.`,
	},
	{
		displayName: 'When a Wave Misses the Threshold',
		name: 'onMissedThreshold',
		type: 'options',
		default: 'haltAndStop',
		options: [
			{
				name: 'Halt and Stop the Wave',
				value: 'haltAndStop',
				description: 'Start no more waves, and stop the wave’s devices that have not upgraded yet',
			},
			{
				name: 'Halt Only',
				value: 'halt',
				description: 'Start no more waves; the running wave finishes',
			},
		],
	},
	{
		displayName: 'Require Approval Before Each Wave',
		name: 'requireApproval',
		type: 'boolean',
		default: false,
		description:
			'Whether every wave after the first waits for a run with Approve Wave set to its number (e.g. after a Send and Wait for Approval node)',
	},
	{
		displayName: 'Approve Wave',
		name: 'approveWave',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0 },
		displayOptions: { show: { requireApproval: [true] } },
		description:
			'The wave this run approves (0: none). An approval for another wave than the next one is not used.',
	},
	{
		displayName: 'Maintenance Window',
		name: 'maintenanceWindow',
		type: 'collection',
		placeholder: 'Add Window',
		default: {},
		description:
			'Waves start only inside the window, in the workflow’s timezone (a wave created outside it is scheduled for the next opening)',
		options: [
			{
				displayName: 'Weekdays',
				name: 'weekdays',
				type: 'multiOptions',
				default: [],
				options: WEEKDAYS.map((name, i) => ({ name, value: i + 1 })),
			},
			{
				displayName: 'Start Hour',
				name: 'startHour',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: 23 },
			},
			{
				displayName: 'End Hour',
				name: 'endHour',
				type: 'number',
				default: 4,
				typeOptions: { minValue: 1, maxValue: 24 },
				description: 'At or below the start hour, the window ends the next day (22 to 4)',
			},
		],
	},
];
