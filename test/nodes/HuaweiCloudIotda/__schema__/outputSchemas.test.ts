/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Output schemas (`__schema__`, issue #16): n8n 2.41 serves `<node dir>/__schema__/v<x.y.z>/<resource>/<operation>.json`
 * to the editor (GET /schemas/<node type>/<x.y.z>/<resource>/<operation>.json → LoadNodesAndCredentials.resolveSchema,
 * exact version folder) and to the AI builder (createOutputSchemaLookup, with version fallback) — n8n-core 2.41.1
 * dist/nodes-loader/output-schema-resolver.js, n8n 2.41.1 dist/server.js. The editor keeps a schema only if it is an
 * object with `type` and non-empty `properties` (editor-ui schemaPreview store). Every operation has one, and each is
 * checked against the real output of that operation (Simplify on, the default) from the emulator: every field the
 * node outputs is declared with its type, nested objects and arrays included.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { homedir } from 'os';
import path from 'path';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Emulator } from '../../../emulator';
import { operationOutputs, type OperationKey } from '../../../helpers/operationOutputs';
import { nodeType } from '../../../helpers/engine';
import { startQuietEmulator } from '../../../fixtures/emulatorRun';

const nodeDir = path.join(__dirname, '../../../../nodes/HuaweiCloudIotda');

interface JsonSchema {
	type: string;
	description?: string;
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
	/** The value may also be null (OpenAPI's keyword; a rollout's next_check_at). */
	nullable?: boolean;
}

/** n8n-core 2.41.1 padVersion: 1 → "1.0.0", 1.1 → "1.1.0". */
const versionFolder = (version: number) =>
	`v${String(version).split('.').concat(['0', '0']).slice(0, 3).join('.')}`;

/** Every node version (n8n looks in the exact version's folder); the outputs are the same in each. */
const VERSIONS = [nodeType.description.version].flat();

function schemaPath(key: OperationKey, version = VERSIONS[0]): string {
	return path.join(nodeDir, '__schema__', versionFolder(version), `${key}.json`);
}

const readSchema = (key: OperationKey) =>
	JSON.parse(readFileSync(schemaPath(key), 'utf8')) as JsonSchema;

/** Every resource/operation pair the node offers, from its description. */
function offeredOperations(): OperationKey[] {
	const properties = nodeType.description.properties;
	const resources = properties.find((p) => p.name === 'resource')!.options as Array<{
		value: string;
	}>;
	return resources.flatMap(({ value: resource }) => {
		const operation = properties.find(
			(p: INodeProperties) =>
				p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		)!;
		return (operation.options as Array<{ value: string }>).map(
			({ value }) => `${resource}/${value}` as OperationKey,
		);
	});
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

/** Where `value` departs from `schema` ("path: problem"), empty when it conforms. */
function mismatches(value: unknown, schema: JsonSchema, at: string): string[] {
	const actual = typeOf(value);
	const fits =
		actual === schema.type ||
		(actual === 'integer' && schema.type === 'number') ||
		(actual === 'null' && schema.nullable === true);
	if (!fits) return [`${at}: is ${actual}, schema says ${schema.type}`];
	if (actual === 'array')
		return (value as unknown[]).flatMap((v, i) =>
			mismatches(v, schema.items ?? { type: 'undefined' }, `${at}[${i}]`),
		);
	if (actual !== 'object') return [];
	return Object.entries(value as IDataObject).flatMap(([key, v]) => {
		const declared = schema.properties?.[key];
		return declared ? mismatches(v, declared, `${at}.${key}`) : [`${at}.${key}: not in the schema`];
	});
}

let emulator: Emulator;
let outputs: Map<OperationKey, IDataObject[]>;
beforeAll(async () => {
	emulator = await startQuietEmulator();
	outputs = await operationOutputs(emulator);
});
afterAll(async () => emulator?.close());

describe('__schema__ output schemas', () => {
	it('exist for every operation, where n8n 2.41 looks for them, as schemas the editor accepts', () => {
		const offered = offeredOperations();
		expect(offered).toHaveLength(18);
		for (const key of offered) {
			expect([key, existsSync(schemaPath(key))]).toEqual([key, true]);
			// Every version has its folder (version 2's simplified times and spelling: simplify.test.ts).
			for (const version of VERSIONS)
				expect([key, version, existsSync(schemaPath(key, version))]).toEqual([key, version, true]);
			const schema = readSchema(key);
			expect([key, schema.type, Object.keys(schema.properties ?? {}).length > 0]).toEqual([
				key,
				'object',
				true,
			]);
		}
		// No schema for an operation the node does not have (a renamed operation would leave one behind).
		const shipped = readdirSync(path.join(nodeDir, '__schema__', 'v1.0.0'), {
			recursive: true,
			encoding: 'utf8',
		})
			.filter((f) => f.endsWith('.json'))
			.map((f) =>
				f
					.replace(/\.json$/, '')
					.split(path.sep)
					.join('/'),
			);
		expect(shipped.sort()).toEqual([...offered].sort());
	});

	it('describe the real output of every operation (every field declared, with its type)', () => {
		expect([...outputs.keys()].sort()).toEqual(offeredOperations().sort());
		for (const [key, items] of outputs) {
			expect([key, items.length > 0]).toEqual([key, true]);
			const schema = readSchema(key);
			expect([key, items.flatMap((json, i) => mismatches(json, schema, `${key}[${i}]`))]).toEqual([
				key,
				[],
			]);
		}
	});

	it('declare no field the operation never outputs at the top level', () => {
		for (const [key, items] of outputs) {
			const seen = new Set(items.flatMap((json) => Object.keys(json)));
			// Fields that need a situation these runs do not create: a reused or recovered task, an older server's
			// upgrade document, a sub-task output, a Stop/Retry/Confirm resent after a lost answer (lostAnswer.test.ts).
			const situational = [
				'existing',
				'recovered_after',
				'upgrade_document_note',
				'output',
				'message',
				'done_by_earlier_call',
			];
			const unseen = Object.keys(readSchema(key).properties!).filter(
				(field) => !seen.has(field) && !situational.includes(field),
			);
			expect([key, unseen]).toEqual([key, []]);
		}
	});

	it('catches an output field the schema does not declare (the check can fail)', () => {
		expect(
			mismatches({ task_id: 'x', targets: ['d1'] }, readSchema('batchTask/getAll'), 'out'),
		).toEqual(['out.targets: not in the schema']);
		expect(mismatches({ device_count: '3' }, readSchema('batchTask/getAll'), 'out')).toEqual([
			'out.device_count: is string, schema says integer',
		]);
	});
});

/** The n8n 2.41.1 install `npm run provision:n8n` makes, if present (the e2e tests use it too). */
function installedN8nCore(): string | undefined {
	const root =
		process.env.N8N_IOTDA_CACHE_DIR ??
		path.join(
			process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'),
			'n8n-nodes-huaweicloud-iotda',
		);
	if (!existsSync(root)) return undefined;
	const install = readdirSync(root).find(
		(d) => d.startsWith('n8n-2.41.1-') && existsSync(path.join(root, d, '.complete')),
	);
	return (
		install &&
		path.join(
			root,
			install,
			'n8n',
			'node_modules',
			'n8n-core',
			'dist',
			'nodes-loader',
			'output-schema-resolver.js',
		)
	);
}

const resolver = installedN8nCore();
(resolver ? describe : describe.skip)('__schema__ as the installed n8n 2.41.1 resolves it', () => {
	it('the editor route (exact version) and the AI builder lookup (version fallback) find every schema', () => {
		const { resolveOutputSchemaPath, loadOutputSchema } = require(resolver!);
		for (const key of offeredOperations()) {
			const [resource, operation] = key.split('/');
			expect(resolveOutputSchemaPath({ nodeDir, version: 1, resource, operation })).toBe(
				schemaPath(key),
			);
			expect(
				loadOutputSchema({ nodeDir, version: 1, resource, operation, versionFallback: true }),
			).toEqual(readSchema(key));
		}
	});
});
