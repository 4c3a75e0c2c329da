/**
 * Rollout as a low-code operator or an AI agent drives it, through n8n's engine against the emulator: odd
 * values are refused by name before any request (never read as something else), and Halt / Roll Back say
 * what they did, not what Advance would have done.
 */
import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from '../../../../fixtures/emulator';
import {
	addFleet,
	packageOf,
	rolloutParameters,
	ROLLOUT,
	step,
} from '../../../../fixtures/rolloutRuns';

const fixture = useEmulator({ seed: 11, speed: 1, afterReset: (emu) => emu.setFailureRate(0) });

/** A Device IDs rollout of `n` devices with these settings. */
function rolloutOf(n: number, over: IDataObject = {}): IDataObject {
	const fleet = addFleet(fixture.emu, n);
	return rolloutParameters(fixture.emu, {
		targetSource: 'deviceIds',
		deviceIds: fleet.join(','),
		...over,
	});
}

/** Runs the node expecting a refusal; returns its message and checks nothing reached IoTDA. */
async function refusal(parameters: IDataObject): Promise<string> {
	fixture.emu.requestLog.clear();
	const result = await fixture.execute({ parameters: parameters as never });
	expect(fixture.emu.log).toEqual([]);
	return String(result.error?.message);
}

describe('Rollout, odd input from an operator or an AI agent', () => {
	it.each([
		['50%, 25%', /Wave Plan has 25% after 50%/],
		['25%, 25%, 100%', /Wave Plan has 25% after 25%/],
		['10, 5', /Wave Plan has 5 after 10/],
	])(
		'a Wave Plan "%s" that does not grow is refused by name, not shortened',
		async (plan, message) => {
			expect(await refusal(rolloutOf(20, { wavePlan: plan }))).toMatch(message);
		},
	);

	it('Require Approval set to "true" by an expression holds wave 2 for approval', async () => {
		const parameters = rolloutOf(5, { wavePlan: '1, 100%', requireApproval: '={{ "true" }}' });
		expect((await step(fixture, parameters)).decision).toBe('created_wave');
		fixture.emu.clock.advance(2 * 3600_000);
		const next = await step(fixture, parameters);
		expect([next.decision, next.wave, fixture.emu.tasksNamed(`${ROLLOUT}_w2`)]).toEqual([
			'awaiting_approval',
			2,
			[],
		]);
	});

	it.each([
		[
			{ requireApproval: '={{ "yes" }}' },
			/Require Approval Before Each Wave must be true or false: "yes"/,
		],
		[
			{ judgeOn: 'subTask' },
			/Count as Succeeded must be one of verified, subTaskStatus: "subTask"/,
		],
		[
			{ onMissedThreshold: 'stop' },
			/When a Wave Misses the Threshold must be one of haltAndStop, halt: "stop"/,
		],
		[
			{ maintenanceWindow: { weekdays: ['Saturday'], startHour: 1, endHour: 3 } },
			/Maintenance Window Weekdays must be 1 \(Monday\) to 7 \(Sunday\): "\["Saturday"\]"/,
		],
		[
			{ maintenanceWindow: { weekdays: [6], startHour: '={{ "" }}', endHour: 3 } },
			/Window Start Hour must be a whole number/,
		],
	])('%j is refused by name, never read as the default', async (over, message) => {
		expect(await refusal(rolloutOf(5, over))).toMatch(message);
	});

	it('Roll Back to the package the rollout installs is refused before any request', async () => {
		const parameters = rolloutOf(5, { operation: 'rollBack' });
		const message = await refusal({
			...parameters,
			rollbackPackageIds: packageOf(fixture.emu, 'V1.2.0'),
		});
		expect(message).toMatch(/Roll Back to Package IDs is a package of the rollout itself/);
		expect(fixture.emu.tasks()).toEqual([]);
	});

	it('Halt names the wave it halted, and no wave it did not create', async () => {
		const parameters = rolloutOf(5, { wavePlan: '1, 100%' });
		await step(fixture, parameters);
		fixture.emu.clock.advance(2 * 3600_000);
		const halted = await step(fixture, { ...parameters, operation: 'halt' });
		const later = await step(fixture, parameters);
		expect([halted.decision, halted.wave, later.wave]).toEqual(['halted', 1, 1]);
		// Advance would have started wave 2; Halt did not, and its reasons do not say it does.
		expect((halted.reasons as string[]).filter((r) => r.startsWith('wave 2:'))).toEqual([]);
		expect(fixture.emu.tasksNamed(`${ROLLOUT}_w2`)).toEqual([]);
	});

	it('a Target Version the package does not install halts wave 1 with a reason that says so', async () => {
		const parameters = rolloutOf(4, { wavePlan: '1, 100%', targetVersion: '1.2.0' });
		await step(fixture, parameters);
		fixture.emu.clock.advance(2 * 3600_000);
		const out = await step(fixture, { ...parameters, operation: 'getStatus' });
		expect(out.decision).toBe('halted');
		expect(String((out.reasons as string[])[0])).toMatch(
			/1 of them ended Success in IoTDA but does not report 1\.2\.0: it fell back, or Target Version is not the version the package installs/,
		);
	});

	it('three Roll Backs at once (a double click, two workers) downgrade every device once', async () => {
		const parameters = rolloutOf(4, { wavePlan: '100%' });
		await step(fixture, parameters);
		fixture.emu.clock.advance(2 * 3600_000);
		const rollBack = {
			...parameters,
			operation: 'rollBack',
			rollbackPackageIds: packageOf(fixture.emu, 'V1.1.0'),
		};
		const runs = await Promise.all(
			[1, 2, 3].map(async () => await fixture.execute({ parameters: rollBack as never })),
		);
		const outputs = runs.map((r) => r.outputs[0]?.[0]?.json ?? { error: r.error?.message });
		expect(outputs.reduce((n, o) => n + Number(o.races_stopped ?? 0), 0)).toBe(2);
		fixture.emu.clock.advance(3600_000);
		const ran = fixture.emu.tasksNamed(`${ROLLOUT}_rb1`).map((t) => [t.status, t.progress.success]);
		expect(ran.sort()).toEqual([
			['Stopped', 0],
			['Stopped', 0],
			['Success', 4],
		]);
	});

	it('a rollout whose targets match no device says so, not just "all 0 devices"', async () => {
		const out = await step(fixture, rolloutParameters(fixture.emu, { tagKey: 'no_such_tag' }));
		expect([out.decision, (out.counts as IDataObject).targets]).toEqual(['complete', 0]);
		expect((out.reasons as string[])[0]).toMatch(
			/no target device: no device of the targets is behind V1\.2\.0 \(check the search filters or Device IDs\)/,
		);
	});
});
