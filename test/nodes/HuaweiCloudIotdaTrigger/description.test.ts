// The trigger's filters (description.ts): an empty Task Types or Statuses list selects nothing, so a workflow
// activated with one would never start. Poll mode already refused empty Task Types before any request; the
// same holds for Statuses, and for Push mode's activation (no routing rule is registered for nothing).
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../emulator';
import { routingOf } from '../../emulator/routing-rules';
import { credentialsFor } from '../../helpers/emulatorCredentials';
import { hooks, poll, trigger, type TriggerRun } from '../../helpers/triggerHarness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ seed: 10 });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const run = (parameters: TriggerRun['parameters']): TriggerRun => ({
	credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
	staticData: {},
	sent: [],
	parameters,
});
const routing = () => routingOf(emu.state(DEFAULT_ACCOUNT.ak));

describe('empty filters are refused at activation, before any request', () => {
	it.each([
		['Task Types', { taskTypes: [] }],
		['Statuses', { statuses: [] }],
	])('Push mode: empty %s', async (field, parameters) => {
		const r = run({ mode: 'push', ...parameters });
		await expect(hooks(r).create()).rejects.toThrow(field);
		expect(r.sent).toHaveLength(0);
		expect(routing().rules).toHaveLength(0);
		expect(r.staticData).toEqual({});
	});

	it.each([
		['Task Types', { taskTypes: [] }],
		['Statuses', { statuses: [] }],
	])('Poll mode: empty %s', async (field, parameters) => {
		const r = run({ mode: 'poll', ...parameters });
		await expect(poll(r)).rejects.toThrow(field);
		expect(r.sent).toHaveLength(0);
	});

	it('Push mode: a task type IoTDA does not push is refused by name (it would never start the workflow)', async () => {
		const r = run({ mode: 'push', taskTypes: ['firmwareUpgrade', 'freezeDevices'] });
		await expect(hooks(r).create()).rejects.toThrow(
			/^Task Types: IoTDA pushes Firmware Upgrade and Software Upgrade tasks only, so "Freeze Devices" would never start this workflow in Push mode — remove it, or use Poll mode$/,
		);
		expect(r.sent).toHaveLength(0);
		expect(routing().rules).toHaveLength(0);
		expect(r.staticData).toEqual({});
	});

	it('Fetch Test Event (manual) ignores Statuses: it shows the latest task whatever its status', async () => {
		emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade' });
		const out = await poll({ ...run({ mode: 'poll', statuses: [] }), mode: 'manual' });
		expect(out?.[0]).toHaveLength(1);
	});
});

// Huawei's push page (api-iothub iot_06_v5_01204) lists firmwareUpgrade and softwareUpgrade as the pushed task
// types (audit row 61): Push mode's form says so where the mode is chosen.
it('Push mode names the task types IoTDA pushes', () => {
	const notice = trigger.description.properties.find((p) => p.name === 'pushNotice')!;
	expect(notice.displayOptions).toEqual({ show: { mode: ['push'] } });
	expect(notice.displayName).toMatch(/Firmware Upgrade and Software Upgrade tasks only.*Poll mode/);
	// Issue #30: the form says what activation creates in the IoTDA account, and offers only pushed types.
	expect(notice.displayName).toMatch(
		/^Activating this workflow creates a routing rule and an HTTP forwarding action in your IoTDA account/,
	);
	const pushTypes = trigger.description.properties.find(
		(p) => p.name === 'taskTypes' && p.displayOptions?.show?.mode?.includes('push'),
	)!;
	expect((pushTypes.options as Array<{ value: string }>).map((o) => o.value)).toEqual([
		'firmwareUpgrade',
		'softwareUpgrade',
	]);
	const modeFirst = trigger.description.properties.filter(
		(p) => p.type !== 'notice' && p.name !== 'authentication',
	);
	expect(modeFirst[0].name).toBe('mode');
});
