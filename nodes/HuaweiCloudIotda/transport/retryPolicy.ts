/**
 * When a failed request may be sent again, and after how long. Pure: the caller sleeps and counts.
 *
 * - 429, 503, and 403 with an IoTDA rate-limit code `IOTDA.0211xx` (IOTDA.021101 "Request reached the
 *   maximum rate limit", IOTDA.021102 "...upper limit of the tenant", IoTDA's HTTP API error tables; audit
 *   row 8): the request was refused, so any request may be repeated after a wait
 *   (Retry-After when given, else capped exponential back-off with jitter).
 * - 500/502/504, a reset connection, a timeout: the request may have been processed, so only requests that
 *   are safe to repeat are sent again (reads, deletes, stop/retry/confirm). A create is never re-sent;
 *   the caller looks the task up instead.
 * - A refused connection: the request certainly never reached IoTDA, so any request may be repeated.
 */
export interface RetrySettings {
	/** Attempts in total, the first included. */
	maxAttempts: number;
	/** No retry starts after this much time since the first attempt. */
	maxTotalMs: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

/** The most attempts Options → Max Attempts accepts: the form's maxValue and the run's check use this one number. */
export const MAX_ATTEMPTS_LIMIT = 10;

export const DEFAULT_RETRY: RetrySettings = {
	maxAttempts: 4,
	maxTotalMs: 60000,
	baseDelayMs: 500,
	maxDelayMs: 20000,
};

export type FailureKind = 'throttled' | 'serverError' | 'ambiguousNetwork' | 'refused' | 'final';

/** IoTDA's rate-limit codes (`IOTDA.0211xx`), answered with HTTP 403. */
export const RATE_LIMIT_CODE = /^IOTDA\.0211\d\d$/;

/** What a failed status means for a retry; `errorCode` is the body's `error_code`, when there is one. */
export function classifyStatus(status: number, errorCode?: unknown): FailureKind {
	if (status === 429 || status === 503) return 'throttled';
	if (status === 403 && typeof errorCode === 'string' && RATE_LIMIT_CODE.test(errorCode))
		return 'throttled';
	if (status === 500 || status === 502 || status === 504) return 'serverError';
	return 'final';
}

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const AMBIGUOUS = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ESOCKETTIMEDOUT',
]);

/** The system error code of a transport failure, wherever the HTTP layer put it. */
export function networkErrorCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && (REFUSED.has(code) || AMBIGUOUS.has(code))) return code;
		current = (current as { cause?: unknown }).cause;
	}
	const message = error instanceof Error ? error.message : String(error);
	if (/socket hang up/i.test(message)) return 'ECONNRESET';
	return [...REFUSED, ...AMBIGUOUS].find((code) => message.includes(code));
}

export function classifyNetworkError(error: unknown): FailureKind {
	const code = networkErrorCode(error);
	if (code && REFUSED.has(code)) return 'refused';
	if (code) return 'ambiguousNetwork';
	return 'final';
}

/** Whether this failure may be retried for a request that is (or is not) safe to repeat. */
export function mayRetry(kind: FailureKind, safeToRepeat: boolean): boolean {
	if (kind === 'throttled' || kind === 'refused') return true;
	if (kind === 'serverError' || kind === 'ambiguousNetwork') return safeToRepeat;
	return false;
}

/** Seconds or an HTTP date, as Retry-After allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Delay before attempt `attempt + 1` (attempt counts from 1), or undefined when no retry fits. */
export function retryDelay(
	settings: RetrySettings,
	attempt: number,
	elapsedMs: number,
	retryAfterMs: number | undefined,
	random: () => number,
): number | undefined {
	if (attempt >= settings.maxAttempts) return undefined;
	const backoff = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
	// Full jitter keeps many workers that were throttled together from retrying together.
	const delay = retryAfterMs ?? Math.round(backoff / 2 + (random() * backoff) / 2);
	if (elapsedMs + delay > settings.maxTotalMs) return undefined;
	return delay;
}
