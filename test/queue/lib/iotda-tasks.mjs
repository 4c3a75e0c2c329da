// The tasks the emulator holds for the test account, each with its full target list (read back
// through the IoTDA API with Huawei's SDK signer, test/harness/iotda-client.mjs).

export async function tasksWithTargets(emulator, client, { parallel = 20 } = {}) {
	const { tasks } = await emulator.state();
	const ids = tasks.map((t) => t.task_id);
	const out = [];
	for (let i = 0; i < ids.length; i += parallel) {
		const shown = await Promise.all(
			ids.slice(i, i + parallel).map((id) => client.showBatchTask(id)),
		);
		for (const s of shown) {
			const task = s.batchtask ?? s;
			out.push({
				task_id: task.task_id,
				task_name: task.task_name,
				status: task.status,
				targets: task.targets ?? [],
				document: task.document,
			});
		}
	}
	return out;
}

/** The emulator's request log since it was last cleared (reset() clears it). */
export async function requestLog(emulator) {
	const { entries, total } = await emulator.requestLog(100000);
	if (total > entries.length)
		throw new Error(`emulator log holds ${total} entries, read ${entries.length}`);
	return entries;
}
