/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** Runs a TypeScript file of this folder in a fresh Node process and returns the last line it printed. */
import { execFile } from 'child_process';
import path from 'path';

const ROOT = path.resolve(__dirname, '../..');

/** `root`: another checkout of this package (with this folder) to run the file from, for before/after runs. */
export function runTsChild(
	file: string,
	args: string[],
	nodeFlags: string[] = [],
	root = ROOT,
): Promise<string> {
	return new Promise((resolve, reject) =>
		execFile(
			process.execPath,
			[
				...nodeFlags,
				'-r',
				'ts-node/register/transpile-only',
				path.join(root, 'scripts/bench', file),
				...args,
			],
			{
				cwd: root,
				// Prefer .ts: the node's HuaweiCloudIotda.node.ts sits next to HuaweiCloudIotda.node.json.
				env: {
					...process.env,
					TS_NODE_PROJECT: path.join(root, 'tsconfig.test.json'),
					TS_NODE_PREFER_TS_EXTS: 'true',
				},
				maxBuffer: 1 << 24,
			},
			(error, stdout, stderr) =>
				error
					? reject(new Error(`${error.message}\n${stderr}`))
					: resolve(stdout.trim().split('\n').pop() ?? ''),
		),
	);
}
