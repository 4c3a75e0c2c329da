/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * The layering of nodes/ (issue #25; style review d3, after n8n's Microsoft Outlook v2, whose trigger imports
 * only its transport and helpers):
 * - the trigger (nodes/HuaweiCloudIotdaTrigger/) never imports the action node's operations
 *   (nodes/HuaweiCloudIotda/actions/): it stands on api/, transport/, helpers/, descriptions/ and methods/;
 * - nothing under helpers/ or transport/ imports from api/, actions/ or methods/, and helpers/ never imports
 *   transport/ (the arrow helpers → transport climbed back before requestOptions.ts moved);
 * - no n8n context is cast through `unknown` (`as unknown as`): the transport's Context type covers every
 *   context that sends requests.
 */
import { readFileSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';
import { tsFiles } from './sourceFiles';

const ROOT = join(__dirname, '..', '..');
const NODES = join(ROOT, 'nodes');
const ACTION_NODE = join(NODES, 'HuaweiCloudIotda');

/** Relative specifiers of static imports, `export … from`, dynamic imports and require() calls. */
export function relativeImports(source: string): string[] {
	const pattern =
		/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
	return [...source.matchAll(pattern)].map((match) => match[1]);
}

/** `file → specifier` for each import of a file under `from` that resolves into one of `into`. */
export function importsInto(
	files: Array<{ path: string; source: string }>,
	into: string[],
): string[] {
	return files.flatMap(({ path, source }) =>
		relativeImports(source)
			.filter((specifier) => {
				const target = resolve(dirname(path), specifier);
				return into.some((dir) => target === dir || target.startsWith(dir + sep));
			})
			.map((specifier) => `${relative(ROOT, path)} → ${specifier}`),
	);
}

/** `file:line` of every `as unknown as` cast in `files`. */
export function castsThroughUnknown(files: Array<{ path: string; source: string }>): string[] {
	return files.flatMap(({ path, source }) =>
		source
			.split('\n')
			.map((line, index) => ({ line, index }))
			.filter(({ line }) => /\bas\s+unknown\s+as\b/.test(line))
			.map(({ index }) => `${relative(ROOT, path)}:${index + 1}`),
	);
}

const read = (dir: string) =>
	tsFiles(dir).map((path) => ({ path, source: readFileSync(path, 'utf8') }));
const under = (...parts: string[]) => join(ACTION_NODE, ...parts);

describe('dependency direction in nodes/', () => {
	it('the rule finds a trigger → actions import and a cast through unknown (checks the checker)', () => {
		const trigger = join(NODES, 'HuaweiCloudIotdaTrigger', 'poll.ts');
		const bad = {
			path: trigger,
			source: "import { showTask } from '../HuaweiCloudIotda/actions/batchTask/taskLookup';\n",
		};
		expect(importsInto([bad], [under('actions')])).toEqual([
			'nodes/HuaweiCloudIotdaTrigger/poll.ts → ../HuaweiCloudIotda/actions/batchTask/taskLookup',
		]);
		expect(
			importsInto(
				[{ ...bad, source: "import { x } from '../HuaweiCloudIotda/api/batchTasks';" }],
				[under('actions')],
			),
		).toEqual([]);
		const cast = { path: trigger, source: 'const c = context as unknown as IExecuteFunctions;\n' };
		expect(castsThroughUnknown([cast])).toEqual(['nodes/HuaweiCloudIotdaTrigger/poll.ts:1']);
	});

	it('no file under nodes/HuaweiCloudIotdaTrigger/ imports from nodes/HuaweiCloudIotda/actions/', () => {
		const trigger = read(join(NODES, 'HuaweiCloudIotdaTrigger'));
		expect(trigger.length).toBeGreaterThan(3);
		expect(importsInto(trigger, [under('actions')])).toEqual([]);
	});

	it('helpers/ and transport/ import neither api/, actions/ nor methods/; helpers/ never imports transport/', () => {
		const lower = [...read(under('helpers')), ...read(under('transport'))];
		expect(importsInto(lower, [under('api'), under('actions'), under('methods')])).toEqual([]);
		expect(importsInto(read(under('helpers')), [under('transport')])).toEqual([]);
	});

	it('api/ imports no operation code (actions/, methods/)', () => {
		expect(importsInto(read(under('api')), [under('actions'), under('methods')])).toEqual([]);
	});

	it('no file under nodes/ casts through unknown (`as unknown as`)', () => {
		expect(castsThroughUnknown(read(NODES))).toEqual([]);
	});
});
