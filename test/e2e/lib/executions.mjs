// n8n's own record of a workflow's executions on a running `n8n start`, read through the editor's REST API
// (GET /rest/executions, GET /rest/executions/:id; the same on n8n 1.x and 2.x, login cookie needed).

/**
 * Parses n8n's stored run data ("flatted" JSON: an array of values, index 0 the root, every string inside an
 * object or array a reference to the array index it names).
 */
export function parseFlatted(text) {
	const values = JSON.parse(text);
	const built = new Map();
	const resolve = (index) => {
		const value = values[index];
		if (typeof value !== 'object' || value === null) return value;
		if (built.has(index)) return built.get(index);
		const out = Array.isArray(value) ? [] : {};
		built.set(index, out);
		for (const [key, v] of Object.entries(value))
			out[key] = typeof v === 'string' ? resolve(Number(v)) : v;
		return out;
	};
	return resolve(0);
}

/** The workflow's executions, oldest first: [{id, status, mode}]. */
export async function listExecutions(n8n, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { data } = await n8n.getJson(`/rest/executions?filter=${filter}&limit=100`);
	return data.results
		.map((e) => ({ id: String(e.id), status: e.status, mode: e.mode }))
		.sort((a, b) => Number(a.id) - Number(b.id));
}

/** One execution: {status, mode, outputs(nodeName) → the json of the node's last run's first output}. */
export async function readExecution(n8n, id) {
	const { data } = await n8n.getJson(`/rest/executions/${id}`);
	const run = parseFlatted(data.data);
	const runData = run.resultData?.runData ?? {};
	return {
		status: data.status,
		mode: data.mode,
		ran: Object.keys(runData),
		outputs(nodeName) {
			const runs = runData[nodeName] ?? [];
			return (runs.at(-1)?.data?.main?.[0] ?? []).map((item) => item.json);
		},
	};
}
