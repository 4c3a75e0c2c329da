/**
 * Settings each valid alone but not together are refused by name before anything is sent (issue #29 items 5 and
 * 10), and the older upgrade document form is tried only after a refusal about the package field (item 5).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { devicesBetween, upgrade, useRolloutEmulator } from '../../../../../fixtures/rollout';

const fixture = useRolloutEmulator();
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60000).toISOString();
const posts = () => fixture.emu.log.filter((e) => e.method === 'POST');

async function refused(options: IDataObject, additionalFields: IDataObject): Promise<string> {
	const error = await fixture
		.run({
			parameters: {
				...upgrade(fixture, 'combo', devicesBetween(1, 4), options),
				additionalFields: additionalFields as INodeParameters,
			},
		})
		.catch((e: Error) => e);
	expect(typeof (error as Error).message).toBe('string');
	expect(posts()).toHaveLength(0);
	return (error as Error).message;
}

describe('Combinations that cannot be honoured are refused by name', () => {
	it('Schedule Time with Staged Rollout Waves (wave 2 would be sent with a time in the past)', async () => {
		const message = await refused(
			{ waitForCompletion: true, rolloutWaves: '50%, 100%' },
			{ scheduleTime: inMinutes(30) },
		);
		expect(message).toMatch(/^Schedule Time cannot be combined with Staged Rollout Waves/);
	});

	it('Schedule Time after Max Wait ends, with Wait for Completion', async () => {
		const message = await refused(
			{ waitForCompletion: true, maxWait: 60 },
			{ scheduleTime: inMinutes(24 * 60) },
		);
		expect(message).toMatch(
			/^Schedule Time starts after Wait for Completion's Max Wait \(60 minutes\) ends/,
		);
	});

	it('Need Confirm with Wait for Completion, and with waves', async () => {
		expect(await refused({ waitForCompletion: true }, { needConfirm: true })).toMatch(
			/^Need Confirm cannot be combined with Wait for Completion/,
		);
		expect(
			await refused({ waitForCompletion: true, rolloutWaves: '50%, 100%' }, { needConfirm: true }),
		).toMatch(/^Need Confirm cannot be combined with Staged Rollout Waves/);
	});

	it('each setting alone, and a schedule within Max Wait, are still accepted (Dry Run)', async () => {
		for (const [options, fields] of [
			[{ waitForCompletion: true, maxWait: 60 }, { scheduleTime: inMinutes(30) }],
			[{}, { needConfirm: true }],
			[{ waitForCompletion: true, rolloutWaves: '50%, 100%' }, {}],
		] as const) {
			const out = await fixture.run({
				parameters: {
					...upgrade(fixture, 'combo', devicesBetween(1, 4), { ...options, dryRun: true }),
					additionalFields: fields as INodeParameters,
				},
			});
			expect(out.length).toBeGreaterThan(0);
		}
		expect(posts()).toHaveLength(0);
	});
});

describe('The older upgrade document form only after a refusal about the package field', () => {
	it('a refusal for another reason is reported as it is, and the create is not sent again', async () => {
		fixture.emu.config.maxUnfinishedPerSpace = 0;
		try {
			const error = await fixture
				.run({ parameters: upgrade(fixture, 'limit', devicesBetween(1, 2), {}) })
				.catch((e: Error) => e);
			expect((error as Error).message).toContain('unfinished task limit reached');
			expect((error as Error).message).not.toContain('both document forms');
			expect(posts()).toHaveLength(1);
		} finally {
			fixture.emu.config.maxUnfinishedPerSpace = 10;
		}
	});
});
