// A throwaway redis-server on 127.0.0.1 and a free port: no persistence, data dir in the work folder.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort, startBackground, stopProcess } from '../../harness/processes.mjs';

function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.on('error', () => resolve(false));
		socket.on('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

export async function startRedis({ redisServer, workDir, timeoutMs = 20000 }) {
	const dir = path.join(workDir, 'redis');
	fs.mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const logFile = path.join(workDir, 'logs', 'redis.log');
	const args = [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		dir,
		'--daemonize',
		'no',
	];
	const child = startBackground(redisServer, args, { logFile });
	const deadline = Date.now() + timeoutMs;
	while (!(await ping(port))) {
		if (child.exitCode !== null)
			throw new Error(`redis-server exited (code ${child.exitCode}); log: ${logFile}`);
		if (Date.now() > deadline) {
			await stopProcess(child);
			throw new Error(
				`redis-server did not answer PING within ${timeoutMs / 1000}s; log: ${logFile}`,
			);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return { port, pid: child.pid, stop: () => stopProcess(child) };
}
