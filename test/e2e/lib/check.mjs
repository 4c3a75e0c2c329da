// Assertions for the e2e cases: each throws with what was expected and what was found (or waited for).
import { isDeepStrictEqual } from 'node:util';

export class CheckError extends Error {}

export function check(condition, message) {
	if (!condition) throw new CheckError(message);
}

export function checkEqual(actual, expected, what) {
	if (!isDeepStrictEqual(actual, expected)) {
		throw new CheckError(
			`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
		);
	}
}

/** Waits until `predicate()` gives a truthy value (returned), polling every 250 ms; throws after `timeoutMs`. */
export async function waitFor(what, predicate, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await predicate();
		if (value) return value;
		if (Date.now() > deadline) throw new CheckError(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}
