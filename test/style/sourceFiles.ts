/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
import { readdirSync } from 'fs';
import { join } from 'path';

/** Every `.ts` file under `dir`, recursively (the style suites' view of nodes/ and credentials/). */
export function tsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? tsFiles(join(dir, entry.name))
			: entry.name.endsWith('.ts')
				? [join(dir, entry.name)]
				: [],
	);
}
