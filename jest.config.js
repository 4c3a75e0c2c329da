const os = require('os');

/**
 * n8n-core (the engine the node suites run on, test/helpers/engine.ts) loads these at import time for features
 * this node never reaches; each test file would load them again (~300 modules). They are replaced by a stand-in
 * that throws as soon as anything from it is called or constructed (test/stubs/unreached.js), so a test that
 * did reach one fails loudly instead of running on a fake:
 * - @langchain/core, langsmith: AI-agent tools (n8n-core's create-node-as-tool, get-input-connection-data);
 * - ssh2: SSH tunnels (n8n-core's ssh-clients-manager);
 * - fast-glob: the community-package loader (n8n-core's nodes-loader).
 */
const unreached = {
	'^@langchain/core(/.*)?$': '<rootDir>/test/stubs/langchain-core.js',
	'^langsmith(/.*)?$': '<rootDir>/test/stubs/langsmith.js',
	'^ssh2$': '<rootDir>/test/stubs/ssh2.js',
	'^fast-glob$': '<rootDir>/test/stubs/fast-glob.js',
};

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	moduleNameMapper: unreached,
	// Jest's default (cores − 1) runs a 2-core machine in band; most suites wait on the emulator and timers, so
	// at least two workers overlap that waiting.
	maxWorkers: Math.max(2, os.cpus().length - 1),
	testTimeout: 120000,
};
