// Fires N webhook calls at once, each with its own device list, and records what each got back.
// Device ids are synthetic and unique per run and call ("<tag>-c<call>-d<n>", 1-5 per call), so a
// task in IoTDA can be traced back to exactly one call by its targets. (The emulator accepts unknown
// device ids at creation and fails their sub-tasks later, as IoTDA does; the tasks still count.)

// The registration probe is the harness's (a GET never starts an execution).
export { waitForWebhook } from '../../harness/n8n-instance.mjs';

export function deviceListFor(tag, call) {
	return Array.from(
		{ length: 1 + (call % 5) },
		(_, d) => `${tag}-c${String(call).padStart(4, '0')}-d${d + 1}`,
	);
}

async function postOnce(url, body, timeoutMs) {
	const startedAt = Date.now();
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, text: text.slice(0, 500), json, startedAt, endedAt: Date.now() };
	} catch (error) {
		return {
			status: 0,
			text: String(error?.cause?.code ?? error?.message ?? error),
			startedAt,
			endedAt: Date.now(),
		};
	}
}

/**
 * Returns {calls: [{call, devices, status, json, text, ms}], wallMs}. All calls start together. Each call
 * posts its own device list (`{device_ids, value}`), or `body` when given (the same body for every call).
 */
export async function fireWebhooks({ url, count, tag, value = 'OFF', body, timeoutMs = 180000 }) {
	const startedAt = Date.now();
	const calls = await Promise.all(
		Array.from({ length: count }, async (_, call) => {
			const devices = body ? body.device_ids : deviceListFor(tag, call);
			const result = await postOnce(url, body ?? { device_ids: devices, value }, timeoutMs);
			return { call, devices, ...result, ms: result.endedAt - result.startedAt };
		}),
	);
	return { calls, wallMs: Date.now() - startedAt };
}
