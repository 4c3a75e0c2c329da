/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Finds module-level mutable state in TypeScript sources: what n8n queue mode cannot tolerate, because
 * every worker has its own copy and consecutive executions land on different workers.
 *
 * Flagged, at the top level of a file:
 * - `let` / `var` declarations (a value that can be reassigned between executions);
 * - `const` containers (Map, Set, WeakMap, WeakSet, array or object literal) that any scanned file mutates:
 *   calls of a mutating method (`X.set(`, `X.push(`…) or assignments into them (`X.a = …`, `X[k] = …`);
 * - `static` class properties that are not `readonly`.
 * Names are matched across files by identifier (an import alias would escape; none is used here).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export interface StateFinding {
	file: string;
	line: number;
	name: string;
	reason: string;
}

const MUTATING_METHODS = new Set([
	'set',
	'add',
	'delete',
	'clear',
	'push',
	'pop',
	'shift',
	'unshift',
	'splice',
	'sort',
	'reverse',
	'fill',
	'copyWithin',
]);
const CONTAINER_CONSTRUCTORS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array']);

function isContainer(init: ts.Expression | undefined): boolean {
	if (!init) return false;
	let e = init;
	while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e))
		e = e.expression;
	if (ts.isArrayLiteralExpression(e) || ts.isObjectLiteralExpression(e)) return true;
	return (
		ts.isNewExpression(e) &&
		ts.isIdentifier(e.expression) &&
		CONTAINER_CONSTRUCTORS.has(e.expression.text)
	);
}

function lineOf(source: ts.SourceFile, node: ts.Node): number {
	return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

/** The identifier at the root of `X.a.b` / `X[k]`, if any. */
function rootName(e: ts.Expression): string | undefined {
	while (
		ts.isPropertyAccessExpression(e) ||
		ts.isElementAccessExpression(e) ||
		ts.isParenthesizedExpression(e)
	)
		e = e.expression;
	return ts.isIdentifier(e) ? e.text : undefined;
}

/** Names whose contents are mutated somewhere in the file (any depth, any scope). */
function mutatedNames(source: ts.SourceFile): Set<string> {
	const names = new Set<string>();
	const visit = (node: ts.Node) => {
		if (
			ts.isCallExpression(node) &&
			ts.isPropertyAccessExpression(node.expression) &&
			MUTATING_METHODS.has(node.expression.name.text)
		) {
			const name = rootName(node.expression.expression);
			if (name) names.add(name);
		}
		if (
			ts.isBinaryExpression(node) &&
			node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
			node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
		) {
			const left = node.left;
			if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) {
				const name = rootName(left);
				if (name) names.add(name);
			}
		}
		if (
			(ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
			(ts.isPropertyAccessExpression(node.operand) || ts.isElementAccessExpression(node.operand))
		) {
			const name = rootName(node.operand);
			if (name) names.add(name);
		}
		if (ts.isDeleteExpression(node)) {
			const name = rootName(node.expression);
			if (name) names.add(name);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return names;
}

/** Scans in-memory sources: {fileName: text}. */
export function scanSources(files: Record<string, string>): StateFinding[] {
	const sources = Object.entries(files).map(([file, text]) =>
		ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true),
	);
	const mutatedAnywhere = new Set<string>();
	for (const source of sources) for (const name of mutatedNames(source)) mutatedAnywhere.add(name);

	const findings: StateFinding[] = [];
	for (const source of sources) {
		for (const statement of source.statements) {
			if (ts.isVariableStatement(statement)) {
				const flags = statement.declarationList.flags;
				const isConst = (flags & ts.NodeFlags.Const) !== 0;
				for (const decl of statement.declarationList.declarations) {
					const name = decl.name.getText(source);
					if (!isConst)
						findings.push({
							file: source.fileName,
							line: lineOf(source, decl),
							name,
							reason: `top-level ${flags & ts.NodeFlags.Let ? 'let' : 'var'}`,
						});
					else if (
						isContainer(decl.initializer) &&
						ts.isIdentifier(decl.name) &&
						mutatedAnywhere.has(decl.name.text)
					)
						findings.push({
							file: source.fileName,
							line: lineOf(source, decl),
							name,
							reason: 'top-level container that is mutated',
						});
				}
			}
			if (ts.isClassDeclaration(statement)) {
				for (const member of statement.members) {
					if (!ts.isPropertyDeclaration(member)) continue;
					const modifiers = ts.getModifiers(member) ?? [];
					const isStatic = modifiers.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
					const isReadonly = modifiers.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
					if (isStatic && !isReadonly)
						findings.push({
							file: source.fileName,
							line: lineOf(source, member),
							name: `${statement.name?.text ?? '(class)'}.${member.name.getText(source)}`,
							reason: 'static class property that is not readonly',
						});
				}
			}
		}
	}
	return findings;
}

/** Every .ts file below the given folders (relative to root). */
export function readSources(root: string, folders: string[]): Record<string, string> {
	const files: Record<string, string> = {};
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
				files[path.relative(root, full)] = fs.readFileSync(full, 'utf8');
		}
	};
	for (const folder of folders) walk(path.join(root, folder));
	return files;
}
