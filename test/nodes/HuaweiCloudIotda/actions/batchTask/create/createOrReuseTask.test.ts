/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** Create → duplicate protection (lost responses, re-runs, If Task Exists) through n8n's engine. */
import type { INodeParameters } from 'n8n-workflow';

import { devicesBetween, upgrade, useRolloutEmulator } from '../../../../../fixtures/rollout';

// The node's clock runs 50 times faster, as for the other Create suites that wait (main's rollout.test.ts).
jest.mock('../../../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../../../helpers/fastClock').fastClock(50),
);

const fixture = useRolloutEmulator();
const run = (parameters: INodeParameters) => fixture.run({ parameters });

describe('Duplicate protection', () => {
	it('a create whose response was dropped, then a re-run, leaves exactly one task', async () => {
		fixture.emu.faults.add({
			kind: 'commitThenDrop',
			match: { method: 'POST', path: /\/batchtasks$/ },
		});
		const options = { idempotencyKey: 'execution-4711', ifTaskExists: 'returnExisting' };
		// The connection breaks after IoTDA created the task: the node finds it instead of creating another.
		const [first] = await run(upgrade(fixture, 'nightly', devicesBetween(1, 3), options));
		expect(first.json).toMatchObject({ existing: true, recovered_after: 'ECONNRESET' });
		expect(fixture.emu.log.filter((e) => e.method === 'POST')).toHaveLength(1);
		expect(fixture.emu.tasks()).toHaveLength(1);
		expect(first.json.task_id).toBe(fixture.emu.tasks()[0].task_id);

		const [second] = await run(upgrade(fixture, 'nightly', devicesBetween(1, 3), options));
		expect(second.json.existing).toBe(true);
		expect(fixture.emu.tasks()).toHaveLength(1);
		expect(second.json.task_id).toBe(fixture.emu.tasks()[0].task_id);
		expect(second.json.task_name).toMatch(/^nightly_[0-9a-f]{10}$/);

		const [other] = await run(
			upgrade(fixture, 'nightly', devicesBetween(1, 3), {
				...options,
				idempotencyKey: 'execution-4712',
			}),
		);
		expect(other.json.existing).toBeUndefined();
		expect(fixture.emu.tasks()).toHaveLength(2);
	});

	it('"Fail" names the existing task and creates nothing', async () => {
		await run(upgrade(fixture, 'once_only', devicesBetween(1, 2), {}));
		const error = await run(
			upgrade(fixture, 'once_only', devicesBetween(1, 2), { ifTaskExists: 'fail' }),
		).catch((e: Error) => e);
		expect((error as Error).message).toMatch(
			/^A batch task named "once_only" already exists \([0-9a-f]{24}, \w+\) \[item 0\]$/,
		);
		expect(fixture.emu.tasks()).toHaveLength(1);
	});
});

// Issue #29 item 2: the same key (or name) with other work must not return the earlier task as this run's result.
describe('Return Existing Task: only for the same work', () => {
	const options = { idempotencyKey: 'nightly-2026-12-07', ifTaskExists: 'returnExisting' };

	it('the same key with other devices is refused by name; nothing is created', async () => {
		await run(upgrade(fixture, 'nightly', devicesBetween(1, 3), options));
		const error = await run(upgrade(fixture, 'nightly', devicesBetween(4, 6), options)).catch(
			(e: Error) => e,
		);
		expect((error as Error).message).toMatch(
			/^A batch task named "nightly_[0-9a-f]{10}" already exists \([0-9a-f]{24}, \w+\) but does other work: 3 of the 3 devices asked for are not in it, and it has 3 other devices \[item 0\]$/,
		);
		expect(fixture.emu.tasks()).toHaveLength(1);
	});

	it('the same key and devices with another package is refused', async () => {
		await run(upgrade(fixture, 'nightly', devicesBetween(1, 2), options));
		const other = fixture.emu
			.state()
			.catalog.packages.filter((p) => p.package_type === 'firmwarePackage')[1];
		const error = await run({
			...upgrade(fixture, 'nightly', devicesBetween(1, 2), options),
			packageId: other.package_id,
		}).catch((e: Error) => e);
		expect((error as Error).message).toContain('but does other work: another document');
		expect(fixture.emu.tasks()).toHaveLength(1);
	});

	it('the same work in another order is the same task: returned, with its own device count', async () => {
		const [first] = await run(upgrade(fixture, 'nightly', devicesBetween(1, 3), options));
		const [again] = await run(upgrade(fixture, 'nightly', devicesBetween(1, 3).reverse(), options));
		expect(again.json).toMatchObject({
			existing: true,
			task_id: first.json.task_id,
			device_count: 3,
		});
		expect(fixture.emu.tasks()).toHaveLength(1);
	});
});

// Issue #29 item 11: a create without App ID goes to the default space; the name is looked up there only.
describe('Same-name lookup: in the resource space the task would be created in', () => {
	it('a same-named task of another space is not returned for a default-space create', async () => {
		const apps = fixture.emu.state().catalog.apps;
		const other = apps.find((a) => !a.default_app)!;
		const options = { ifTaskExists: 'returnExisting' };
		await run({
			...upgrade(fixture, 'same_name', devicesBetween(1, 2), options),
			additionalFields: { appId: { __rl: true, mode: 'id', value: other.app_id } },
		} as INodeParameters);
		const [created] = await run(upgrade(fixture, 'same_name', devicesBetween(1, 2), options));
		expect(created.json.existing).toBeUndefined();
		expect(fixture.emu.tasks()).toHaveLength(2);
		const [again] = await run(upgrade(fixture, 'same_name', devicesBetween(1, 2), options));
		expect(again.json).toMatchObject({ existing: true, task_id: created.json.task_id });
	});
});
