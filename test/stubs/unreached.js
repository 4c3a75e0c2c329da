/**
 * Stand-in for packages n8n-core imports at load time for features this node never reaches (AI tools,
 * SSH tunnels, the community-package loader …), mapped in jest.config.js. Loading it costs nothing; any
 * real use — calling or constructing anything from it — throws, naming the stubbed package, so a test that
 * does reach such a path fails loudly instead of running on a fake.
 */
'use strict';

function unreached(name) {
	const fail = () => {
		throw new Error(
			`${name} is stubbed in jest.config.js (a path this node never reaches was taken)`,
		);
	};
	const target = function () {};
	const proxy = new Proxy(target, {
		get: (_t, key) => {
			if (key === '__esModule') return true;
			if (key === 'prototype') return target.prototype;
			if (key === Symbol.toPrimitive) return () => `[stub ${name}]`;
			// Not a promise, and `instanceof` falls back to the prototype check (always false).
			if (key === 'then' || typeof key === 'symbol') return undefined;
			return proxy;
		},
		apply: fail,
		construct: fail,
	});
	return proxy;
}

module.exports = { unreached };
