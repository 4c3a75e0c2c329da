/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * The built package loads and runs in the oldest n8n we support. The README's minimum is n8n 1.46.0: the first
 * release whose loader accepts themed `{ light, dark }` icons (n8n-io/n8n PR #9412, "Got released with
 * n8n@1.46.0"); before it, n8n-core's DirectoryLoader calls `icon.startsWith('file:')` on our icon object and
 * the load fails. The oldest n8n whose packages this registry serves at or above that line is 1.49.0, so this
 * test installs n8n 1.49.0's own n8n-core and n8n-workflow (pinned with a lockfile in test/compat/n8n-1.49/,
 * cached outside the repo like the real n8n in test/harness/provision-n8n.mjs), compiles the package, puts it
 * in a node_modules beside them (so `require('n8n-workflow')` in dist/ gets 1.48.0, as in that n8n), loads it
 * with n8n-core's PackageDirectoryLoader — the class n8n uses for community packages — and runs execute() once.
 *
 * It fails on the old `inputs: [NodeConnectionTypes.Main]` ("Cannot read properties of undefined (reading
 * 'Main')": the constant arrived in n8n-workflow 1.83) and on any other runtime import or helper that old
 * n8n-workflow lacks.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

const repo = path.resolve(__dirname, '..', '..');
const pinDir = path.join(__dirname, 'n8n-1.49');
const packageName = 'n8n-nodes-huaweicloud-iotda';

function cacheRoot(): string {
	if (process.env.N8N_IOTDA_CACHE_DIR) return path.resolve(process.env.N8N_IOTDA_CACHE_DIR);
	return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), packageName);
}

/** `npm ci` of the pinned old n8n packages into the cache, once per lockfile content (a `.complete` marker). */
function installOldN8n(): string {
	const hash = createHash('sha256');
	for (const file of ['package.json', 'package-lock.json'])
		hash.update(fs.readFileSync(path.join(pinDir, file)));
	const dir = path.join(cacheRoot(), `compat-n8n-1.49-${hash.digest('hex').slice(0, 12)}`);
	if (fs.existsSync(path.join(dir, '.complete'))) return dir;
	// Install beside, then rename: two test runs at once never see a half-installed folder.
	const staging = `${dir}.${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	for (const file of ['package.json', 'package-lock.json'])
		fs.copyFileSync(path.join(pinDir, file), path.join(staging, file));
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)),
	);
	execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: staging,
		env,
		stdio: 'pipe',
	});
	fs.writeFileSync(path.join(staging, '.complete'), new Date().toISOString());
	try {
		fs.renameSync(staging, dir);
	} catch {
		fs.rmSync(staging, { recursive: true, force: true }); // another run finished first
	}
	return dir;
}

/** Compiles nodes/ and credentials/ (not `npm run build`, which other suites run and which wipes dist/). */
function buildPackageInto(runDir: string): string {
	const target = path.join(runDir, packageName);
	execFileSync(
		path.join(repo, 'node_modules', '.bin', 'tsc'),
		[
			'-p',
			'tsconfig.json',
			'--outDir',
			path.join(target, 'dist'),
			'--incremental',
			'false',
			'--declaration',
			'false',
			'--sourceMap',
			'false',
		],
		{ cwd: repo, stdio: 'pipe' },
	);
	fs.cpSync(path.join(repo, 'icons'), path.join(target, 'dist', 'icons'), { recursive: true });
	fs.copyFileSync(path.join(repo, 'package.json'), path.join(target, 'package.json'));
	return target;
}

type Loaded = {
	nodeTypes: string[];
	credentialTypes: string[];
	trigger: { outputs: unknown };
	node: {
		inputs: unknown;
		outputs: unknown;
		iconUrl: { light: string; dark: string };
		usableAsTool: boolean;
	};
	credentialIconUrl: { light: string; dark: string };
	form: { cases: number; mismatches: string[] };
	output: Array<{ json: Record<string, unknown>; error?: string; pairedItem: unknown }>;
	sent: Array<{ method: string; url: string; authorization: string }>;
	workflowVersion: string;
	coreVersion: string;
};

describe('the built package in n8n 1.49 (n8n-core 1.49.0, n8n-workflow 1.48.0)', () => {
	let loaded: Loaded;
	let runDir: string;

	beforeAll(() => {
		const installDir = installOldN8n();
		// Inside the install folder, so that dist/'s require('n8n-workflow') and require('luxon') resolve there.
		fs.mkdirSync(path.join(installDir, 'runs'), { recursive: true });
		runDir = fs.mkdtempSync(path.join(installDir, 'runs', 'run-'));
		const packageDir = buildPackageInto(runDir);
		const stdout = execFileSync(
			process.execPath,
			[path.join(__dirname, 'loadInOldN8n.cjs'), installDir, packageDir],
			{
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		loaded = JSON.parse(stdout) as Loaded;
	}, 240000);

	afterAll(() => {
		if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
	});

	it('runs with that n8n-workflow and n8n-core, not the repo’s own', () => {
		expect([loaded.workflowVersion, loaded.coreVersion]).toEqual(['1.48.0', '1.49.0']);
	});

	it('n8n’s package loader registers every node and credential the package lists', () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
			n8n: { nodes: string[]; credentials: string[] };
		};
		expect(loaded.nodeTypes).toEqual(
			expect.arrayContaining([
				`${packageName}.huaweiCloudIotda`,
				`${packageName}.huaweiCloudIotdaTrigger`,
			]),
		);
		expect(loaded.nodeTypes).toHaveLength(manifest.n8n.nodes.length);
		expect(loaded.credentialTypes).toContain('huaweiCloudIotdaApi');
		expect(loaded.credentialTypes).toHaveLength(manifest.n8n.credentials.length);
	});

	it('the trigger has one main output', () => {
		expect(loaded.trigger.outputs).toEqual(['main']);
	});

	it('the node has one main input and output, and the themed icons resolve to the files n8n serves', () => {
		expect(loaded.node.inputs).toEqual(['main']);
		expect(loaded.node.outputs).toEqual(['main']);
		expect(loaded.node.usableAsTool).toBe(true);
		for (const iconUrl of [loaded.node.iconUrl, loaded.credentialIconUrl]) {
			for (const file of [iconUrl.light, iconUrl.dark]) {
				// n8n serves icons/<package>/<path inside the package>
				expect(file.startsWith(`icons/${packageName}/dist/icons/`)).toBe(true);
				expect(
					fs.existsSync(path.join(runDir, packageName, file.slice(`icons/${packageName}/`.length))),
				).toBe(true);
			}
		}
	});

	it('the Create form in that n8n’s editor logic shows each ruled option exactly as the node accepts it', () => {
		// Every Create option rule with its sibling conditions unmet and met (Success Threshold and Pause Between
		// Waves with Staged Rollout Waves set, …). Failed while the form used `_cnd: { exists }`, which
		// n8n-workflow before 1.50 does not know.
		expect(loaded.form.cases).toBeGreaterThanOrEqual(16);
		expect(loaded.form.mismatches).toEqual([]);
	});

	it('execute() signs and sends a Create, and a bad device ID becomes that item’s error under Continue On Fail', () => {
		expect(loaded.sent).toEqual([
			{
				method: 'POST',
				url: 'http://127.0.0.1:9/v5/iot/p1/batchtasks',
				authorization: 'V11-HMAC-SHA256',
			},
		]);
		expect(loaded.output).toHaveLength(2);
		expect(loaded.output[0].json).toMatchObject({ task_id: 'task-1', device_count: 2 });
		expect(loaded.output[0].pairedItem).toEqual([{ item: 0 }]);
		expect(JSON.stringify(loaded.output[1])).toContain(
			'Device IDs may contain only letters, digits, hyphens and underscores: \\"dev#4\\" [item 1]',
		);
		expect(loaded.output[1].pairedItem).toEqual([{ item: 1 }]);
	});
});
