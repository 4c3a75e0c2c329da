// Small process helpers: free loopback ports, running a command to a log file, and
// stopping the background processes we started (by their pid only).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

export function isPortFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/**
 * Runs a command to completion; returns {code, signal, stdout, stderr}. Output goes through files,
 * not pipes: n8n calls process.exit() right after printing a large result, which truncates a pipe.
 * With logFile the output stays there; otherwise it is written to a temporary file and removed.
 */
export function runCommand(cmd, args, { cwd, env, logFile } = {}) {
	const base =
		logFile ??
		path.join(
			os.tmpdir(),
			`iotda-run-${process.pid}-${Date.now()}-${Math.random().toString(16).slice(2)}`,
		);
	const outFile = `${base}.stdout`;
	const errFile = `${base}.stderr`;
	const out = fs.openSync(outFile, 'w');
	const err = fs.openSync(errFile, 'w');
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, err] });
		child.on('error', reject);
		child.on('close', (code, signal) => {
			fs.closeSync(out);
			fs.closeSync(err);
			const stdout = fs.readFileSync(outFile, 'utf8');
			const stderr = fs.readFileSync(errFile, 'utf8');
			fs.rmSync(outFile);
			fs.rmSync(errFile);
			if (logFile) {
				fs.writeFileSync(
					logFile,
					`$ ${cmd} ${args.join(' ')}\n--- exit ${code ?? signal}\n--- stderr\n${stderr}\n--- stdout\n`,
				);
				fs.appendFileSync(logFile, stdout);
			}
			resolve({ code, signal, stdout, stderr });
		});
	});
}

/** Runs a command and throws (with the tail of its output) when it exits non-zero. */
export async function runChecked(cmd, args, options = {}) {
	const result = await runCommand(cmd, args, options);
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
		throw new Error(
			`${cmd} ${args.join(' ')} failed (exit ${result.code ?? result.signal})${options.logFile ? `; log: ${options.logFile}` : ''}\n${tail}`,
		);
	}
	return result;
}

const started = new Set();

/** Starts a long-running process with its output appended to logFile; it is stopped on exit. */
export function startBackground(cmd, args, { cwd, env, logFile, onStdoutLine } = {}) {
	const log = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', onStdoutLine ? 'pipe' : log, log] });
	if (onStdoutLine) {
		let buffer = '';
		child.stdout.on('data', (chunk) => {
			fs.writeSync(log, chunk);
			buffer += chunk;
			let nl;
			while ((nl = buffer.indexOf('\n')) >= 0) {
				onStdoutLine(buffer.slice(0, nl));
				buffer = buffer.slice(nl + 1);
			}
		});
	}
	started.add(child);
	child.on('exit', () => {
		started.delete(child);
		try {
			fs.closeSync(log);
		} catch {
			// already closed
		}
	});
	return child;
}

/** SIGTERM, then SIGKILL after a grace period. Resolves when the process has exited. */
export function stopProcess(child, graceMs = 10000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

export async function stopAllBackground() {
	await Promise.all([...started].map((child) => stopProcess(child)));
}

// Best effort when the script dies abruptly: never leave n8n or the emulator behind.
process.on('exit', () => {
	for (const child of started) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		stopAllBackground().finally(() => process.exit(130));
	});
}
