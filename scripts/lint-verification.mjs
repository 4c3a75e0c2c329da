#!/usr/bin/env node
/**
 * n8n's verification lint, run locally on nodes/ and credentials/ (`npm run lint:scanner`).
 *
 * Three passes, each failing the run on any error:
 *
 * - `scanner`: what `@n8n/scan-community-package` (0.32.0, scanner/scanner.mjs → analyzePackage) lints once a
 *   version is published: ESLint with inline configuration switched off (`eslint-disable` comments do not count),
 *   the community-nodes `recommended` rules, `no-console`, and the eslint-plugin-n8n-nodes-base community /
 *   credentials / nodes rule sets with the scanner's three + two rules off. Source leg: package.json and
 *   {nodes,credentials}/**\/*.{js,ts,json}; package leg: dist/**\/*.js and package.json (the tarball is dist/ plus
 *   package.json, see test/package.test.ts). The scanner CLI itself cannot run here: it needs a published,
 *   provenance-signed version and GitHub. Rule versions: @n8n/eslint-plugin-community-nodes 0.32.0 (the scanner
 *   pins 0.29.0, whose rules 0.32.0 contains) and eslint-plugin-n8n-nodes-base as installed.
 * - `merged`: the rules n8n merged after the 0.32.0 release, from scripts/eslint-rules (require-continue-on-fail,
 *   options-sorted-alphabetically), at severity error, inline configuration off, on nodes/ and credentials/.
 * - `runtime`: the sorted-options check applied to the compiled node description (dist/), which also sees option
 *   lists built in code (the ESLint rule skips lists that are not array literals).
 *
 * Usage: node scripts/lint-verification.mjs [--only=scanner|merged|runtime[,...]]   (needs `npm run build` first
 * for the package leg and the runtime pass)
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';

const require = createRequire(import.meta.url);
const mergedRules = require('./eslint-rules/index.cjs');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SOURCE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];
const PACKAGE_PATTERNS = ['dist/**/*.js', 'package.json'];

/** The scanner's flat config (same rule sets and overrides as scan-community-package 0.32.0). */
function scannerConfig() {
	return [
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
		{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json', '**/*.ts'], languageOptions: { parser: tseslint.parser } },
	];
}

function mergedConfig() {
	return [
		{
			files: ['**/*.ts'],
			languageOptions: { parser: tseslint.parser },
			plugins: { merged: mergedRules },
			rules: {
				'merged/require-continue-on-fail': 'error',
				'merged/options-sorted-alphabetically': 'error',
			},
		},
	];
}

async function lint(label, config, patterns) {
	const eslint = new ESLint({
		cwd: root,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: config,
		errorOnUnmatchedPattern: false,
		ignorePatterns: ['**/node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(patterns);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const output = await (await eslint.loadFormatter('stylish')).format(results);
	if (output) process.stdout.write(output);
	console.log(`${label}: ${results.length} files, ${errors} errors, ${warnings} warnings`);
	return errors;
}

const byName = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' });

/** Every `type: 'options'` list reachable from `properties` (collections and fixedCollections included). */
function unsortedOptionLists(properties, trail = []) {
	const found = [];
	for (const property of properties ?? []) {
		const here = [...trail, property.displayName ?? property.name];
		const options = Array.isArray(property.options) ? property.options : [];
		if (property.type === 'options' && options.every((o) => typeof o?.name === 'string')) {
			const names = options.map((o) => o.name);
			const sorted = [...names].sort(byName);
			if (names.some((n, i) => n !== sorted[i]))
				found.push({ where: here.join(' › '), names, sorted, property });
		}
		for (const child of options) {
			if (Array.isArray(child?.values))
				found.push(...unsortedOptionLists(child.values, [...here, child.displayName]));
			else if (child && 'type' in child && 'name' in child)
				found.push(...unsortedOptionLists([child], here));
		}
	}
	return found;
}

function runtimeCheck() {
	const pkg = require(path.join(root, 'package.json'));
	let errors = 0;
	for (const file of pkg.n8n.nodes) {
		const compiled = path.join(root, file);
		if (!existsSync(compiled)) {
			console.log(`runtime: ${file} is missing, run \`npm run build\` first`);
			return 1;
		}
		const NodeClass = Object.values(require(compiled))[0];
		const description = new NodeClass().description;
		for (const list of unsortedOptionLists(description.properties)) {
			errors++;
			const shown = list.property.displayOptions
				? ` (shown for ${JSON.stringify(list.property.displayOptions.show ?? {})})`
				: '';
			console.log(
				`  ${file}: "${list.where}"${shown}\n    is:       ${list.names.join(', ')}\n    expected: ${list.sorted.join(', ')}`,
			);
		}
	}
	console.log(`runtime (compiled descriptions): ${errors} unsorted option lists`);
	return errors;
}

const only = (process.argv.find((a) => a.startsWith('--only=')) ?? '--only=scanner,merged,runtime')
	.slice(7)
	.split(',');
let errors = 0;
if (only.includes('scanner')) {
	errors += await lint('scanner (source)', scannerConfig(), SOURCE_PATTERNS);
	if (existsSync(path.join(root, 'dist')))
		errors += await lint('scanner (package)', scannerConfig(), PACKAGE_PATTERNS);
	else console.log('scanner (package): skipped, no dist/ (run `npm run build` first)');
}
if (only.includes('merged'))
	errors += await lint('merged rules', mergedConfig(), ['nodes/**/*.ts', 'credentials/**/*.ts']);
if (only.includes('runtime')) errors += runtimeCheck();
process.exitCode = errors > 0 ? 1 : 0;
