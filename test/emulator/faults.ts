// Fault injection: tests (in-process or via POST /__admin/faults) make the next matching requests fail.
/**
 * `throttle` = 403 IOTDA.021101 "Request reached the maximum rate limit." — the rate-limit answer of
 * IoTDA's HTTP API tables (IOTDA.021102 = the tenant's limit; audit row 8). `status` 429 = the API
 * gateway's APIG.0308.
 */
export type FaultKind = 'status' | 'throttle' | 'reset' | 'delay' | 'commitThenDrop';

export interface FaultSpec {
	kind: FaultKind;
	/** For kind 'status': 429, 500, 502, 503, 504, ... */
	status?: number;
	/** Defaults: APIG.0308 for 429, IOTDA.021101 for 403, APIG.1009 (assumed) for 5xx. */
	errorCode?: string;
	errorMsg?: string;
	/** Seconds for a Retry-After header (only sent when set). */
	retryAfter?: number;
	/** For kind 'delay': milliseconds to wait before handling the request normally. */
	delayMs?: number;
	/** How many matching requests are hit (default 1; use Infinity, or -1 via the admin API, for "always"). */
	times?: number;
	match?: { method?: string; path?: string | RegExp };
}

export interface ActiveFault extends FaultSpec {
	id: number;
	remaining: number;
	hits: number;
}

export class FaultRegistry {
	private faults: ActiveFault[] = [];
	private nextId = 1;

	add(spec: FaultSpec): ActiveFault {
		if (!['status', 'throttle', 'reset', 'delay', 'commitThenDrop'].includes(spec.kind))
			throw new Error(`unknown fault kind ${String(spec.kind)}`);
		if (spec.kind === 'status' && !(Number(spec.status) >= 400 && Number(spec.status) <= 599))
			throw new Error('a status fault needs status 400-599');
		const times = spec.times === undefined ? 1 : spec.times < 0 ? Infinity : spec.times;
		const fault: ActiveFault = {
			...spec,
			...(spec.kind === 'throttle' ? { kind: 'status', status: 403 } : {}),
			id: this.nextId++,
			remaining: times,
			hits: 0,
		};
		this.faults.push(fault);
		return fault;
	}

	clear(): void {
		this.faults = [];
	}

	list(): ActiveFault[] {
		return this.faults.slice();
	}

	/** Consumes and returns the first fault matching the request, if any. */
	take(method: string, path: string): ActiveFault | undefined {
		const fault = this.faults.find((f) => f.remaining > 0 && matches(f, method, path));
		if (!fault) return undefined;
		fault.remaining--;
		fault.hits++;
		if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
		return fault;
	}
}

function matches(f: FaultSpec, method: string, path: string): boolean {
	if (f.match?.method && f.match.method.toUpperCase() !== method) return false;
	const p = f.match?.path;
	if (p === undefined) return true;
	return typeof p === 'string' ? path.includes(p) : p.test(path);
}

export function faultBody(f: FaultSpec): { error_code: string; error_msg: string } {
	const status = f.status ?? 500;
	if (status === 429) {
		return {
			error_code: f.errorCode ?? 'APIG.0308',
			error_msg:
				f.errorMsg ??
				'The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute',
		};
	}
	if (status === 403) {
		return {
			error_code: f.errorCode ?? 'IOTDA.021101',
			error_msg: f.errorMsg ?? 'Request reached the maximum rate limit.',
		};
	}
	return {
		error_code: f.errorCode ?? (status >= 500 ? 'APIG.1009' : 'IOTDA.000006'),
		error_msg: f.errorMsg ?? `Injected fault: HTTP ${status}`,
	};
}
