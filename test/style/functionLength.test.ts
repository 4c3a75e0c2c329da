/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * The team rule "no function over ~60 lines" in nodes/ and credentials/ (issue #15), checked on the syntax tree:
 * every function declaration, method, arrow function and function expression, counted from its first to its
 * last line. A long function is split into named steps instead of raising this number.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { tsFiles } from './sourceFiles';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const MAX_LINES = 60;

/** `file:line name (lines)` for every function longer than `max` lines in `source`. */
export function longFunctions(file: string, source: string, max: number): string[] {
	const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
	const found: string[] = [];
	const visit = (node: ts.Node): void => {
		if (
			ts.isFunctionDeclaration(node) ||
			ts.isMethodDeclaration(node) ||
			ts.isArrowFunction(node) ||
			ts.isFunctionExpression(node)
		) {
			const first = sf.getLineAndCharacterOfPosition(node.getStart()).line;
			const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
			const named = node as ts.Node & { name?: ts.Node };
			const parent = node.parent as ts.Node & { name?: ts.Node };
			const name = named.name?.getText() ?? parent?.name?.getText() ?? '<anonymous>';
			if (last - first + 1 > max)
				found.push(`${file}:${first + 1} ${name} (${last - first + 1} lines)`);
		}
		ts.forEachChild(node, visit);
	};
	visit(sf);
	return found;
}

describe('function length in nodes/ and credentials/', () => {
	it(`has no function over ${MAX_LINES} lines`, () => {
		const files = [...tsFiles(join(ROOT, 'nodes')), ...tsFiles(join(ROOT, 'credentials'))];
		expect(files.length).toBeGreaterThan(20);
		const long = files.flatMap((file) =>
			longFunctions(file.slice(ROOT.length + 1), readFileSync(file, 'utf8'), MAX_LINES),
		);
		expect(long).toEqual([]);
	});

	it('finds a function that is too long (the check can fail)', () => {
		const body = Array.from({ length: 61 }, (_, i) => `\tconst v${i} = ${i};`).join('\n');
		expect(
			longFunctions(
				'x.ts',
				`function tooLong() {\n${body}\n}\nconst short = () => 1;\n`,
				MAX_LINES,
			),
		).toEqual(['x.ts:1 tooLong (63 lines)']);
	});
});
