// Reads back the batch tasks a workflow created (ShowBatchTask, signed like the node does),
// waits for them to finish, and formats a readable summary: tasks, devices, progress, failures.
const TERMINAL = new Set(['Success', 'Fail', 'PartialSuccess', 'Stopped']);

async function readTask(client, taskId) {
	const shown = await client.showBatchTask(taskId);
	const task = shown.batchtask ?? shown;
	const failed = await client.showBatchTask(taskId, { task_detail_status: 'Fail', limit: 50 });
	return { task, failures: failed.task_details ?? [] };
}

/** Polls until every task is finished or timeoutMs passed; returns [{task, failures}] in the given order. */
export async function waitForTasks(
	client,
	taskIds,
	{ timeoutMs = 60000, intervalMs = 1000, onProgress = () => {} } = {},
) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const tasks = await Promise.all(taskIds.map((id) => readTask(client, id)));
		onProgress(tasks);
		if (tasks.every(({ task }) => TERMINAL.has(task.status)) || Date.now() >= deadline)
			return tasks;
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

export function progressLine(tasks) {
	const sum = (key) => tasks.reduce((s, { task }) => s + (task.task_progress?.[key] ?? 0), 0);
	return (
		`${tasks.length} task(s): ${sum('success')}/${sum('total')} devices succeeded, ${sum('fail')} failed, ` +
		`${sum('processing')} processing, ${sum('waitting') + sum('fail_wait_retry')} waiting`
	);
}

export function formatReport(tasks) {
	const lines = [];
	for (const { task, failures } of tasks) {
		const p = task.task_progress ?? {};
		lines.push(`  ${task.task_name}  (${task.task_type}, id ${task.task_id})`);
		lines.push(`    status ${task.status}${task.status_desc ? ` – ${task.status_desc}` : ''}`);
		lines.push(
			`    devices ${p.total ?? '?'}: success ${p.success ?? 0}, fail ${p.fail ?? 0}, processing ${p.processing ?? 0}, ` +
				`waiting ${p.waitting ?? 0}, waiting for retry ${p.fail_wait_retry ?? 0}, stopped ${p.stopped ?? 0}`,
		);
		const shown = failures.slice(0, 10);
		for (const detail of shown) {
			lines.push(
				`    ✗ ${detail.target}: ${detail.error?.error_code ?? ''} ${detail.error?.error_msg ?? detail.output ?? ''}`.trimEnd(),
			);
		}
		const more = Math.max(p.fail ?? 0, failures.length) - shown.length;
		if (more > 0) lines.push(`    … and ${more} more failed devices`);
	}
	lines.push(`  total: ${progressLine(tasks)}`);
	return lines.join('\n');
}
