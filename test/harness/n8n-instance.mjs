// Drives one real n8n (installed by test/harness/provision-n8n.mjs) in its own user folder:
// install our package, import credentials and workflows, run workflows headless with
// `n8n execute`, and start/stop `n8n start` with an owner account and a login cookie.
import fs from 'node:fs';
import path from 'node:path';
import { installTarball } from './package-under-test.mjs';
import { n8nEnv } from './n8n-env.mjs';
import {
	freePort,
	isPortFree,
	runChecked,
	runCommand,
	startBackground,
	stopProcess,
} from './processes.mjs';

/** What `n8n start` logs last, after the published workflows are active (n8n 1.x and 2.x). */
const STARTED_LINE = 'Editor is now accessible via';

export const OWNER = Object.freeze({
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	// Local throwaway instance on 127.0.0.1 only; n8n requires 8+ chars, a digit and an upper-case letter.
	password: 'IotdaDemo-2026',
});

/** Parses the JSON log lines of `n8n execute` (N8N_LOG_FORMAT=json) into the run data and log messages. */
export function parseExecuteOutput(stdout) {
	let run;
	const messages = [];
	for (const line of stdout.split('\n')) {
		if (!line.startsWith('{')) continue;
		let entry;
		try {
			entry = JSON.parse(line);
		} catch {
			continue;
		}
		const message = typeof entry.message === 'string' ? entry.message : '';
		if (message.startsWith('{')) {
			try {
				const candidate = JSON.parse(message);
				if (candidate?.data?.resultData) {
					run = candidate;
					continue;
				}
			} catch {
				// not the result
			}
		}
		messages.push({ level: entry.level, message });
	}
	return { run, messages };
}

/**
 * Waits until n8n has registered the (POST) webhook at `url`. A GET is the probe: it starts no execution;
 * n8n answers 404 "...not registered for GET requests. Did you mean to make a POST request?" once the path
 * exists, and 404 "...is not registered" (or n8n 1.x, before its routes exist, Express's "Cannot GET") before.
 */
export async function waitForWebhook(url, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const res = await fetch(url).catch(() => undefined);
		const text = res ? await res.text() : '';
		if (res && (res.status !== 404 || /POST request/i.test(text))) return;
		if (Date.now() > deadline)
			throw new Error(
				`webhook ${url} still not registered after ${timeoutMs / 1000}s (last answer: ${res?.status} ${text.slice(0, 200)})`,
			);
		await new Promise((r) => setTimeout(r, 500));
	}
}

export class N8nInstance {
	constructor(runtime, { workDir, port = 5678 }) {
		this.runtime = runtime;
		this.workDir = workDir;
		this.userFolder = path.join(workDir, 'n8n-user');
		this.filesDir = path.join(workDir, 'n8n-files');
		this.logDir = path.join(workDir, 'logs');
		this.port = port;
		this.baseUrl = `http://127.0.0.1:${port}`;
		this.server = undefined;
		this.cookie = undefined;
		this.logCounter = 0;
		fs.rmSync(this.userFolder, { recursive: true, force: true });
		fs.mkdirSync(this.userFolder, { recursive: true });
		fs.mkdirSync(this.filesDir, { recursive: true });
		fs.mkdirSync(this.logDir, { recursive: true });
	}

	logFile(name) {
		this.logCounter += 1;
		return path.join(this.logDir, `${String(this.logCounter).padStart(2, '0')}-${name}.log`);
	}

	async env() {
		return n8nEnv(this.runtime, {
			userFolder: this.userFolder,
			filesDir: this.filesDir,
			port: this.port,
			brokerPort: await freePort(),
		});
	}

	/** Runs one n8n CLI command; returns {code, stdout, stderr}. */
	async cli(args, { check = true } = {}) {
		const run = check ? runChecked : runCommand;
		return run(this.runtime.nodeBin, [this.runtime.n8nBin, ...args], {
			env: await this.env(),
			logFile: this.logFile(args[0].replace(/[^a-z0-9]+/gi, '-')),
		});
	}

	async installPackage(tarball) {
		return installTarball(tarball, this.userFolder);
	}

	/** credentials: array of {id, name, type, data} with plain `data` (n8n encrypts it on import). */
	async importCredentials(credentials) {
		const file = path.join(this.workDir, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
		try {
			await this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true }); // holds secrets in plain text
		}
	}

	/** workflows: array of workflow objects (each with an explicit id). */
	async importWorkflows(workflows) {
		const file = path.join(this.workDir, 'workflows.json');
		fs.writeFileSync(file, JSON.stringify(workflows, null, 2));
		await this.cli(['import:workflow', `--input=${file}`]);
	}

	/**
	 * `n8n execute --id=<id> --rawOutput`. Returns {ok, run, error, durationMs, logFile}; `run` is n8n's
	 * run data (run.data.resultData.runData[nodeName][0].data.main[0] = output items).
	 */
	async execute(workflowId) {
		const startedAt = Date.now();
		const logFile = this.logFile(`execute-${workflowId}`);
		const result = await runCommand(
			this.runtime.nodeBin,
			[this.runtime.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'],
			{
				env: await this.env(),
				logFile,
			},
		);
		const { run, messages } = parseExecuteOutput(result.stdout);
		const runError = run?.data?.resultData?.error;
		const ok = result.code === 0 && Boolean(run) && !runError && run.status === 'success';
		let error;
		if (!ok) {
			error =
				runError?.message ||
				messages
					.filter((m) => m.level === 'error')
					.map((m) => m.message)
					.filter(Boolean)
					.join(' | ') ||
				`n8n execute exited ${result.code}`;
			if (runError?.description) error += ` (${runError.description})`;
		}
		return { ok, run, error, exitCode: result.code, durationMs: Date.now() - startedAt, logFile };
	}

	/** Output items (json only) of a node in a run. */
	static nodeOutput(run, nodeName, outputIndex = 0) {
		const nodeRuns = run?.data?.resultData?.runData?.[nodeName];
		if (!nodeRuns) return undefined;
		const last = nodeRuns[nodeRuns.length - 1];
		return (last.data?.main?.[outputIndex] ?? []).map((item) => item.json);
	}

	async isReady() {
		try {
			return (await fetch(`${this.baseUrl}/healthz/readiness`)).ok;
		} catch {
			return false; // not listening yet
		}
	}

	/**
	 * `n8n start` on 127.0.0.1:<port>; resolves when /healthz/readiness answers and n8n logged the end of its
	 * start. Readiness alone comes before n8n has (re)activated the published workflows: n8n 1.123.81, restarted,
	 * answered a webhook then and ran an execution whose HTTP answer never came.
	 */
	async start({ timeoutMs = 120000 } = {}) {
		if (!(await isPortFree(this.port))) {
			throw new Error(
				`Port ${this.port} on 127.0.0.1 is in use (another n8n?). Stop it or choose another port.`,
			);
		}
		const logFile = this.logFile('start');
		this.server = startBackground(this.runtime.nodeBin, [this.runtime.n8nBin, 'start'], {
			env: await this.env(),
			logFile,
		});
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null)
				throw new Error(`n8n start exited early (code ${this.server.exitCode}); log: ${logFile}`);
			if ((await this.isReady()) && fs.readFileSync(logFile, 'utf8').includes(STARTED_LINE)) return;
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(`n8n start was not ready after ${timeoutMs / 1000}s; log: ${logFile}`);
	}

	/** Creates the owner account (allowed once, without auth) and keeps the login cookie. */
	async setupOwner({ timeoutMs = 60000 } = {}) {
		// n8n 1.x answers /healthz/readiness before it registers its REST routes: retry while the route is missing.
		const deadline = Date.now() + timeoutMs;
		let res;
		for (;;) {
			res = await fetch(`${this.baseUrl}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(OWNER),
			});
			if (res.status !== 404 || Date.now() > deadline) break;
			await res.text();
			await new Promise((r) => setTimeout(r, 250));
		}
		if (!res.ok) throw new Error(`POST /rest/owner/setup: HTTP ${res.status} ${await res.text()}`);
		this.cookie = res.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		if (!this.cookie) throw new Error('POST /rest/owner/setup returned no cookie');
	}

	async getJson(urlPath) {
		const res = await fetch(`${this.baseUrl}${urlPath}`, {
			headers: this.cookie ? { cookie: this.cookie } : {},
		});
		if (!res.ok) throw new Error(`GET ${urlPath}: HTTP ${res.status}`);
		return res.json();
	}

	async postJson(urlPath, body) {
		const res = await fetch(`${this.baseUrl}${urlPath}`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: JSON.stringify(body),
		});
		if (!res.ok)
			throw new Error(`POST ${urlPath}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
		return res.json();
	}

	/**
	 * POSTs `body` as JSON to /webhook/`webhookPath` once, after waitForWebhook() saw the path registered (a
	 * POST is never repeated: a retried POST could start a second execution). Returns {res, text}.
	 */
	async postWebhook(webhookPath, body) {
		const url = `${this.baseUrl}/webhook/${webhookPath}`;
		await waitForWebhook(url);
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return { res, text: await res.text() };
	}

	/** Publishes (activates) an imported workflow so that its webhooks answer; needs setupOwner(). */
	async activateWorkflow(workflowId) {
		const { data } = await this.getJson(`/rest/workflows/${workflowId}`);
		const { data: activated } = await this.postJson(`/rest/workflows/${workflowId}/activate`, {
			versionId: data.versionId,
		});
		if (!activated.active) throw new Error(`workflow ${workflowId} is not active after activation`);
	}

	async stop() {
		await stopProcess(this.server);
		this.server = undefined;
	}
}
