/**
 * Makes the emulator answer exactly the `n`-th request matching `method` and `path` (counted from now) with a
 * status fault — e.g. IoTDA refusing the second create of a run, or a status request answered HTTP 500 — and
 * every other request normally. The emulator's own fault registry counts "the next N", not "the N-th"; this
 * wraps its `take` with a jest spy (undo with jest.restoreAllMocks()).
 */
import type { Emulator } from '../emulator';
import type { ActiveFault } from '../emulator/faults';

export interface NthRequest {
	method: 'GET' | 'POST' | 'DELETE';
	path: RegExp;
	/** 1 = the first matching request. */
	n: number;
}

export function failNthRequest(
	emu: Emulator,
	{ method, path, n }: NthRequest,
	answer: { status: number; errorCode?: string; errorMsg?: string },
): jest.SpyInstance {
	const faults = emu.faults;
	const take = faults.take.bind(faults);
	let seen = 0;
	return jest.spyOn(faults, 'take').mockImplementation((m, p) => {
		if (m === method && path.test(p) && ++seen === n)
			return { kind: 'status', ...answer, id: 0, remaining: 0, hits: 1 } satisfies ActiveFault;
		return take(m, p);
	});
}

/** IoTDA refuses the `n`-th create of the run (HTTP 400 IOTDA.000006, which the node does not retry). */
export const refuseNthCreate = (emu: Emulator, n: number, errorMsg = 'Invalid input data') =>
	failNthRequest(
		emu,
		{ method: 'POST', path: /\/batchtasks$/, n },
		{ status: 400, errorCode: 'IOTDA.000006', errorMsg },
	);
