/**
 * A local ESLint plugin with the two rules n8n merged into @n8n/eslint-plugin-community-nodes after its newest
 * release on the npm registry (0.32.0): `require-continue-on-fail` and `options-sorted-alphabetically`.
 * scripts/lint-verification.mjs runs them on nodes/ and credentials/; test/toolchain.lint.test.ts tests them.
 */
'use strict';

module.exports = {
	meta: { name: 'n8n-merged-rules' },
	rules: {
		'require-continue-on-fail': require('./require-continue-on-fail.cjs'),
		'options-sorted-alphabetically': require('./options-sorted-alphabetically.cjs'),
	},
};
