#!/usr/bin/env node
/**
 * Syntax and intent check of the GitHub Actions workflows (`npm run lint:workflows`, run by .ci/run and ci.yml).
 *
 * actionlint is not packaged for Debian 12 (checked with `apt-cache policy actionlint`), so the syntax check is
 * @action-validator/core (a devDependency, installed by `npm ci`): it validates each workflow against the
 * SchemaStore GitHub-workflow JSON schema (unknown keys, wrong types, bad `permissions` values, YAML errors).
 * On top of that, the properties n8n's verification relies on, which a schema cannot know:
 *
 * - publish.yml runs on version tags only, grants `id-token: write` (npm provenance needs the GitHub OIDC token)
 *   and `contents: read`, sets up the npm registry, installs with `npm ci`, publishes through `npm run release`
 *   (n8n-node release → `npm publish` with NPM_CONFIG_PROVENANCE=true) and turns ignore-scripts off for that step
 *   so the prepublishOnly guard runs;
 * - ci.yml installs with `npm ci` and runs lint, build and test.
 *
 * Usage: node scripts/lint-workflows.mjs [workflows-dir]   (default .github/workflows); exit 1 on any problem.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

const dir = path.resolve(process.argv[2] ?? '.github/workflows');
const problems = [];

/** One line per schema error; oneOf errors carry the useful detail in their nested states. */
function describeError(error) {
	const details = [
		error.detail,
		...(error.states ?? []).flatMap((s) => s.errors.map(describeError)),
	].filter(Boolean);
	return `${error.path ?? ''} ${error.title}${details.length ? `: ${[...new Set(details)].join('; ')}` : ''}`.trim();
}

function runs(job) {
	return (job.steps ?? []).map((s) => s.run ?? '').join('\n');
}

function checkPublish(wf) {
	const tags = wf.on?.push?.tags ?? [];
	if (!tags.length || wf.on?.push?.branches || wf.on?.pull_request)
		problems.push('publish.yml: must run on version tags only');
	const jobs = Object.values(wf.jobs ?? {});
	const job = jobs.find((j) => /npm run release|npm publish/.test(runs(j)));
	if (!job) return problems.push('publish.yml: no job runs `npm run release`');
	const perms = { ...(wf.permissions ?? {}), ...(job.permissions ?? {}) };
	if (perms['id-token'] !== 'write')
		problems.push('publish.yml: the publish job needs `permissions: id-token: write`');
	if (perms.contents !== 'read')
		problems.push('publish.yml: the publish job should have `contents: read` only');
	const setupNode = (job.steps ?? []).find((s) =>
		String(s.uses ?? '').startsWith('actions/setup-node@'),
	);
	if (!setupNode?.with?.['registry-url'])
		problems.push('publish.yml: actions/setup-node needs `registry-url`');
	if (!/\bnpm ci\b/.test(runs(job))) problems.push('publish.yml: install with `npm ci`');
	const release = (job.steps ?? []).find((s) => /npm run release/.test(s.run ?? ''));
	if (!release)
		problems.push(
			'publish.yml: publish through `npm run release` (n8n-node release adds provenance)',
		);
	else if (String(release.env?.NPM_CONFIG_IGNORE_SCRIPTS) !== 'false') {
		problems.push(
			'publish.yml: the release step must set NPM_CONFIG_IGNORE_SCRIPTS: false (.npmrc has ignore-scripts)',
		);
	}
}

function checkCi(wf) {
	const all = Object.values(wf.jobs ?? {})
		.map(runs)
		.join('\n');
	for (const command of ['npm ci', 'npm run lint', 'npm run build', 'npm test']) {
		if (!all.includes(command)) problems.push(`ci.yml: missing \`${command}\``);
	}
}

const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
for (const name of files) {
	const source = readFileSync(path.join(dir, name), 'utf8');
	const result = validateWorkflow(source);
	for (const error of result.errors) problems.push(`${name}: ${describeError(error)}`);
	if (result.errors.length) continue;
	const wf = parse(source);
	if (name === 'publish.yml') checkPublish(wf);
	if (name === 'ci.yml') checkCi(wf);
}
for (const required of ['ci.yml', 'publish.yml']) {
	if (!files.includes(required))
		problems.push(`${required}: missing from ${path.relative(process.cwd(), dir) || '.'}`);
}

for (const problem of problems) console.error(problem);
console.log(
	`workflows: ${files.length} files checked (${files.join(', ')}), ${problems.length} problems`,
);
process.exitCode = problems.length ? 1 : 0;
