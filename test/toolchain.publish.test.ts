/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Publishing: the workflow files pass the syntax/intent check, and a publish can never silently skip n8n's rules.
 *
 * npm skips every lifecycle script, prepublishOnly included, when ignore-scripts is set — and the committed .npmrc
 * sets it (dependency install scripts download binaries). Two independent guards therefore exist:
 * 1. publish.yml runs `npm run release` with NPM_CONFIG_IGNORE_SCRIPTS=false, so prepublishOnly (`n8n-node
 *    prerelease`) runs there and only lets `n8n-node release` (RELEASE_MODE=true) through;
 * 2. `publishConfig.provenance: true` makes every publish demand a provenance statement, which npm can only
 *    produce inside GitHub Actions / GitLab CI with an OIDC token — so a bare `npm publish` from a laptop, where
 *    the .npmrc skips prepublishOnly, fails before anything is uploaded.
 */
import { spawn, spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The environment of a developer's shell: no CI markers, no release mode, no inherited npm_config_* overrides. */
function laptopEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(npm_|CI$|GITHUB_|GITLAB|RELEASE_MODE$|ACTIONS_|BUILD|RUNNER_)/i.test(key)) continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

function lintWorkflows(dir?: string) {
	return spawnSync(
		process.execPath,
		[join(root, 'scripts/lint-workflows.mjs'), ...(dir ? [dir] : [])],
		{ cwd: root, encoding: 'utf8' },
	);
}

describe('the GitHub workflow check (npm run lint:workflows)', () => {
	it('passes on the committed ci.yml and publish.yml', () => {
		const run = lintWorkflows();
		expect(run.stderr).toBe('');
		expect(run.stdout).toContain('2 files checked (ci.yml, publish.yml), 0 problems');
		expect(run.status).toBe(0);
	});

	it('fails on a schema error and on a publish job that cannot sign provenance', () => {
		const dir = mkdtempSync(join(tmpdir(), 'iotda-wf-'));
		try {
			cpSync(join(root, '.github/workflows'), dir, { recursive: true });
			const ci = readFileSync(join(dir, 'ci.yml'), 'utf8');
			writeFileSync(join(dir, 'ci.yml'), ci.replace('    steps:', '    stepz:'));
			const publish = readFileSync(join(dir, 'publish.yml'), 'utf8');
			writeFileSync(
				join(dir, 'publish.yml'),
				publish.replace(/^(\s+)id-token: write$/m, '$1id-token: read'),
			);
			const run = lintWorkflows(dir);
			expect(run.status).toBe(1);
			expect(run.stderr).toContain('ci.yml: /jobs/build OneOf conditions are not met');
			expect(run.stderr).toContain("Additional property 'stepz' is not allowed");
			expect(run.stderr).toContain(
				'publish.yml: the publish job needs `permissions: id-token: write`',
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('npm publish guards', () => {
	it('wires prepublishOnly to n8n-node prerelease and asks npm for provenance on every publish', () => {
		expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
		expect(pkg.publishConfig).toEqual({ provenance: true });
		expect(readFileSync(join(root, '.npmrc'), 'utf8')).toMatch(/^ignore-scripts=true$/m);
	});

	it('blocks `npm publish --dry-run` when scripts run (as in publish.yml) unless n8n-node release drives it', () => {
		const blocked = spawnSync('npm', ['publish', '--dry-run'], {
			cwd: root,
			encoding: 'utf8',
			env: laptopEnv({ NPM_CONFIG_IGNORE_SCRIPTS: 'false' }),
		});
		expect(blocked.status).not.toBe(0);
		expect(blocked.stdout + blocked.stderr).toContain('> n8n-node prerelease');
		expect(blocked.stdout + blocked.stderr).toContain(
			'Run `npm run release` to publish the package',
		);

		const released = spawnSync(join(root, 'node_modules/.bin/n8n-node'), ['prerelease'], {
			cwd: root,
			encoding: 'utf8',
			env: laptopEnv({ RELEASE_MODE: 'true' }),
		});
		expect(released.status).toBe(0);
	}, 120000);

	describe('a bare `npm publish` under the committed .npmrc (prepublishOnly skipped)', () => {
		let server: Server;
		let registry: string;
		const requests: string[] = [];
		beforeAll(async () => {
			server = createServer((req, res) => {
				requests.push(`${req.method} ${req.url}`);
				res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
		});
		afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

		it('fails on the provenance requirement before uploading anything', async () => {
			const child = spawn(
				'npm',
				[
					'publish',
					`--registry=${registry}`,
					`--${registry.replace(/^http:/, '')}:_authToken=not-a-token`,
				],
				{ cwd: root, env: laptopEnv() },
			);
			let output = '';
			child.stdout.on('data', (d) => (output += d));
			child.stderr.on('data', (d) => (output += d));
			const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
			expect(status).not.toBe(0);
			expect(output).not.toContain('n8n-node prerelease');
			expect(output).toContain('Automatic provenance generation not supported for provider: null');
			expect(requests.filter((r) => r.startsWith('PUT'))).toEqual([]);
			expect(requests.length).toBeGreaterThan(0);
		}, 120000);
	});
});
