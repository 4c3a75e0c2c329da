// Debian's redis-server and PostgreSQL, installed with apt-get when missing (needs root or
// password-less sudo). Returns the paths of the binaries the queue test runs.
import fs from 'node:fs';
import path from 'node:path';
import { runChecked } from '../../harness/processes.mjs';

function onPath(name) {
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const candidate = path.join(dir, name);
		if (dir && fs.existsSync(candidate)) return candidate;
	}
	return undefined;
}

/** The newest /usr/lib/postgresql/<major>/bin (Debian keeps the server binaries off PATH). */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : undefined;
}

function locate() {
	return {
		redisServer: onPath('redis-server'),
		postgresBin: postgresBinDir(),
		psql: onPath('psql'),
	};
}

async function aptInstall(packages, logFile) {
	const asRoot = process.getuid?.() === 0;
	const sudo = asRoot ? [] : ['sudo', '-n'];
	if (!asRoot && !onPath('sudo')) {
		throw new Error(
			`${packages.join(' ')} missing and not root: run "apt-get install -y ${packages.join(' ')}" as root`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const run = (args) =>
		runChecked(sudo[0] ?? args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), {
			env,
			logFile,
		});
	await run(['apt-get', 'update']);
	await run(['apt-get', 'install', '-y', '--no-install-recommends', ...packages]);
}

/** Makes sure redis-server, postgres/initdb and psql exist; returns their paths. */
export async function ensureSystemPackages({ logFile, log = () => {} }) {
	let found = locate();
	const missing = [];
	if (!found.redisServer) missing.push('redis-server');
	if (!found.postgresBin || !found.psql) missing.push('postgresql');
	if (missing.length) {
		log(`installing ${missing.join(', ')} with apt-get (log: ${logFile})`);
		await aptInstall(missing, logFile);
		found = locate();
	}
	if (!found.redisServer || !found.postgresBin || !found.psql) {
		throw new Error(`after apt-get install still missing: ${JSON.stringify(found)}`);
	}
	return found;
}
