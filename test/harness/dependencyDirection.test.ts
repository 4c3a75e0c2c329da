/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * One direction between test/ and scripts/: scripts/ (commands for people: demo, bench, lint tooling) may use
 * test/'s harness and emulator; the test harness (test/harness, test/e2e, test/queue, test/compat, the emulator,
 * helpers) never imports from scripts/ or runs a file there. The real-n8n harness shared by both (provisioning,
 * n8n processes, the emulator process, examples, the README tables) lives in test/harness/. A jest suite
 * (*.test.ts) may still import the one scripts/ module it is the unit test of, as suites import nodes/
 * (today: toolchain.lint.test.ts → scripts/eslint-rules).
 */
import fs from 'fs';
import path from 'path';

const repo = path.resolve(__dirname, '..', '..');
const scriptsDir = path.join(repo, 'scripts');

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
		return /\.(ts|mjs|cjs|js)$/.test(entry.name) ? [full] : [];
	});
}

/** Relative specifiers of static imports, dynamic imports and require() calls. */
function relativeSpecifiers(source: string): string[] {
	const pattern =
		/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
	return [...source.matchAll(pattern)].map((match) => match[1]);
}

describe('the test harness does not depend on scripts/', () => {
	const files = sourceFiles(path.join(repo, 'test')).filter((file) => !file.endsWith('.test.ts'));

	it('finds the harness and the e2e/queue runners to check', () => {
		const names = files.map((f) => path.relative(repo, f));
		expect(names).toEqual(
			expect.arrayContaining([
				'test/harness/provision-n8n.mjs',
				'test/e2e/run.mjs',
				'test/queue/run.mjs',
			]),
		);
	});

	it('no harness file under test/ imports a module under scripts/', () => {
		const offenders = files.flatMap((file) =>
			relativeSpecifiers(fs.readFileSync(file, 'utf8'))
				.filter((specifier) =>
					path.resolve(path.dirname(file), specifier).startsWith(scriptsDir + path.sep),
				)
				.map((specifier) => `${path.relative(repo, file)} → ${specifier}`),
		);
		expect(offenders).toEqual([]);
	});

	it('no harness file under test/ runs a file under scripts/ by path', () => {
		const offenders = files.filter((file) =>
			/['"`]scripts\/[\w./-]+\.(?:m?js|ts)['"`]/.test(fs.readFileSync(file, 'utf8')),
		);
		expect(offenders.map((f) => path.relative(repo, f))).toEqual([]);
	});
});
