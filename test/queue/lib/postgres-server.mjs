// A throwaway PostgreSQL cluster (Debian's binaries) on 127.0.0.1 and a free port: initdb into a
// temporary folder, trust authentication for the superuser "n8n" on loopback, durability switched
// off (it is a test database). Run as the "postgres" system user when we are root (postgres
// refuses to run as root). Queries go through psql and come back as JSON.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, runChecked, runCommand, stopProcess } from '../../harness/processes.mjs';

export const DB = Object.freeze({ user: 'n8n', password: 'n8n', database: 'n8n' });

/** uid/gid of the "postgres" system user, or undefined when we are not root. */
function serverIdentity() {
	if (process.getuid?.() !== 0) return undefined;
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line)
		throw new Error('running as root, but there is no "postgres" system user to run the server');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

function runAs(identity, cmd, args, logFile) {
	return new Promise((resolve, reject) => {
		const log = fs.openSync(logFile, 'a');
		const child = spawn(cmd, args, {
			stdio: ['ignore', log, log],
			cwd: os.tmpdir(),
			...(identity ?? {}),
		});
		child.on('error', reject);
		child.on('exit', (code) => {
			fs.closeSync(log);
			if (code === 0) resolve();
			else reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}); log: ${logFile}`));
		});
	});
}

const running = new Set();
const dataRoots = new Set();
// test/harness/processes.mjs cannot start a process as another user: same last-resort cleanup here.
process.on('exit', () => {
	for (const child of running) child.kill('SIGKILL');
	for (const dir of dataRoots) fs.rmSync(dir, { recursive: true, force: true });
});

function spawnServer(identity, cmd, args, logFile, cwd) {
	const log = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, { stdio: ['ignore', log, log], cwd, ...(identity ?? {}) });
	running.add(child);
	child.on('exit', () => {
		running.delete(child);
		fs.closeSync(log);
	});
	return child;
}

export class PostgresServer {
	constructor({ postgresBin, psql, workDir }) {
		this.postgresBin = postgresBin;
		this.psql = psql;
		this.logFile = path.join(workDir, 'logs', 'postgres.log');
		this.identity = serverIdentity();
		this.child = undefined;
		this.dataRoot = undefined;
		this.port = undefined;
	}

	async start({ timeoutMs = 60000 } = {}) {
		// A temporary folder outside the repo: the postgres user must be able to reach it.
		this.dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'iotda-queue-pg-'));
		dataRoots.add(this.dataRoot);
		fs.chmodSync(this.dataRoot, 0o755);
		const dataDir = path.join(this.dataRoot, 'data');
		fs.mkdirSync(dataDir, { mode: 0o700 });
		if (this.identity) {
			fs.chownSync(this.dataRoot, this.identity.uid, this.identity.gid);
			fs.chownSync(dataDir, this.identity.uid, this.identity.gid);
		}
		await runAs(
			this.identity,
			path.join(this.postgresBin, 'initdb'),
			['-D', dataDir, '-U', DB.user, '-A', 'trust', '-E', 'UTF8', '--no-sync'],
			this.logFile,
		);
		this.port = await freePort();
		const args = [
			'-D',
			dataDir,
			'-p',
			String(this.port),
			'-k',
			this.dataRoot, // unix socket next to the data, not in /var/run/postgresql
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		];
		this.child = spawnServer(
			this.identity,
			path.join(this.postgresBin, 'postgres'),
			args,
			this.logFile,
			this.dataRoot,
		);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const ready = await runCommand(path.join(this.postgresBin, 'pg_isready'), [
				'-h',
				'127.0.0.1',
				'-p',
				String(this.port),
				'-U',
				DB.user,
			]);
			if (ready.code === 0) break;
			if (this.child.exitCode !== null)
				throw new Error(`postgres exited (code ${this.child.exitCode}); log: ${this.logFile}`);
			if (Date.now() > deadline)
				throw new Error(`postgres not ready within ${timeoutMs / 1000}s; log: ${this.logFile}`);
			await new Promise((r) => setTimeout(r, 200));
		}
		await this.sql(`CREATE DATABASE ${DB.database}`, { database: 'postgres', raw: true });
	}

	/** n8n's DB_* variables for this server. */
	n8nEnv() {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: DB.database,
			DB_POSTGRESDB_USER: DB.user,
			DB_POSTGRESDB_PASSWORD: DB.password,
		};
	}

	/** Runs a statement; with raw it returns psql's text, else the rows of a SELECT as objects. */
	async sql(statement, { database = DB.database, raw = false } = {}) {
		const query = raw
			? statement
			: `SELECT coalesce(json_agg(q), '[]'::json) FROM (${statement}) q`;
		const { stdout } = await runChecked(
			this.psql,
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(this.port),
				'-U',
				DB.user,
				'-d',
				database,
				'-At',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				query,
			],
			{
				env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
			},
		);
		return raw ? stdout : JSON.parse(stdout);
	}

	async stop() {
		// SIGINT = "fast" shutdown: no waiting for clients (n8n is stopped first anyway).
		if (this.child && this.child.exitCode === null) {
			const exited = new Promise((resolve) => this.child.once('exit', resolve));
			this.child.kill('SIGINT');
			await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
			await stopProcess(this.child, 1000);
		}
		if (this.dataRoot) fs.rmSync(this.dataRoot, { recursive: true, force: true });
		dataRoots.delete(this.dataRoot);
		this.dataRoot = undefined;
	}
}
