// The whole queue-mode setup on 127.0.0.1: Postgres, Redis, the IoTDA emulator, one n8n main and
// two n8n workers, each n8n process with our package installed in its own user folder. stop() ends
// everything that start() started (also after a failure half-way).
import fs from 'node:fs';
import path from 'node:path';
import { EmulatorProcess } from '../../harness/emulator-process.mjs';
import { CREDENTIAL_TYPE, DEMO_CREDENTIAL } from '../../harness/examples.mjs';
import { IotdaClient } from '../../harness/iotda-client.mjs';
import { packageName } from '../../harness/package-under-test.mjs';
import { freePort } from '../../harness/processes.mjs';
import { PostgresServer } from './postgres-server.mjs';
import { QueueN8n, queueEnv } from './queue-n8n.mjs';
import { startRedis } from './redis-server.mjs';

export const WORKER_NAMES = ['worker-1', 'worker-2'];

export class QueueCluster {
	constructor({ runtime, system, tarball, workDir, workerConcurrency, log }) {
		Object.assign(this, { runtime, system, tarball, workDir, workerConcurrency, log });
		this.workers = [];
	}

	async start({ workflows, workersWithoutPackage = [] }) {
		fs.mkdirSync(path.join(this.workDir, 'logs'), { recursive: true });
		this.postgres = new PostgresServer({ ...this.system, workDir: this.workDir });
		await this.postgres.start();
		this.redis = await startRedis({ redisServer: this.system.redisServer, workDir: this.workDir });
		this.log(`Postgres on 127.0.0.1:${this.postgres.port}, Redis on 127.0.0.1:${this.redis.port}`);
		this.emulator = await EmulatorProcess.start({
			seed: 1,
			speed: 600,
			logFile: path.join(this.workDir, 'logs', 'emulator.log'),
		});
		this.credentialData = this.emulator.credentialData('basic');
		this.client = new IotdaClient(this.credentialData);

		const sharedEnv = queueEnv({
			postgres: this.postgres,
			redisPort: this.redis.port,
			bullPrefix: `iotda-queue-${process.pid}`,
		});
		this.main = new QueueN8n(this.runtime, {
			workDir: path.join(this.workDir, 'main'),
			port: await freePort(),
			role: 'main',
			name: 'main',
			sharedEnv,
		});
		this.workers = [];
		for (const name of WORKER_NAMES) {
			this.workers.push(
				new QueueN8n(this.runtime, {
					workDir: path.join(this.workDir, name),
					port: await freePort(),
					role: 'worker',
					name,
					sharedEnv,
				}),
			);
		}
		for (const instance of [this.main, ...this.workers]) {
			if (!workersWithoutPackage.includes(instance.name))
				await instance.installPackage(this.tarball);
		}
		// One database for all: importing once through the main is enough.
		await this.main.importCredentials([
			{ ...DEMO_CREDENTIAL, type: CREDENTIAL_TYPE, data: this.credentialData },
		]);
		await this.main.importWorkflows(workflows);
		await this.main.start();
		await this.main.setupOwner();
		for (const workflow of workflows) await this.main.activateWorkflow(workflow.id);
		await Promise.all(
			this.workers.map((w) => w.startWorker({ concurrency: this.workerConcurrency })),
		);
		this.log(
			`n8n ${this.runtime.n8nVersion} queue mode: main on ${this.main.baseUrl}, ${this.workers.length} workers (concurrency ${this.workerConcurrency}); ` +
				`package on ${[this.main, ...this.workers]
					.filter((i) => !workersWithoutPackage.includes(i.name))
					.map((i) => i.name)
					.join(', ')}`,
		);
	}

	worker(name) {
		return this.workers.find((w) => w.name === name);
	}

	/** pids of the long-running processes (n8n ones without their task-runner children). */
	pids() {
		// Postgres is left out: its work happens in per-connection backend processes, not in the postmaster.
		const pids = {
			main: this.main?.server?.pid,
			emulator: this.emulator?.child?.pid,
			redis: this.redis?.pid,
		};
		for (const w of this.workers) pids[w.name] = w.server?.pid;
		return Object.fromEntries(Object.entries(pids).filter(([, pid]) => pid));
	}

	/** The worker log files (a restarted worker has several). */
	workerLogs() {
		return this.workers.map((w) => ({
			name: w.name,
			logFiles: fs.existsSync(w.logDir)
				? fs
						.readdirSync(w.logDir)
						.filter((f) => f.includes('-worker.log'))
						.map((f) => path.join(w.logDir, f))
				: [],
		}));
	}

	/** Stops one worker, removes our package from its user folder, starts it again. */
	async restartWorkerWithoutPackage(name) {
		const worker = this.worker(name);
		await worker.stop();
		const installed = path.join(worker.userFolder, '.n8n', 'nodes', 'node_modules', packageName);
		if (!fs.existsSync(installed)) throw new Error(`${name} has no ${installed} to remove`);
		fs.rmSync(installed, { recursive: true, force: true });
		await worker.startWorker({ concurrency: this.workerConcurrency });
	}

	async stop() {
		const stops = [];
		for (const worker of this.workers) stops.push(worker.stop().catch(() => {}));
		await Promise.all(stops);
		await this.main?.stop().catch(() => {});
		await this.emulator?.stop().catch(() => {});
		await this.redis?.stop().catch(() => {});
		await this.postgres?.stop().catch(() => {});
	}
}
