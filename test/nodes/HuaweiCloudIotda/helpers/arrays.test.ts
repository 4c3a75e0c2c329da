/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * No list is spread into a call's arguments anywhere in nodes/ (issue #14, item 3: push(...x),
 * Math.max(...x), String.fromCharCode(...x) overflow the stack past ~120,000 elements), and no array is
 * grown with concat inside a loop (quadratic). helpers/arrays.ts is what the code uses instead.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import path from 'path';
import ts from 'typescript';

import { append, chunk, listing } from '../../../../nodes/HuaweiCloudIotda/helpers/arrays';

const root = path.join(__dirname, '../../../../nodes');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
	});
}

const LOOPS = new Set([
	ts.SyntaxKind.ForStatement,
	ts.SyntaxKind.ForOfStatement,
	ts.SyntaxKind.ForInStatement,
	ts.SyntaxKind.WhileStatement,
	ts.SyntaxKind.DoStatement,
]);

function findings(file: string, text = readFileSync(file, 'utf8')): string[] {
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
	const found: string[] = [];
	const where = (node: ts.Node) =>
		`${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
	const visit = (node: ts.Node, inLoop: boolean) => {
		if (
			ts.isSpreadElement(node) &&
			(ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))
		)
			found.push(`${where(node)} spreads into a call`);
		if (
			inLoop &&
			ts.isCallExpression(node) &&
			ts.isPropertyAccessExpression(node.expression) &&
			node.expression.name.text === 'concat'
		)
			found.push(`${where(node)} concat in a loop`);
		ts.forEachChild(node, (child) => visit(child, inLoop || LOOPS.has(node.kind)));
	};
	visit(source, false);
	return found;
}

describe('no unbounded spread into a call in nodes/', () => {
	it('finds none', () => {
		const files = sourceFiles(root);
		expect(files.length).toBeGreaterThan(30);
		expect(files.flatMap((file) => findings(file))).toEqual([]);
	});

	it('would find one (the check itself works)', () => {
		const probe = path.join(root, '..', 'test', 'fixtures', 'spread-probe.ts');
		const source = 'const a: number[] = []; const b = [1]; a.push(...b); for (;;) { a.concat(b); }';
		expect(findings(probe, source)).toEqual([
			'../test/fixtures/spread-probe.ts:1 spreads into a call',
			'../test/fixtures/spread-probe.ts:1 concat in a loop',
		]);
	});
});

describe('arrays helpers', () => {
	it('append adds 300,000 elements without overflowing the stack', () => {
		const big = Array.from({ length: 300_000 }, (_, i) => i);
		expect(append([-1], big)).toHaveLength(300_001);
	});

	it('chunk cuts in order, the last part shorter', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
	});

	it('listing joins with commas and "or"', () => {
		expect([listing([]), listing(['a']), listing(['a', 'b']), listing(['a', 'b', 'c'])]).toEqual([
			'',
			'a',
			'a or b',
			'a, b or c',
		]);
	});
});
