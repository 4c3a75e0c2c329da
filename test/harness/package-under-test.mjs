// Builds this repository's package and installs it into an n8n user folder the way n8n
// installs a community package: the `npm pack` tarball unpacked into
// $N8N_USER_FOLDER/.n8n/nodes/node_modules/<package name>/ (n8n scans that folder at start;
// the package has no runtime dependencies).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecked } from './processes.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const packageName = JSON.parse(
	fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
).name;

/** `npm run build`, then `npm pack`; returns the tarball path. */
export async function buildAndPack(workDir, { skipBuild = false } = {}) {
	fs.mkdirSync(workDir, { recursive: true });
	if (!skipBuild) {
		await runChecked('npm', ['run', 'build'], {
			cwd: repoRoot,
			logFile: path.join(workDir, 'build.log'),
		});
	}
	const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		if (!fs.existsSync(path.join(repoRoot, file))) throw new Error(`build did not produce ${file}`);
	}
	const { stdout } = await runChecked('npm', ['pack', '--json', '--pack-destination', workDir], {
		cwd: repoRoot,
		logFile: path.join(workDir, 'pack.log'),
	});
	const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	return path.join(workDir, path.basename(filename));
}

export async function installTarball(tarball, userFolder) {
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', packageName);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	await runChecked('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	return target;
}
