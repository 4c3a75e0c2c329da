// Assertions for the e2e cases: each throws with what was expected and what was found.
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
