/** The retry rules in isolation, and the form's defaults agreeing with them. */
import { retryOptions } from '../../../../nodes/HuaweiCloudIotda/actions/requestOptions.description';
import {
	classifyNetworkError,
	classifyStatus,
	DEFAULT_RETRY,
	mayRetry,
	parseRetryAfter,
	retryDelay,
} from '../../../../nodes/HuaweiCloudIotda/transport/retryPolicy';

describe('retry policy', () => {
	it('retries throttling and refused connections for every request, server errors only for safe ones', () => {
		expect([429, 503].map((s) => mayRetry(classifyStatus(s), false))).toEqual([true, true]);
		expect(
			[500, 502, 504].map((s) => [
				mayRetry(classifyStatus(s), false),
				mayRetry(classifyStatus(s), true),
			]),
		).toEqual([
			[false, true],
			[false, true],
			[false, true],
		]);
		expect([400, 401, 403, 404].map((s) => mayRetry(classifyStatus(s), true))).toEqual([
			false,
			false,
			false,
			false,
		]);
		// IoTDA's rate-limit answer is a 403 with IOTDA.0211xx (audit row 8): throttled, for any request.
		expect(
			['IOTDA.021101', 'IOTDA.021102'].map((code) => mayRetry(classifyStatus(403, code), false)),
		).toEqual([true, true]);
		expect(
			['IOTDA.000004', 'IOTDA.0211', 'APIG.0308', undefined].map((code) =>
				classifyStatus(403, code),
			),
		).toEqual(['final', 'final', 'final', 'final']);
		expect(
			mayRetry(
				classifyNetworkError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })),
				false,
			),
		).toBe(true);
		expect(mayRetry(classifyNetworkError({ cause: { code: 'ECONNRESET' } }), false)).toBe(false);
		expect(mayRetry(classifyNetworkError(new Error('socket hang up')), true)).toBe(true);
		expect(classifyNetworkError(new Error('something else'))).toBe('final');
	});

	it('honours Retry-After in seconds or as a date', () => {
		const now = Date.UTC(2026, 0, 1, 0, 0, 0);
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10000);
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});

	it('backs off exponentially with jitter, capped, and stops at the attempt and time bounds', () => {
		const s = { maxAttempts: 5, maxTotalMs: 10000, baseDelayMs: 1000, maxDelayMs: 3000 };
		expect([1, 2, 3, 4].map((a) => retryDelay(s, a, 0, undefined, () => 1))).toEqual([
			1000, 2000, 3000, 3000,
		]);
		expect([1, 2, 3].map((a) => retryDelay(s, a, 0, undefined, () => 0))).toEqual([
			500, 1000, 1500,
		]);
		expect(retryDelay(s, 5, 0, undefined, () => 1)).toBeUndefined();
		expect(retryDelay(s, 1, 9500, undefined, () => 1)).toBeUndefined();
		expect(retryDelay(s, 1, 0, 7000, () => 1)).toBe(7000);
		expect(retryDelay(s, 1, 4000, 7000, () => 1)).toBeUndefined();
	});

	it('the form offers the transport defaults', () => {
		const byName = Object.fromEntries(retryOptions.map((o) => [o.name, o.default]));
		expect(byName).toEqual({
			maxAttempts: DEFAULT_RETRY.maxAttempts,
			maxRetrySeconds: DEFAULT_RETRY.maxTotalMs / 1000,
		});
	});
});
