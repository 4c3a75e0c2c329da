// ESLint scope for test and harness code (test/, and scripts/ re-exports this file).
//
// This code is neither published nor what n8n verifies, and it needs what the strict community-node rules forbid
// in nodes/ and credentials/: Node built-ins (fs, http, child_process), process, timers and console. The root
// eslint.config.mjs must stay the two-line @n8n/node-cli config for strict mode (n8n-node lint refuses any other),
// so this folder gets its own config instead: `npm run lint` sets ESLINT_FLAGS=unstable_config_lookup_from_file,
// which makes ESLint 9 use the eslint.config.mjs nearest to each linted file (the default from ESLint 10 on).
// nodes/, credentials/ and package.json have no config of their own and keep the root (strict) one.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config({
	files: ['**/*.ts'],
	extends: [js.configs.recommended, tseslint.configs.recommended],
	rules: {
		// Fixtures and fakes model untyped wire data; harness scripts load CommonJS helpers on demand.
		'@typescript-eslint/no-explicit-any': 'off',
		'@typescript-eslint/no-require-imports': 'off',
	},
});
