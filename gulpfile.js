const { readdirSync, rmSync, rmdirSync } = require('fs');
const { join } = require('path');

// `n8n-node build` runs tsc and then copies every **/*.{png,svg} and **/__schema__/**/*.json of the repository
// into dist/, so the icons already land beside the compiled files (what this file used to do). It cannot tell
// runtime assets from documentation, though: it also copies docs/*.png (a 77 kB screenshot) into dist/docs/, which
// `files: ["dist"]` would publish. This task removes those copies from every top-level folder of dist/ that n8n does
// not load from, then the folders left empty. test/package.test.ts pins the tarball listing that results.
const RUNTIME_DIRS = new Set(['nodes', 'credentials', 'icons']);
const STATIC_FILE = /\.(png|svg)$|(^|\/)__schema__\/.*\.json$/;

function removeStaticCopies(dir, relative = '') {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		const rel = relative ? `${relative}/${entry.name}` : entry.name;
		if (entry.isDirectory()) {
			removeStaticCopies(path, rel);
			if (readdirSync(path).length === 0) rmdirSync(path);
		} else if (STATIC_FILE.test(rel)) {
			rmSync(path);
		}
	}
}

function prune(done) {
	for (const entry of readdirSync('dist', { withFileTypes: true })) {
		if (!entry.isDirectory() || RUNTIME_DIRS.has(entry.name)) continue;
		const path = join('dist', entry.name);
		removeStaticCopies(path, entry.name);
		if (readdirSync(path).length === 0) rmdirSync(path);
	}
	done();
}

exports['build:prune'] = prune;
