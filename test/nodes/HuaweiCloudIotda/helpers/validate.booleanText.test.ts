/**
 * Boolean fields set by an expression, a spreadsheet or an AI agent arrive as text: "true", "false", " TRUE ".
 * Each is taken as meant, and anything else ("yes", an empty expression) is refused naming the field and the
 * item, before any request. Before this, a boolean was read as `=== true`: Dry Run = "true" created the task
 * for real, Return All = "false" returned every task, Simplify = "false" still simplified. Through n8n's engine
 * against the emulator.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../../emulator';
import { fwPackage, runOn, startQuietEmulator } from '../../../fixtures/emulatorRun';
import { errorMessage, isErrorItem } from '../../../helpers/errorItem';

let emu: Emulator;
beforeAll(async () => {
	emu = await startQuietEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const run = (parameters: IDataObject) =>
	runOn(emu, { parameters: parameters as never, continueOnFail: true });
const create = (options: IDataObject, extra: IDataObject = {}) =>
	run({
		resource: 'batchTask',
		operation: 'create',
		taskType: 'firmwareUpgrade',
		taskName: 'bool_text',
		packageId: fwPackage(emu),
		deviceIds: 'dev-0001, dev-0002',
		options,
		...extra,
	});
const posts = () => emu.log.filter((e) => e.method === 'POST').length;

describe('Create: Dry Run and Wait for Completion as text', () => {
	it.each(['={{ "true" }}', ' TRUE '])(
		'Dry Run %j creates nothing and shows the body',
		async (dryRun) => {
			const [out] = await create({ dryRun });
			expect(isErrorItem(out)).toBe(false);
			expect(out.json.dry_run).toBe(true);
			expect(posts()).toBe(0);
		},
	);

	it('Dry Run "false" creates the task', async () => {
		const [out] = await create({ dryRun: '={{ "false" }}' });
		expect(out.json.task_id).toEqual(expect.any(String));
		expect(posts()).toBe(1);
	});

	it.each([
		['Dry Run', { dryRun: 'yes' }, '"yes"'],
		['Dry Run', { dryRun: '' }, '""'],
		['Wait for Completion', { waitForCompletion: 'sometimes' }, '"sometimes"'],
	])('%s %s is refused by name before any request', async (field, options, shown) => {
		const [out] = await create(options);
		expect(isErrorItem(out)).toBe(true);
		expect(errorMessage(out)).toBe(`${field} must be true or false: ${shown} [item 0]`);
		expect(emu.log).toHaveLength(0);
	});

	it('Gateway Mode "true" sends task_mode GATEWAY; "false" sends none', async () => {
		const body = async (gatewayMode: string) => {
			const [out] = await create({ dryRun: true }, { additionalFields: { gatewayMode } });
			return out.json.body as IDataObject;
		};
		expect((await body('={{ "true" }}')).task_mode).toBe('GATEWAY');
		expect((await body('false')).task_mode).toBeUndefined();
	});
});

describe('lists: Return All and Simplify as text', () => {
	beforeEach(() => emu.seedFinishedTasks(5, { taskType: 'firmwareUpgrade' }));
	const getAll = (extra: IDataObject) =>
		run({ resource: 'batchTask', operation: 'getAll', taskType: 'firmwareUpgrade', ...extra });

	it('Return All "false" returns Limit tasks, "true" all of them', async () => {
		expect(await getAll({ returnAll: '={{ "false" }}', limit: 2 })).toHaveLength(2);
		expect(await getAll({ returnAll: '={{ "true" }}', limit: 2 })).toHaveLength(5);
	});

	it('Simplify "false" returns IoTDA\'s task as it is', async () => {
		const [raw] = await getAll({ returnAll: 'true', simplify: 'false' });
		const [simple] = await getAll({ returnAll: 'true', simplify: 'true' });
		expect(raw.json).not.toEqual(simple.json);
		expect(raw.json).toHaveProperty('task_progress');
	});
});
