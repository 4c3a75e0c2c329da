/**
 * ESLint rule `options-sorted-alphabetically`: the `options` of every `type: 'options'` parameter are sorted by
 * `name`, case-insensitively and locale-aware (`localeCompare(b, undefined, { sensitivity: 'base' })`).
 *
 * Why it is here: n8n merged this rule into @n8n/eslint-plugin-community-nodes (recommended config, warning) after
 * the newest release on the npm registry (0.32.0). This file implements the documented behaviour (n8n-io/n8n,
 * packages/@n8n/eslint-plugin-community-nodes/docs/rules/options-sorted-alphabetically.md: "Applies to all
 * type: 'options' parameters — including resource, operation, and any other dropdowns"), written for this
 * repository. It is deliberately wider than the merged implementation, which only inspects the `properties` array
 * written inline in a `*.node.ts` class: this package keeps its parameters in `descriptions/` and `actions/`
 * files, so the rule checks every object literal with `type: 'options'` in any file it is given (nested
 * collection / fixedCollection parameters included).
 *
 * Lists it cannot judge are skipped, as in the merged rule: `options` that is not an array literal (computed or
 * imported lists; scripts/lint-verification.mjs checks those on the compiled description), or an option whose
 * `name` is not a string literal. One-element lists are sorted by definition.
 */
'use strict';

/** The property `key` of an ObjectExpression, if written as `key:` or `'key':`. */
function findProperty(objectExpression, key) {
	return objectExpression.properties.find(
		(p) =>
			p.type === 'Property' &&
			!p.computed &&
			((p.key.type === 'Identifier' && p.key.name === key) ||
				(p.key.type === 'Literal' && p.key.value === key)),
	);
}

/** The string value of a string literal or a template literal without expressions; otherwise null. */
function stringValue(node) {
	if (!node) return null;
	if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
	if (node.type === 'TemplateLiteral' && node.expressions.length === 0)
		return node.quasis[0].value.cooked;
	if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression')
		return stringValue(node.expression);
	return null;
}

/** The option names of an options array literal, or null when one of them is not a literal. */
function literalNames(arrayExpression) {
	const names = [];
	for (const element of arrayExpression.elements) {
		if (!element || element.type !== 'ObjectExpression') return null;
		const nameProperty = findProperty(element, 'name');
		const name = nameProperty ? stringValue(nameProperty.value) : null;
		if (name === null) return null;
		names.push(name);
	}
	return names;
}

const byName = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' });

module.exports = {
	meta: {
		type: 'suggestion',
		docs: { description: 'Enforce alphabetical ordering of options arrays in n8n node properties' },
		messages: {
			optionsNotSorted:
				'Options in "{{ displayName }}" are not sorted alphabetically. Expected order: {{ expectedOrder }}.',
		},
		schema: [],
	},
	create(context) {
		return {
			ObjectExpression(node) {
				const typeProperty = findProperty(node, 'type');
				if (!typeProperty || stringValue(typeProperty.value) !== 'options') return;
				const optionsProperty = findProperty(node, 'options');
				if (!optionsProperty || optionsProperty.value.type !== 'ArrayExpression') return;
				const names = literalNames(optionsProperty.value);
				if (!names || names.length <= 1) return;
				const sorted = [...names].sort(byName);
				if (names.every((name, i) => name === sorted[i])) return;
				const displayNameProperty = findProperty(node, 'displayName');
				const displayName =
					(displayNameProperty && stringValue(displayNameProperty.value)) || 'unknown';
				context.report({
					node: optionsProperty.value,
					messageId: 'optionsNotSorted',
					data: { displayName, expectedOrder: sorted.join(', ') },
				});
			},
		};
	},
};
