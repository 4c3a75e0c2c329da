/**
 * A create (or an upload) whose outcome is unknown — a 500 or a broken connection after it was sent — is
 * never sent again; the node looks up what it did instead (transport/index.ts `recover`). When that lookup
 * itself fails, or the user presses Stop while it runs, the error must still say what matters: the create
 * may have been carried out and was not sent again — not only that a lookup failed or "is safe to repeat".
 * Through n8n's engine against the emulator (real clock: the Stop case holds a request for 2 s).
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { devices, useEmulator } from '../../../fixtures/emulator';
import { fileItem } from '../../../fixtures/files';
import { runCancellable, settle, until } from '../../../helpers/cancellable';
import { deviceSheet } from '../../../helpers/xlsx';

const fixture = useEmulator({ seed: 11, speed: 1 });
const onCreate = { method: 'POST', path: /\/batchtasks$/ };
const onLookup = { method: 'GET', path: /\/batchtasks$/ };
const create = (taskName: string): INodeParameters => ({
	resource: 'batchTask',
	operation: 'create',
	taskType: 'freezeDevices',
	taskName,
	deviceIds: devices(3),
	options: { maxAttempts: 1 },
});

describe('a create whose outcome is unknown, and the lookup of what it did fails', () => {
	it('the lookup is refused (403): the error says the create may have been carried out and was not sent again', async () => {
		fixture.emu.faults.add({ kind: 'commitThenDrop', match: onCreate });
		fixture.emu.faults.add({
			kind: 'status',
			status: 403,
			errorCode: 'IOTDA.000004',
			match: onLookup,
		});
		const { error } = await fixture.execute({ parameters: create('lookup_refused') });
		expect(error?.message).toMatch(
			/^Create batch task "lookup_refused" ended with ECONNRESET, and looking up whether IoTDA carried it out failed: Look up batch task "lookup_refused" failed: IOTDA\.000004/,
		);
		expect(`${error?.message} ${error?.description}`).toMatch(/IoTDA may have carried it out/);
		expect(`${error?.message} ${error?.description}`).toMatch(/IOTDA\.000004/);
		// It was carried out, and sent once.
		expect(fixture.emu.tasksNamed('lookup_refused')).toHaveLength(1);
		expect(fixture.calls('POST', /\/batchtasks$/)).toHaveLength(1);
	});

	it('with Continue On Fail the error item says so too', async () => {
		fixture.emu.faults.add({ kind: 'status', status: 500, match: onCreate });
		fixture.emu.faults.add({
			kind: 'status',
			status: 403,
			errorCode: 'IOTDA.000004',
			match: onLookup,
		});
		const out = await fixture.run({
			parameters: create('lookup_refused_cof'),
			continueOnFail: true,
		});
		const error = out[0].json.error as { message: string; description?: string };
		expect(error.message).toMatch(
			/^Create batch task "lookup_refused_cof" ended with HTTP 500, and looking up/,
		);
		expect(out[0].pairedItem).toEqual([{ item: 0 }]);
		expect(`${error.message} ${error.description}`).toMatch(/IoTDA may have carried it out/);
	});

	it('an upload: the same', async () => {
		fixture.emu.faults.add({
			kind: 'commitThenDrop',
			match: { method: 'POST', path: /\/batchtask-files$/ },
		});
		fixture.emu.faults.add({
			kind: 'status',
			status: 403,
			match: { method: 'GET', path: /\/batchtask-files$/ },
		});
		const items: INodeExecutionData[] = [fileItem('devices.xlsx', deviceSheet(2))];
		const { error } = await fixture.execute({
			parameters: { resource: 'batchTaskFile', operation: 'upload', options: { maxAttempts: 1 } },
			items,
		});
		expect(error?.message).toMatch(/^Upload batch task file "devices\.xlsx" ended with /);
		expect(`${error?.message} ${error?.description}`).toMatch(/IoTDA may have carried it out/);
	});
});

describe('a create whose outcome is unknown, and Stop is pressed during the lookup', () => {
	afterEach(async () => {
		// The held lookup is answered 2 s later; wait so no emulator timer outlives the test.
		await until(() =>
			fixture.emu.log.some((e) => e.method === 'GET' && /\/batchtasks$/.test(e.path)),
		);
	});

	it('says the create was cancelled and may have been carried out, not that the request is safe to repeat', async () => {
		fixture.emu.faults.add({ kind: 'status', status: 500, match: onCreate });
		const held = fixture.emu.faults.add({ kind: 'delay', delayMs: 2000, match: onLookup });
		const { controller, done } = runCancellable(fixture, { parameters: create('stop_in_lookup') });
		await until(() => held.hits === 1);
		await settle();
		controller.abort();
		const { error } = await done;
		expect(error?.message).toMatch(/^Create batch task "stop_in_lookup" cancelled/);
		expect(error?.description).toMatch(/IoTDA may have carried it out/);
		expect(error?.description).not.toMatch(/safe to repeat/);
	});
});
