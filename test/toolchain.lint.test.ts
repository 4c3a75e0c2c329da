/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * The lint set-up n8n's verification asks for:
 * - strict mode: the root eslint.config.mjs is node-cli's two-line template, so `n8n-node lint` accepts it and
 *   `n8n-node cloud-support` reports the package eligible;
 * - the plain `n8n-node lint` (what n8n's docs, the starter and reviewers run) passes from the repo root: test/
 *   and scripts/ files that need Node APIs open with a file-level `eslint-disable` naming `npm run lint:tests`;
 * - test/ and scripts/ have their own ESLint scope (`npm run lint:tests`: config lookup from the linted file's
 *   folder, inline directives ignored), while nodes/ and credentials/ keep every strict rule;
 * - the two rules n8n merged after the last plugin release (scripts/eslint-rules) behave as documented.
 */
import { spawnSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { Linter } from 'eslint';
import type { INodeProperties } from 'n8n-workflow';
import tseslint from 'typescript-eslint';

import { HuaweiCloudIotda } from '../nodes/HuaweiCloudIotda/HuaweiCloudIotda.node';
import { HuaweiCloudIotdaTrigger } from '../nodes/HuaweiCloudIotdaTrigger/HuaweiCloudIotdaTrigger.node';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// eslint-rules is plain CommonJS so that scripts/lint-verification.mjs can load it without a build step.
const mergedRules = require('../scripts/eslint-rules/index.cjs');

const RESTRICTED = 'setTimeout(() => undefined, 1);\nexport const x = 1;\n';

/** Lints RESTRICTED as if it were `file`, in a child process (ESLint loads eslint.config.mjs with a dynamic
 * import, which jest's module sandbox does not support); returns the rule ids reported. */
function ruleIdsFor(file: string, withFlag: boolean): string[] {
	const env = { ...process.env, ESLINT_FLAGS: withFlag ? 'unstable_config_lookup_from_file' : '' };
	const run = spawnSync(
		join(root, 'node_modules/.bin/eslint'),
		['--stdin', '--stdin-filename', file, '--format', 'json'],
		{
			cwd: root,
			env,
			input: RESTRICTED,
			encoding: 'utf8',
		},
	);
	expect(run.stderr).toBe('');
	const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
	return result.messages.map((m) => m.ruleId);
}
const RESTRICTED_GLOBALS = '@n8n/community-nodes/no-restricted-globals';

describe('strict mode and the lint scopes', () => {
	it('keeps eslint.config.mjs identical to the @n8n/node-cli template and strict mode on', () => {
		const template = readFileSync(
			join(
				root,
				'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs',
			),
			'utf8',
		);
		const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
		expect(normalise(readFileSync(join(root, 'eslint.config.mjs'), 'utf8'))).toBe(
			normalise(template),
		);
		expect(pkg.n8n.strict).toBe(true);
		expect(pkg.scripts.lint).toBe('n8n-node lint');
		// The test/ and scripts/ scope: their own configs, and the file-level eslint-disable (there only for the
		// root scope) does not count.
		expect(pkg.scripts['lint:tests']).toBe(
			'ESLINT_FLAGS=unstable_config_lookup_from_file eslint --no-inline-config test scripts',
		);
		expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toMatch(
			/^part "lint:tests" npm run lint:tests$/m,
		);
	});

	it("passes the plain `n8n-node lint` from the repo root, as n8n's docs, the starter and reviewers run it", () => {
		const env = { ...process.env };
		delete env.ESLINT_FLAGS;
		// jest sets NODE_ENV=test, which switches eslint-plugin-n8n-nodes-base to its own test fixtures' naming rules.
		delete env.NODE_ENV;
		const run = spawnSync(join(root, 'node_modules/.bin/n8n-node'), ['lint'], {
			cwd: root,
			env,
			encoding: 'utf8',
		});
		const output = `${run.stdout}${run.stderr}`.replace(
			new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'),
			'',
		);
		// A test/ or scripts/ file reported here needs the header of its neighbours (see the file docblock).
		expect([run.status, output.match(/^\/\S+$|\d+ problems?.*$/gm)]).toEqual([0, null]);
	}, 180000);

	it('applies the cloud rules to nodes/ and credentials/ in the plain root scope too (no flag)', () => {
		expect(ruleIdsFor('nodes/HuaweiCloudIotda/probe.ts', false)).toEqual([RESTRICTED_GLOBALS]);
		expect(ruleIdsFor('credentials/probe.ts', false)).toEqual([RESTRICTED_GLOBALS]);
	}, 60000);

	it('applies the cloud rules to nodes/ and credentials/ but not to test/ or scripts/ in the lint:tests scope', () => {
		expect(ruleIdsFor('nodes/HuaweiCloudIotda/probe.ts', true)).toEqual([RESTRICTED_GLOBALS]);
		expect(ruleIdsFor('credentials/probe.ts', true)).toEqual([RESTRICTED_GLOBALS]);
		expect(ruleIdsFor('test/probe.ts', true)).toEqual([]);
		expect(ruleIdsFor('scripts/bench/probe.ts', true)).toEqual([]);
	}, 60000);

	it('would put test/ under the strict rules without the config-lookup flag (why `npm run lint:tests` sets it)', () => {
		expect(ruleIdsFor('test/probe.ts', false)).toEqual([RESTRICTED_GLOBALS]);
	}, 60000);
});

function lint(
	rule: 'require-continue-on-fail' | 'options-sorted-alphabetically',
	code: string,
	filename = 'nodes/X/X.node.ts',
) {
	const linter = new Linter({ configType: 'flat' });
	return linter.verify(
		code,
		[
			{
				files: ['**/*.ts'],
				languageOptions: { parser: tseslint.parser as Linter.Parser },
				plugins: { m: mergedRules },
				rules: { [`m/${rule}`]: 'error' },
			},
		],
		filename,
	);
}

describe('require-continue-on-fail (local copy of the merged n8n rule)', () => {
	const nodeClass = (body: string, heading = 'export class X implements INodeType') =>
		`${heading} {\n\tdescription = {} as INodeTypeDescription;\n\tasync execute(this: IExecuteFunctions) {\n${body}\n\t}\n}`;

	it('reports an execute() that only delegates', () => {
		const messages = lint(
			'require-continue-on-fail',
			nodeClass('\t\treturn await router.call(this);'),
		);
		expect(messages.map((m) => [m.messageId, m.line])).toEqual([['missingContinueOnFail', 3]]);
	});

	it('accepts this.continueOnFail() anywhere in execute(), nested callbacks included', () => {
		const body =
			'\t\tconst r = [];\n\t\tfor (const i of [0]) { try { r.push(i); } catch (e) { if (this.continueOnFail()) continue; throw e; } }\n\t\treturn [r];';
		expect(lint('require-continue-on-fail', nodeClass(body))).toEqual([]);
		expect(
			lint(
				'require-continue-on-fail',
				nodeClass('\t\treturn [[1].map(() => this.continueOnFail())];'),
			),
		).toEqual([]);
	});

	it('recognises `extends Node` and `implements ns.INodeType`, and ignores other classes', () => {
		expect(
			lint('require-continue-on-fail', nodeClass('\t\treturn [];', 'export class X extends Node')),
		).toHaveLength(1);
		expect(
			lint(
				'require-continue-on-fail',
				nodeClass('\t\treturn [];', 'export class X implements w.INodeType'),
			),
		).toHaveLength(1);
		expect(
			lint('require-continue-on-fail', nodeClass('\t\treturn [];', 'export class Helper')),
		).toEqual([]);
	});

	it('does not count continueOnFail called on something other than this', () => {
		expect(
			lint(
				'require-continue-on-fail',
				nodeClass('\t\tif (ctx.continueOnFail()) return [];\n\t\treturn [];'),
			),
		).toHaveLength(1);
	});
});

describe('options-sorted-alphabetically (local copy of the merged n8n rule, documented scope)', () => {
	const param = (options: string, extra = '') =>
		`export const p = { displayName: 'Pick', name: 'pick', type: 'options', ${extra} options: [${options}], default: '' };`;

	it('reports an unsorted list with the expected order, in any nodes/ file (not only *.node.ts)', () => {
		const messages = lint(
			'options-sorted-alphabetically',
			param("{ name: 'User', value: 'u' }, { name: 'Contact', value: 'c' }"),
			'nodes/X/actions/a.description.ts',
		);
		expect(messages).toHaveLength(1);
		expect(messages[0].message).toBe(
			'Options in "Pick" are not sorted alphabetically. Expected order: Contact, User.',
		);
	});

	it('compares case-insensitively and locale-aware', () => {
		expect(
			lint(
				'options-sorted-alphabetically',
				param(
					"{ name: 'apple', value: 1 }, { name: 'Banana', value: 2 }, { name: 'Éclair', value: 3 }, { name: 'Zebra', value: 4 }",
				),
			),
		).toEqual([]);
	});

	it('checks options parameters nested in collections', () => {
		const nested = `export const c = { displayName: 'Options', name: 'o', type: 'collection', default: {}, options: [ { displayName: 'Enc', name: 'enc', type: 'options', default: 'n', options: [ { name: 'None', value: 'n' }, { name: 'Base64', value: 'b' } ] } ] };`;
		const messages = lint('options-sorted-alphabetically', nested);
		expect(messages.map((m) => m.message)).toEqual([
			'Options in "Enc" are not sorted alphabetically. Expected order: Base64, None.',
		]);
	});

	it('skips lists it cannot read (computed arrays, non-literal names) and other parameter types', () => {
		expect(
			lint(
				'options-sorted-alphabetically',
				"export const p = { type: 'options', options: LIST, default: '' };",
			),
		).toEqual([]);
		expect(
			lint(
				'options-sorted-alphabetically',
				param("{ name: NAME_B, value: 1 }, { name: 'A', value: 2 }"),
			),
		).toEqual([]);
		expect(
			lint(
				'options-sorted-alphabetically',
				"export const p = { type: 'multiOptions', options: [{ name: 'B', value: 1 }, { name: 'A', value: 2 }] };",
			),
		).toEqual([]);
	});
});

/** Every .ts file under nodes/ and credentials/ (what `npm run lint:scanner` gives the merged rules). */
function sourceFiles(dir: string): string[] {
	return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.ts'))
		.map((f) => join(dir, f));
}

/** `where: names` of every options list in `properties` (collections included) that is not sorted by name. */
function unsortedLists(properties: readonly INodeProperties[], trail = ''): string[] {
	const byName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' });
	return properties.flatMap((p) => {
		const where = `${trail}${p.displayName}`;
		const options = (p.options ?? []) as Array<{
			name?: unknown;
			values?: INodeProperties[];
			type?: string;
		}>;
		const names = options.map((o) => o.name).filter((n): n is string => typeof n === 'string');
		const sorted = [...names].sort(byName);
		const here =
			p.type === 'options' && names.some((n, i) => n !== sorted[i])
				? [`${where}: ${names.join(', ')}`]
				: [];
		const nested = options.flatMap((o) =>
			o.values
				? unsortedLists(o.values, `${where} › `)
				: o.type
					? unsortedLists([o as INodeProperties], `${where} › `)
					: [],
		);
		return [...here, ...nested];
	});
}

describe("nodes/ and credentials/ under n8n's merged rules (issue #16: lint:scanner without --only=scanner)", () => {
	it('pass require-continue-on-fail and options-sorted-alphabetically, file by file', () => {
		const files = [...sourceFiles('nodes'), ...sourceFiles('credentials')];
		expect(files.length).toBeGreaterThan(40);
		const reported = files.flatMap((file) =>
			[
				lint('require-continue-on-fail', readFileSync(join(root, file), 'utf8'), file),
				lint('options-sorted-alphabetically', readFileSync(join(root, file), 'utf8'), file),
			]
				.flat()
				.map((m) => `${file}:${m.line} ${m.message}`),
		);
		expect(reported).toEqual([]);
	});

	it('sort every option list of the nodes as n8n shows them, lists built in code included (Task Type, Target Source)', () => {
		expect(unsortedLists(new HuaweiCloudIotda().description.properties)).toEqual([]);
		expect(unsortedLists(new HuaweiCloudIotdaTrigger().description.properties)).toEqual([]);
	});

	it('.ci/run runs the whole verification lint, not only the scanner pass', () => {
		const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
		expect(ci).toMatch(/^(part "lint:scanner" )?npm run lint:scanner$/m);
		expect(ci).not.toContain('--only=');
	});
});
