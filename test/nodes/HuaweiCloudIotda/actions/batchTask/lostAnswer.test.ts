/**
 * Issue #29 item 4: Stop, Retry and Confirm are resent after a lost answer (IoTDA carried the first call out, the
 * answer never arrived). The resent call's refusal is the first call's doing: it must read as a success (or an
 * unknown outcome), never as a failure that invites a second action.
 */
import {
	createUpgrade,
	devices,
	ghosts,
	locator,
	useEmulator,
} from '../../../../fixtures/emulator';

const fixture = useEmulator({ seed: 11 });
const lostAnswer = (path: RegExp) =>
	fixture.emu.faults.add({ kind: 'commitThenDrop', match: { method: 'POST', path } });

describe('Stop / Retry after a lost answer', () => {
	it('Stop (all eligible): the resent call refused as "Stopping" is the first call\'s success', async () => {
		const taskId = await createUpgrade(fixture.emu, 'stop_lost', devices(3));
		lostAnswer(/\/stop$/);
		const out = await fixture.run({
			parameters: { resource: 'batchTask', operation: 'stop', taskId: locator(taskId) },
		});
		expect(fixture.calls('POST', /\/stop$/)).toHaveLength(2);
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({
			task_id: taskId,
			target: null,
			status: 'success',
			done_by_earlier_call: true,
		});
		expect(String(out[0].json.message)).toContain('the task is now Stopping');
		expect(fixture.emu.tasks()[0].status).toBe('Stopping');
	});

	it('Stop (listed devices): devices the first call stopped are "outcome unknown", not failures', async () => {
		const taskId = await createUpgrade(fixture.emu, 'stop_lost_listed', devices(3));
		lostAnswer(/\/stop$/);
		const out = await fixture.run({
			parameters: {
				resource: 'batchTask',
				operation: 'stop',
				taskId: locator(taskId),
				devices: 'listed',
				deviceIds: devices(2).join(','),
			},
		});
		expect(out.map((o) => [o.json.target, o.json.status])).toEqual(
			devices(2).map((d) => [d, 'unknown']),
		);
	});

	it('Retry (listed devices): devices the first call retried are "outcome unknown", not failures', async () => {
		const targets = ghosts(2);
		const [taskId] = fixture.emu.seedFinishedTasks(1, { taskType: 'firmwareUpgrade', targets });
		lostAnswer(/\/retry$/);
		const out = await fixture.run({
			parameters: {
				resource: 'batchTask',
				operation: 'retry',
				taskId: locator(taskId),
				devices: 'listed',
				deviceIds: targets.join(','),
			},
		});
		expect(fixture.calls('POST', /\/retry$/)).toHaveLength(2);
		expect(out.map((o) => [o.json.target, o.json.status])).toEqual(
			targets.map((d) => [d, 'unknown']),
		);
		expect(String(out[0].json.message)).toMatch(
			/^outcome unknown: the first call may have gone through/,
		);
	});

	it('Retry (all eligible): says that the devices of the first call are not listed', async () => {
		const [taskId] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'firmwareUpgrade',
			targets: ghosts(2),
		});
		lostAnswer(/\/retry$/);
		const out = await fixture.run({
			parameters: { resource: 'batchTask', operation: 'retry', taskId: locator(taskId) },
		});
		expect(out.map((o) => o.json.status)).not.toContain('failure');
		expect(out.map((o) => o.json.status)).not.toContain('none');
		expect(out.at(-1)?.json).toMatchObject({ target: null, status: 'unknown' });
	});

	it('Delete: a resent DELETE answered 404 is the first call\'s deletion, not "not found"', async () => {
		const [taskId] = fixture.emu.seedFinishedTasks(1, {
			taskType: 'firmwareUpgrade',
			targets: ghosts(1),
		});
		fixture.emu.faults.add({ kind: 'commitThenDrop', match: { method: 'DELETE' } });
		const out = await fixture.run({
			parameters: { resource: 'batchTask', operation: 'delete', taskId: locator(taskId) },
		});
		expect(fixture.calls('DELETE', /\/batchtasks\//)).toHaveLength(2);
		expect(out).toHaveLength(1);
		expect(JSON.stringify(out[0].json)).not.toContain('error');
		expect(fixture.emu.tasks()).toHaveLength(0);
	});
});
