// One n8n process of a queue-mode setup: the main (`n8n start`, takes the webhooks and enqueues
// executions in Redis) or a worker (`n8n worker`, runs them). Every process has its own user folder
// (with our package in .n8n/nodes/node_modules, see test/harness/package-under-test.mjs), its own
// task-runner broker port, and shares Postgres, Redis and the encryption key with the others.
import { N8nInstance } from '../../harness/n8n-instance.mjs';
import { freePort, startBackground, stopProcess } from '../../harness/processes.mjs';

/** Environment every process of the setup shares (n8n 2.41.1 @n8n/config names). */
export function queueEnv({ postgres, redisPort, bullPrefix }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		QUEUE_BULL_PREFIX: bullPrefix,
		...postgres.n8nEnv(),
		// Keep every execution record, successful or not: the test reads them.
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_PRUNE: 'false',
	};
}

export class QueueN8n extends N8nInstance {
	/** role: 'main' | 'worker'; name: label recorded by the workflow (IOTDA_QUEUE_PROCESS). */
	constructor(runtime, { workDir, port, role, name, sharedEnv }) {
		super(runtime, { workDir, port });
		this.role = role;
		this.name = name;
		this.sharedEnv = sharedEnv;
		this.healthPort = undefined;
	}

	async env() {
		return {
			...(await super.env()),
			...this.sharedEnv,
			// The test workflow records which process ran it with {{ $env.IOTDA_QUEUE_PROCESS }}
			// (an Execution Data node → execution_metadata in Postgres). $env is blocked by default.
			IOTDA_QUEUE_PROCESS: this.name,
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			...(this.healthPort
				? {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(this.healthPort),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					}
				: {}),
		};
	}

	/** CLI commands that only touch the database (import:*) run in regular mode: no Redis needed. */
	async cli(args, options) {
		const saved = this.sharedEnv;
		this.sharedEnv = { ...saved, EXECUTIONS_MODE: 'regular' };
		try {
			return await super.cli(args, options);
		} finally {
			this.sharedEnv = saved;
		}
	}

	/** `n8n worker --concurrency=N`; resolves when its /healthz/readiness answers. */
	async startWorker({ concurrency = 10, timeoutMs = 120000 } = {}) {
		this.healthPort = await freePort();
		const logFile = this.logFile('worker');
		this.server = startBackground(
			this.runtime.nodeBin,
			[this.runtime.n8nBin, 'worker', `--concurrency=${concurrency}`],
			{
				env: await this.env(),
				logFile,
			},
		);
		const url = `http://127.0.0.1:${this.healthPort}/healthz/readiness`;
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null)
				throw new Error(
					`n8n worker ${this.name} exited early (code ${this.server.exitCode}); log: ${logFile}`,
				);
			try {
				if ((await fetch(url)).ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 250));
		}
		throw new Error(
			`n8n worker ${this.name} not ready after ${timeoutMs / 1000}s; log: ${logFile}`,
		);
	}

	async stop() {
		await stopProcess(this.server, 20000);
		this.server = undefined;
	}
}
