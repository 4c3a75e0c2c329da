/**
 * Fields mandatory where they show are marked `required: true` (issue #16, n8n's verification guidelines), so the
 * editor flags them before a run. Not marked: fields the form fills with a default, and the document fields
 * (Package, Service, Command, Message…) that Additional Fields → Document (JSON) replaces.
 */
import type { INodeProperties } from 'n8n-workflow';

import { HuaweiCloudIotda } from '../../../../nodes/HuaweiCloudIotda/HuaweiCloudIotda.node';
import { TASK_TYPES } from '../../../../nodes/HuaweiCloudIotda/helpers/apiRules';

const properties = new HuaweiCloudIotda().description.properties;

/** "Display Name (operation[, condition=values])" of every top-level field with `required: true`. */
function requiredFields(): string[] {
	return properties
		.filter((p: INodeProperties) => p.required === true)
		.map((p) => {
			const { resource, operation, ...rest } = p.displayOptions?.show ?? {};
			const extra = Object.entries(rest).map(
				([key, values]) => `${key}=${(values ?? []).join('|')}`,
			);
			return `${p.displayName} (${[`${String(resource)}/${String(operation)}`, ...extra].join(', ')})`;
		});
}

describe('required fields', () => {
	it('mark every field a run cannot do without where it shows, and only those', () => {
		expect(requiredFields().sort()).toEqual(
			[
				'Task Type (batchTask/create)',
				// One copy per task type, each with its own placeholder (issue #30), every type covered.
				...TASK_TYPES.map((t) => `Task Name (batchTask/create, taskType=${t.value})`),
				'Device IDs (batchTask/create, targetSource=deviceIds)',
				'Device Group IDs (batchTask/create, targetSource=groupIds)',
				'Task File ID (batchTask/create, targetSource=file)',
				'Batch Task (batchTask/get)',
				'Task Type (batchTask/getAll)',
				'Batch Task (batchTask/stop)',
				'Device IDs (batchTask/stop, devices=listed)',
				'Batch Task (batchTask/retry)',
				'Device IDs (batchTask/retry, devices=listed)',
				'Batch Task (batchTask/confirm)',
				'Device IDs (batchTask/confirm, devices=listed)',
				'Batch Task (batchTask/delete)',
				'Input Binary Field (batchTaskFile/upload)',
				'Batch Task File (batchTaskFile/delete)',
				'Device ID (device/get)',
				'SQL Conditions (device/search, filterMode=sql)',
				'SQL Conditions (device/count, filterMode=sql)',
				'SQL Conditions (batchTask/create, searchFilterMode=sql, targetSource=deviceSearch)',
				'Device IDs (rollout/advance, targetSource=deviceIds)',
				'Device IDs (rollout/getStatus, targetSource=deviceIds)',
				'Device IDs (rollout/halt, targetSource=deviceIds)',
				'Device IDs (rollout/rollBack, targetSource=deviceIds)',
				'Package IDs (rollout/advance)',
				'Rollout Name (rollout/advance)',
				'Package IDs (rollout/getStatus)',
				'Rollout Name (rollout/getStatus)',
				'Package IDs (rollout/halt)',
				'Rollout Name (rollout/halt)',
				'Package IDs (rollout/rollBack)',
				'Rollout Name (rollout/rollBack)',
				'Roll Back to Package IDs (rollout/rollBack)',
				'SQL Conditions (rollout/advance, filterMode=sql, targetSource=search)',
				'Target Version (rollout/advance)',
				'SQL Conditions (rollout/getStatus, filterMode=sql, targetSource=search)',
				'Target Version (rollout/getStatus)',
				'SQL Conditions (rollout/halt, filterMode=sql, targetSource=search)',
				'Target Version (rollout/halt)',
				'SQL Conditions (rollout/rollBack, filterMode=sql, targetSource=search)',
				'Target Version (rollout/rollBack)',
			].sort(),
		);
	});
});
