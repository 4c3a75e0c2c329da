/**
 * Maintenance windows: edges (open instant, last millisecond, close) and daylight-saving changes in
 * Europe/Berlin (2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET), then the step's window
 * decisions on top of them.
 */
import {
	checkWindow,
	windowOpening,
	type MaintenanceWindow,
} from '../../../../../nodes/HuaweiCloudIotda/actions/rollout/window';
import {
	decideStep,
	START_GUARD_MS,
} from '../../../../../nodes/HuaweiCloudIotda/actions/rollout/step';
import { DAY, fleet, ids, onVersion, settings, state, wave } from './builders';

const z = (text: string) => Date.parse(text);
const SUNDAY = 7;
const win = (over: Partial<MaintenanceWindow>): MaintenanceWindow => ({
	weekdays: [SUNDAY],
	startHour: 2,
	endHour: 4,
	timezone: 'Europe/Berlin',
	...over,
});

describe('windowOpening', () => {
	it.each([
		// [case, window, at, expected opening]
		['inside: at itself', win({}), '2026-06-07T00:30:00Z', '2026-06-07T00:30:00Z'],
		['the opening instant is inside', win({}), '2026-06-07T00:00:00Z', '2026-06-07T00:00:00Z'],
		['1 ms before the opening', win({}), '2026-06-06T23:59:59.999Z', '2026-06-07T00:00:00Z'],
		[
			'the last millisecond is inside',
			win({}),
			'2026-06-07T01:59:59.999Z',
			'2026-06-07T01:59:59.999Z',
		],
		['the close is outside: next week', win({}), '2026-06-07T02:00:00Z', '2026-06-14T00:00:00Z'],
		[
			'spring forward: 02:00 does not exist, the window opens 03:00 CEST',
			win({}),
			'2026-03-28T12:00:00Z',
			'2026-03-29T01:00:00Z',
		],
		[
			'spring forward: 00:59:59 UTC is still before it',
			win({}),
			'2026-03-29T00:59:59Z',
			'2026-03-29T01:00:00Z',
		],
		[
			'spring forward: one hour long, closed at 04:00 CEST',
			win({}),
			'2026-03-29T02:00:00Z',
			'2026-04-05T00:00:00Z',
		],
		[
			'fall back: 01:00–03:00 lasts three hours, 02:30 CET is inside',
			win({ startHour: 1, endHour: 3 }),
			'2026-10-25T01:30:00Z',
			'2026-10-25T01:30:00Z',
		],
		[
			'fall back: closed at 03:00 CET',
			win({ startHour: 1, endHour: 3 }),
			'2026-10-25T02:00:00Z',
			'2026-11-01T00:00:00Z',
		],
		[
			'overnight 22–4 belongs to its opening day: Sunday 23:00 is inside',
			win({ startHour: 22, endHour: 4 }),
			'2026-06-07T21:00:00Z',
			'2026-06-07T21:00:00Z',
		],
		[
			'overnight: Monday 03:00 is still inside Sunday’s window',
			win({ startHour: 22, endHour: 4 }),
			'2026-06-08T01:00:00Z',
			'2026-06-08T01:00:00Z',
		],
		[
			'overnight: Monday 04:00 is not',
			win({ startHour: 22, endHour: 4 }),
			'2026-06-08T02:00:00Z',
			'2026-06-14T20:00:00Z',
		],
		[
			'end hour 24 closes at midnight',
			win({ startHour: 20, endHour: 24 }),
			'2026-06-07T21:59:59Z',
			'2026-06-07T21:59:59Z',
		],
		[
			'other zone: New York 02–04 after its spring forward (2026-03-08)',
			win({ timezone: 'America/New_York' }),
			'2026-03-07T12:00:00Z',
			'2026-03-08T07:00:00Z',
		],
	])('%s', (_name, window, at, expected) => {
		expect(new Date(windowOpening(window, z(at))).toISOString()).toBe(
			new Date(z(expected)).toISOString(),
		);
	});
});

describe('checkWindow refuses a window it cannot honour, by field', () => {
	it.each([
		[win({ weekdays: [] }), /Maintenance Window Weekdays must name at least one weekday/],
		[win({ weekdays: [0] }), /Maintenance Window Weekdays/],
		[win({ startHour: 24 }), /Window Start Hour must be a whole hour from 0 to 23/],
		[win({ endHour: 0 }), /Window End Hour must be a whole hour from 1 to 24/],
		[win({ startHour: 3, endHour: 3 }), /Window End Hour equals the start hour/],
		[win({ timezone: 'Mars/Olympus' }), /Timezone is not a known IANA timezone: "Mars\/Olympus"/],
	])('%j', (window, message) => {
		expect(() => checkWindow(window)).toThrow(message);
	});
});

describe('Rollout step with a maintenance window', () => {
	const all = fleet(100);
	const w1 = ids(all).slice(0, 5);

	it('outside the window: the wave is created now, scheduled for the opening (an approval given now is kept)', () => {
		const now = z('2026-03-28T12:00:00Z');
		const d = decideStep(settings({ window: win({}) }), state({ now, targets: all }));
		expect(d).toMatchObject({
			decision: 'created_wave',
			wave: 1,
			action: { type: 'create_wave', start_at: '2026-03-29T01:00:00.000Z' },
		});
	});

	it('inside the window, less than the start guard before it closes: it still starts inside', () => {
		const now = z('2026-06-07T01:58:00Z');
		const d = decideStep(settings({ window: win({}) }), state({ now, targets: all }));
		expect(d.action).toMatchObject({ start_at: new Date(now + START_GUARD_MS).toISOString() });
	});

	it('within the start guard of the close: scheduled for next week', () => {
		const now = z('2026-06-07T01:59:30Z');
		const d = decideStep(settings({ window: win({}) }), state({ now, targets: all }));
		expect(d.action).toMatchObject({ start_at: '2026-06-14T00:00:00.000Z' });
	});

	it('a wave scheduled for the window: later steps say outside_window_until its start', () => {
		const created = z('2026-03-28T12:00:00Z');
		const task = wave(1, w1, {
			createdAt: created,
			scheduledAt: z('2026-03-29T01:00:00Z'),
			status: 'Waitting',
			progress: { success: 0, waitting: 5 },
		});
		const d = decideStep(
			settings({ window: win({}) }),
			state({ now: created + 3600_000, targets: all, tasks: [task] }),
		);
		expect(d).toMatchObject({
			decision: 'outside_window_until',
			wave: 1,
			next_check_at: '2026-03-29T01:00:00.000Z',
		});
	});

	it('a wave waiting only out its start guard is plain waiting', () => {
		const created = z('2026-06-07T00:30:00Z');
		const task = wave(1, w1, {
			createdAt: created,
			scheduledAt: created + START_GUARD_MS,
			status: 'Waitting',
			progress: { success: 0, waitting: 5 },
		});
		const d = decideStep(
			settings({ window: win({}) }),
			state({ now: created + 1000, targets: all, tasks: [task] }),
		);
		expect(d.decision).toBe('waiting');
	});

	it('an opening beyond IoTDA’s 7-day schedule (fall back adds an hour): not created yet', () => {
		const w3 = win({ startHour: 3, endHour: 4 });
		const task = wave(1, w1, { createdAt: z('2026-10-01T00:00:00Z') });
		const now = z('2026-10-18T01:59:30Z');
		const d = decideStep(
			settings({ window: w3, soakMs: DAY }),
			state({ now, targets: onVersion(all, w1), tasks: [task] }),
		);
		expect(d).toMatchObject({
			decision: 'outside_window_until',
			wave: 2,
			action: { type: 'none' },
			next_check_at: '2026-10-18T02:01:00.000Z',
		});
	});
});
