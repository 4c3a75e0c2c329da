// Harness scripts share the test scope (see test/eslint.config.mjs for why it is not the strict root config).
export { default } from '../test/eslint.config.mjs';
