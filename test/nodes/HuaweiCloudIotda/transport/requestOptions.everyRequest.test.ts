/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Options → Timeout, Ignore SSL Issues (Insecure) and Max Attempts apply to every request an operation sends,
 * not only its main one: the name lookup of "If a Task With This Name Exists", the lookup that recovers a
 * create or an upload whose answer was lost, Wait for Completion's device results and the Stop a staged
 * rollout sends. A lookup without them would reach a self-signed endpoint with TLS verified (and fail), or
 * wait for n8n's default timeout. Checked on every request n8n signs, through n8n's engine.
 */
import type { IDataObject, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { deviceId, TASK_TIMING } from '../../../emulator';
import { fileItem } from '../../../fixtures/files';
import { devicesBetween, upgrade, useRolloutEmulator } from '../../../fixtures/rollout';
import { deviceSheet } from '../../../helpers/xlsx';

jest.mock('../../../../nodes/HuaweiCloudIotda/helpers/clock', () =>
	require('../../../helpers/fastClock').fastClock(50),
);

const fixture = useRolloutEmulator();
const requestOptions = { timeout: 12345, allowUnauthorizedCerts: true };

/** Each request's method, path and the options that should have reached it. */
function seen(sent: IHttpRequestOptions[]) {
	return sent.map((r) => ({
		request: `${r.method ?? 'GET'} ${String(r.url)
			.replace(/^https?:\/\/[^/]+/, '')
			.replace(/\?.*$/, '')}`,
		timeout: r.timeout,
		skipSslCertificateValidation: r.skipSslCertificateValidation,
	}));
}

function expectEveryRequestWithOptions(sent: IHttpRequestOptions[], minimum: number) {
	expect(sent.length).toBeGreaterThanOrEqual(minimum);
	for (const request of seen(sent))
		expect(request).toEqual({
			request: request.request,
			timeout: 12345,
			skipSslCertificateValidation: true,
		});
}

describe('Options → Timeout and Ignore SSL Issues reach every request', () => {
	it('Create with "Return Existing Task": the name lookup', async () => {
		const sent: IHttpRequestOptions[] = [];
		const parameters = upgrade(fixture, 'opts_lookup', devicesBetween(1, 2), {
			...requestOptions,
			ifTaskExists: 'returnExisting',
		});
		await fixture.run({ parameters, sent });
		const again = await fixture.run({ parameters, sent });
		expect(again[0].json.existing).toBe(true);
		expectEveryRequestWithOptions(sent, 3);
	});

	it('Create whose answer was lost: the lookup that recovers the task', async () => {
		fixture.emu.faults.add({
			kind: 'commitThenDrop',
			match: { method: 'POST', path: /\/batchtasks$/ },
		});
		const sent: IHttpRequestOptions[] = [];
		const [out] = await fixture.run({
			parameters: upgrade(fixture, 'opts_recover', devicesBetween(1, 2), requestOptions),
			sent,
		});
		expect(typeof out.json.recovered_after).toBe('string');
		// The lookup reads the default resource space first (a create without App ID goes there).
		expect(seen(sent).map((r) => r.request)).toEqual([
			expect.stringMatching(/^POST .*\/batchtasks$/),
			expect.stringMatching(/^GET .*\/apps$/),
			expect.stringMatching(/^GET .*\/batchtasks$/),
		]);
		expectEveryRequestWithOptions(sent, 3);
	});

	it('Wait for Completion: the device results', async () => {
		fixture.emu.failTargets([deviceId(2)]);
		const sent: IHttpRequestOptions[] = [];
		const [out] = await fixture.run({
			parameters: upgrade(fixture, 'opts_wait', devicesBetween(1, 3), {
				...requestOptions,
				waitForCompletion: true,
				pollInterval: 1,
			}),
			sent,
		});
		expect((out.json.devices as IDataObject).failed).toEqual([
			expect.objectContaining({ device_id: deviceId(2) }),
		]);
		expect(sent.some((r) => String(r.url).includes('task_detail_status='))).toBe(true);
		expectEveryRequestWithOptions(sent, 3);
	});

	it('Staged rollout: the Stop sent to a wave past its threshold', async () => {
		TASK_TIMING.parallel = 2;
		fixture.emu.setFailureRate(0.6);
		fixture.emu.clock.setSpeed(20);
		const sent: IHttpRequestOptions[] = [];
		const [out] = await fixture
			.run({
				parameters: upgrade(fixture, 'opts_wave', devicesBetween(1, 100), {
					...requestOptions,
					waitForCompletion: true,
					rolloutWaves: '10%, 50%, 100%',
					successThreshold: 90,
					pollInterval: 1,
				}),
				sent,
			})
			.finally(() => fixture.emu.clock.setSpeed(100));
		expect((out.json.rollout as IDataObject).status).toBe('stopped');
		expect(seen(sent).some((r) => /^POST .*\/stop$/.test(r.request))).toBe(true);
		expectEveryRequestWithOptions(sent, 3);
	});

	it('Batch Task File → Upload whose answer was lost: the lookup that recovers the file', async () => {
		fixture.emu.faults.add({
			kind: 'commitThenDrop',
			match: { method: 'POST', path: /\/batchtask-files$/ },
		});
		const sent: IHttpRequestOptions[] = [];
		const items: INodeExecutionData[] = [fileItem('devices.xlsx', deviceSheet(2))];
		const [out] = await fixture.run({
			parameters: {
				resource: 'batchTaskFile',
				operation: 'upload',
				options: requestOptions,
			},
			items,
			sent,
		});
		expect(typeof out.json.recovered_after).toBe('string');
		expectEveryRequestWithOptions(sent, 2);
	});
});
