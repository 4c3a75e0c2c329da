/**
 * ESLint rule `require-continue-on-fail`: the `execute()` method of a node class must call `this.continueOnFail()`.
 *
 * Why it is here: n8n merged this rule into @n8n/eslint-plugin-community-nodes (recommended config, error) after
 * the newest release on the npm registry (0.32.0), so `n8n-node lint` cannot run it yet. This file implements the
 * behaviour the rule's documentation and merged source describe (n8n-io/n8n,
 * packages/@n8n/eslint-plugin-community-nodes/docs/rules/require-continue-on-fail.md), written for this repository:
 *
 * - a node class is a class declaration that `implements INodeType` (also `implements n8nWorkflow.INodeType`) or
 *   `extends Node`;
 * - its `execute` method passes when a `this.continueOnFail()` call appears anywhere in the method body, nested
 *   callbacks included; a call in another function or file that `execute()` delegates to does NOT count;
 * - otherwise the method name is reported.
 *
 * Drop this file once a released plugin version ships the rule (then it runs from `n8n-node lint`).
 */
'use strict';

const NON_CHILD_KEYS = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);

/** Whether `node` is the call `this.continueOnFail(...)`. */
function isContinueOnFailCall(node) {
	return (
		node.type === 'CallExpression' &&
		node.callee.type === 'MemberExpression' &&
		node.callee.object.type === 'ThisExpression' &&
		!node.callee.computed &&
		node.callee.property.type === 'Identifier' &&
		node.callee.property.name === 'continueOnFail'
	);
}

/** Depth-first search of an ESTree subtree for a `this.continueOnFail()` call. */
function containsContinueOnFail(node) {
	if (isContinueOnFailCall(node)) return true;
	for (const key of Object.keys(node)) {
		if (NON_CHILD_KEYS.has(key)) continue;
		const value = node[key];
		const children = Array.isArray(value) ? value : [value];
		for (const child of children) {
			if (
				child &&
				typeof child === 'object' &&
				typeof child.type === 'string' &&
				containsContinueOnFail(child)
			) {
				return true;
			}
		}
	}
	return false;
}

/** `implements INodeType` / `implements x.INodeType`, or `extends Node`. */
function isNodeTypeClass(node) {
	const implementsNodeType = (node.implements || []).some((clause) => {
		const expr = clause.expression;
		if (expr.type === 'Identifier') return expr.name === 'INodeType';
		return (
			expr.type === 'MemberExpression' &&
			expr.property.type === 'Identifier' &&
			expr.property.name === 'INodeType'
		);
	});
	const extendsNode =
		node.superClass && node.superClass.type === 'Identifier' && node.superClass.name === 'Node';
	return implementsNodeType || Boolean(extendsNode);
}

module.exports = {
	meta: {
		type: 'problem',
		docs: { description: 'Require continueOnFail() handling in execute() methods of node classes' },
		messages: {
			missingContinueOnFail:
				'execute() must handle this.continueOnFail(): wrap item processing in try/catch and check ' +
				'this.continueOnFail() in the catch block, inside execute() itself.',
		},
		schema: [],
	},
	create(context) {
		return {
			ClassDeclaration(node) {
				if (!isNodeTypeClass(node)) return;
				for (const member of node.body.body) {
					const isExecute =
						member.type === 'MethodDefinition' &&
						member.key.type === 'Identifier' &&
						member.key.name === 'execute';
					if (isExecute && member.value.body && !containsContinueOnFail(member.value.body)) {
						context.report({ node: member.key, messageId: 'missingContinueOnFail' });
					}
				}
			},
		};
	},
};
