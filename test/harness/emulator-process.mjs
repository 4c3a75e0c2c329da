// Starts the local IoTDA emulator (test/emulator/cli.ts) as a child process on a free
// loopback port and talks to its admin API (/__admin/*, no authentication, 127.0.0.1 only).
import path from 'node:path';
import { repoRoot } from './package-under-test.mjs';
import { startBackground, stopProcess } from './processes.mjs';

export class EmulatorProcess {
	constructor(child, url, accounts) {
		this.child = child;
		this.url = url;
		/** Seeded fake accounts as printed by the CLI: {name: {ak, sk, projectId, region}} */
		this.accounts = accounts;
	}

	/** Data of a huaweiCloudIotdaApi credential for a seeded account (default: "basic"). */
	credentialData(accountName = 'basic', overrides = {}) {
		const account = this.accounts[accountName];
		if (!account) throw new Error(`the emulator printed no account "${accountName}"`);
		return {
			accessKeyId: account.ak,
			secretAccessKey: account.sk,
			securityToken: '',
			projectId: account.projectId,
			region: account.region,
			endpoint: this.url,
			instanceId: '',
			signingMode: 'auto',
			ignoreSslIssues: false,
			...overrides,
		};
	}

	/** options: {seed, speed, failureRate, logFile} */
	static async start({ seed = 1, speed = 60, failureRate = 0, logFile, timeoutMs = 60000 } = {}) {
		const tsNode = path.join(repoRoot, 'node_modules', '.bin', 'ts-node');
		const args = ['-P', 'tsconfig.test.json', '--transpile-only', 'test/emulator/cli.ts'];
		args.push(
			'--port',
			'0',
			'--seed',
			String(seed),
			'--speed',
			String(speed),
			'--failure-rate',
			String(failureRate),
		);
		let resolveUrl;
		let rejectUrl;
		const urlPromise = new Promise((resolve, reject) => {
			resolveUrl = resolve;
			rejectUrl = reject;
		});
		const accounts = {};
		const child = startBackground(tsNode, args, {
			cwd: repoRoot,
			logFile,
			onStdoutLine: (line) => {
				const account = /^\s+(\w+): AK (\S+)\s+SK (\S+)\s+project (\S+)\s+region (\S+)/.exec(line);
				if (account) {
					const [, name, ak, sk, projectId, region] = account;
					accounts[name] = { ak, sk, projectId, region };
				}
				// The account lines come first, the admin line last.
				const ready = /admin API at (http:\/\/127\.0\.0\.1:\d+)\//.exec(line);
				if (ready) resolveUrl(ready[1]);
			},
		});
		const onEarlyExit = (code) =>
			rejectUrl(new Error(`emulator exited (code ${code}) before it listened; log: ${logFile}`));
		child.once('exit', onEarlyExit);
		const timer = setTimeout(
			() =>
				rejectUrl(new Error(`emulator did not start within ${timeoutMs / 1000}s; log: ${logFile}`)),
			timeoutMs,
		);
		let url;
		try {
			url = await urlPromise;
		} catch (error) {
			await stopProcess(child);
			throw error;
		} finally {
			clearTimeout(timer);
			child.off('exit', onEarlyExit);
		}
		return new EmulatorProcess(child, url, accounts);
	}

	async admin(method, adminPath, body) {
		const res = await fetch(`${this.url}/__admin/${adminPath}`, {
			method,
			headers: body ? { 'content-type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} /__admin/${adminPath}: HTTP ${res.status} ${text}`);
		return text ? JSON.parse(text) : undefined;
	}

	/** {config, accounts, tasks: [{task_id, task_name, task_type, status, progress, targets, ...}]} */
	state() {
		return this.admin('GET', 'state');
	}

	configure(config) {
		return this.admin('POST', 'config', config);
	}

	reset() {
		return this.admin('POST', 'reset');
	}

	requestLog(limit = 1000) {
		return this.admin('GET', `log?limit=${limit}`);
	}

	stop() {
		return stopProcess(this.child);
	}
}
