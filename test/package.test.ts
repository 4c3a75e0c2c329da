/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * What `npm pack` ships: the compiled node and credential, the codex and every icon they reference, no tests;
 * package.json as n8n's verification rules want it.
 */
import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, normalize } from 'path';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

let packed: string[] = [];
beforeAll(() => {
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
	const [listing] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' }),
	);
	packed = listing.files.map((f: { path: string }) => f.path);
}, 120000);

function iconPaths(icon: unknown): string[] {
	if (typeof icon === 'string') return [icon];
	if (icon && typeof icon === 'object') return Object.values(icon as Record<string, string>);
	return [];
}

describe('the npm package', () => {
	it('holds the node, the credential and the codex listed in package.json', () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(packed).toContain(file);
		expect(packed).toContain('dist/nodes/HuaweiCloudIotda/HuaweiCloudIotda.node.json');
		expect(packed.filter((f) => f.startsWith('test/') || f.includes('.test.'))).toEqual([]);
	});

	it('holds every icon the compiled node and credential reference, as two different files', () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			const exported = require(join(root, file));
			const instance = new (Object.values(exported)[0] as new () => {
				description?: { icon: unknown };
				icon?: unknown;
			})();
			const icons = iconPaths(instance.description?.icon ?? instance.icon).map((i) =>
				normalize(join(dirname(file), i.replace(/^file:/, ''))),
			);
			expect(icons).toHaveLength(2);
			expect(new Set(icons.map((i) => readFileSync(join(root, i), 'utf8'))).size).toBe(2);
			for (const icon of icons) {
				expect(existsSync(join(root, icon))).toBe(true);
				expect(packed).toContain(icon);
			}
		}
	});

	it('ships exactly the compiled sources, the codex, the icons and the manifest (no docs screenshots, no tests)', () => {
		// What `npm run build` (n8n-node build, then gulp build:prune) must leave in the tarball, derived from the
		// sources: per .ts file its .js/.d.ts/.js.map, every codex and __schema__ file, every icon. The tsc side
		// files (dist/package.json, dist/tsconfig.tsbuildinfo) were in every tarball before node-cli and stay.
		const sources = [
			...sourceFiles(join(root, 'nodes')),
			...sourceFiles(join(root, 'credentials')),
		].map((f) => f.slice(root.length + 1));
		const compiled = sources.flatMap((f) =>
			['.js', '.d.ts', '.js.map'].map((ext) => `dist/${f.replace(/\.ts$/, ext)}`),
		);
		const statics = [...allFiles(join(root, 'nodes')), ...allFiles(join(root, 'icons'))]
			.map((f) => f.slice(root.length + 1))
			.filter((f) => /\.(png|svg)$|\.node\.json$|(^|\/)__schema__\/.*\.json$/.test(f))
			.map((f) => `dist/${f}`);
		const expected = [
			...compiled,
			...statics,
			'dist/package.json',
			'dist/tsconfig.tsbuildinfo',
			'package.json',
			'README.md',
			'LICENSE.md',
		];
		expect([...packed].sort()).toEqual([...new Set(expected)].sort());
	});

	it('keeps repository, homepage, bugs and the codex documentation link on the same GitHub repository', () => {
		const repo = 'github.com/n8n-nodes-huaweicloud-iotda/n8n-nodes-huaweicloud-iotda';
		expect(pkg.repository).toEqual({ type: 'git', url: `git+https://${repo}.git` });
		expect(pkg.homepage).toBe(`https://${repo}#readme`);
		expect(pkg.bugs).toEqual({ url: `https://${repo}/issues` });
		expect(pkg.author.name).toBeTruthy();
		expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+$/);
		const codex = JSON.parse(
			readFileSync(join(root, 'nodes/HuaweiCloudIotda/HuaweiCloudIotda.node.json'), 'utf8'),
		);
		expect(codex.resources.primaryDocumentation).toEqual([{ url: pkg.homepage }]);
	});

	it('has no dangling "main" and builds through n8n-node in strict mode', () => {
		expect(pkg.main).toBeUndefined();
		expect(pkg.n8n.strict).toBe(true);
		expect(pkg.scripts.build).toBe('n8n-node build && gulp build:prune');
		expect(pkg.devDependencies['@n8n/node-cli']).toBeDefined();
	});

	it('follows the community-package rules: name, keyword, MIT, no runtime dependencies, n8n-workflow peer only', () => {
		expect(pkg.name).toBe('n8n-nodes-huaweicloud-iotda');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
		for (const forbidden of ['prepare', 'preinstall', 'install', 'postinstall', 'prepublish'])
			expect(pkg.scripts[forbidden]).toBeUndefined();
	});
});

function allFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) =>
		statSync(join(dir, name)).isDirectory() ? allFiles(join(dir, name)) : [join(dir, name)],
	);
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
	});
}

describe('verification-scanner hygiene', () => {
	it('has no inline eslint-disable in nodes/ or credentials/ (the scanner ignores them)', () => {
		const files = [...sourceFiles(join(root, 'nodes')), ...sourceFiles(join(root, 'credentials'))];
		expect(files.length).toBeGreaterThan(20);
		expect(files.filter((f) => readFileSync(f, 'utf8').includes('eslint-disable'))).toEqual([]);
	});
});
