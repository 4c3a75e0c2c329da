/**
 * Issue #29 item 3: with "One Task for All Items", a task-level field whose expression differs between items
 * was read from item 0 for every device (a device of product B got product A's package, the device that should
 * go OFF got ON). Such a field is refused by name, naming two items, before anything is sent.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode, itemsWith } from '../../../../../helpers/engine';

const offline = {
	accessKeyId: 'AK',
	secretAccessKey: 'SK',
	projectId: 'p1',
	region: 'cn-north-4',
	endpoint: 'http://127.0.0.1:9',
};
const create = { resource: 'batchTask', operation: 'create', batchMode: 'aggregate' };
const commands = (parameters: INodeParameters) => ({
	...create,
	taskType: 'createCommands',
	taskName: 'switch',
	deviceIds: '={{ $json.device }}',
	serviceId: 'Switch',
	commandName: 'ON_OFF',
	...parameters,
});

async function refusal(parameters: INodeParameters, rows: IDataObject[]) {
	const sent: unknown[] = [];
	const error = await runNode({
		items: itemsWith(rows),
		parameters: parameters as INodeParameters,
		credentials: offline,
		sent: sent as never,
	}).catch((e: Error) => e);
	expect(sent).toHaveLength(0);
	return error as Error;
}

describe('One Task for All Items: a field that differs between items is refused', () => {
	it('Command Parameters from {{ $json }}: ON for one device, OFF for another', async () => {
		const error = await refusal(
			commands({ commandParameters: '={{ JSON.stringify({ value: $json.value }) }}' }),
			[
				{ device: 'dev-1', value: 'ON' },
				{ device: 'dev-2', value: 'ON' },
				{ device: 'dev-3', value: 'OFF' },
			],
		);
		expect(error.message).toMatch(
			/^Command Parameters must be the same for every item with Batch Mode "One Task for All Items"/,
		);
		expect(error.message).toContain(
			'item 0 has "{\\"value\\":\\"ON\\"}", item 2 has the value shown',
		);
		expect(error.message).toContain('"{\\"value\\":\\"OFF\\"}"');
	});

	it('Package from {{ $json.package }}: the package of product A is not sent to devices of product B', async () => {
		const error = await refusal(
			{
				...create,
				taskType: 'firmwareUpgrade',
				taskName: 'fw',
				deviceIds: '={{ $json.device }}',
				packageId: '={{ $json.package }}',
			},
			[
				{ device: 'dev-a', package: 'pkg-a' },
				{ device: 'dev-b', package: 'pkg-b' },
			],
		);
		expect(error.message).toMatch(/^Package Names or IDs must be the same for every item/);
		expect(error.message).toContain('item 0 has "pkg-a", item 1 has');
	});

	it('an option inside a collection is named by its own display name', async () => {
		const error = await refusal(
			commands({
				options: { dryRun: true, waitForCompletion: true, maxWait: '={{ $json.wait }}' },
			}),
			[
				{ device: 'dev-1', wait: 5 },
				{ device: 'dev-2', wait: 10 },
			],
		);
		expect(error.message).toMatch(/^Max Wait \(Minutes\) must be the same for every item/);
	});

	it('the same value on every item from an expression is accepted (Dry Run shows one task)', async () => {
		const out = await runNode({
			items: itemsWith([
				{ device: 'dev-1', value: 'OFF' },
				{ device: 'dev-2', value: 'OFF' },
			]),
			parameters: commands({
				commandParameters: '={{ JSON.stringify({ value: $json.value }) }}',
				options: { dryRun: true },
			}) as INodeParameters,
			credentials: offline,
		});
		expect(JSON.stringify(out)).toContain('"paras":{"value":"OFF"}');
		expect(JSON.stringify(out)).toContain('dev-2');
	});
});
