// What n8n recorded about the executions of one workflow: the rows in Postgres (status, the process
// saved by the workflow's Execution Data node in execution_metadata, readable error texts from the
// stored run data) and, independently, which worker's log says it ran each execution.
import fs from 'node:fs';
import { PROCESS_METADATA_KEY } from './queue-workflow.mjs';

const ERROR_PATTERNS = [
	/Create batch task "[^"\n]*" failed[^\n]*/,
	/unfinished task limit[^\n]*/i,
	/Unrecognized node type[^\n]*/i,
];

/** Readable error strings inside n8n's stored run data (a "flatted" JSON array of values). */
function errorTexts(data) {
	let values;
	try {
		values = JSON.parse(data);
	} catch {
		values = [data];
	}
	const texts = new Set();
	for (const value of Array.isArray(values) ? values : [values]) {
		if (typeof value !== 'string') continue;
		for (const pattern of ERROR_PATTERNS) {
			const match = pattern.exec(value);
			if (match) {
				texts.add(match[0].slice(0, 300));
				break; // the first (most complete) pattern that matches this string
			}
		}
	}
	return [...texts];
}

/** Executions of the workflow with id > afterId: [{id, status, process, errors: [text]}]. */
export async function executionRecords(postgres, workflowId, afterId = 0) {
	const wf = workflowId.replace(/'/g, "''");
	const rows = await postgres.sql(`
		SELECT e.id::int AS id, e.status, e.mode, m.value AS process,
			round(extract(epoch FROM e."startedAt" - e."createdAt") * 1000)::int AS "queuedMs",
			round(extract(epoch FROM e."stoppedAt" - e."startedAt") * 1000)::int AS "runMs",
			CASE WHEN e.status <> 'success' THEN d.data END AS data
		FROM execution_entity e
		LEFT JOIN execution_metadata m ON m."executionId" = e.id AND m.key = '${PROCESS_METADATA_KEY}'
		LEFT JOIN execution_data d ON d."executionId" = e.id
		WHERE e."workflowId" = '${wf}' AND e.id > ${Number(afterId)}
		ORDER BY e.id`);
	return rows.map(({ data, ...row }) => ({ ...row, errors: data ? errorTexts(data) : [] }));
}

/**
 * The workflow's executions after `afterId` once `count` of them have ended and, when successful, have their
 * metadata (a worker saves an execution's status, then its metadata; a webhook answer can come before both).
 * Gives up after 10 s and returns what is recorded then.
 */
export async function waitForExecutions(postgres, workflowId, afterId, count) {
	const settled = (rows) =>
		rows.length >= count &&
		rows.every(
			(e) => !['new', 'running'].includes(e.status) && (e.status !== 'success' || e.process),
		);
	let executions = await executionRecords(postgres, workflowId, afterId);
	for (let i = 0; i < 40 && !settled(executions); i++) {
		await new Promise((r) => setTimeout(r, 250));
		executions = await executionRecords(postgres, workflowId, afterId);
	}
	return executions;
}

export async function lastExecutionId(postgres) {
	const [row] = await postgres.sql('SELECT coalesce(max(id), 0)::int AS id FROM execution_entity');
	return row.id;
}

/** executionId → worker name, from each worker's log ("Worker started execution <id> (job <n>)"). */
export function executionsInWorkerLogs(workers) {
	const byExecution = new Map();
	for (const worker of workers) {
		for (const file of worker.logFiles) {
			if (!fs.existsSync(file)) continue;
			for (const match of fs
				.readFileSync(file, 'utf8')
				.matchAll(/Worker started execution (\d+) /g)) {
				const id = Number(match[1]);
				const seen = byExecution.get(id) ?? [];
				seen.push(worker.name);
				byExecution.set(id, seen);
			}
		}
	}
	return byExecution;
}
