// The output schemas as a running `n8n start` serves them to the editor: GET /schemas/<node type>/<x.y.z>/<resource>/
// <operation>.json (n8n 2.41 dist/server.js → LoadNodesAndCredentials.resolveSchema, installed package's dist/), for
// every operation the installed node offers, equal to the files in the package; an unknown operation is a 404.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageName, repoRoot } from '../../harness/package-under-test.mjs';
import { check, checkEqual } from '../lib/check.mjs';

export const name =
	'output schemas served by n8n start for every operation (editor schema preview, AI builder)';

export async function run({ n8n }) {
	const nodeType = `${packageName}.huaweiCloudIotda`;
	const described = (await n8n.getJson('/types/nodes.json')).find((n) => n.name === nodeType);
	check(described, 'n8n does not list our node type');
	const resources = described.properties
		.find((p) => p.name === 'resource')
		.options.map((o) => o.value);
	const served = [];
	for (const resource of resources) {
		const operations = described.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		);
		for (const { value: operation } of operations.options) {
			const schema = await n8n.getJson(`/schemas/${nodeType}/1.0.0/${resource}/${operation}.json`);
			const file = path.join(
				repoRoot,
				'dist',
				'nodes',
				'HuaweiCloudIotda',
				'__schema__',
				'v1.0.0',
				resource,
				`${operation}.json`,
			);
			checkEqual(
				schema,
				JSON.parse(readFileSync(file, 'utf8')),
				`schema of ${resource}/${operation}`,
			);
			served.push(`${resource}/${operation}`);
		}
	}
	// Every schema file the package ships belongs to an offered operation that n8n serves.
	const schemaDir = path.join(repoRoot, 'nodes', 'HuaweiCloudIotda', '__schema__', 'v1.0.0');
	const shipped = readdirSync(schemaDir, { recursive: true }).filter((f) =>
		String(f).endsWith('.json'),
	);
	checkEqual(served.length, shipped.length, 'operations with a served schema');
	const missing = await fetch(
		`${n8n.baseUrl}/schemas/${nodeType}/1.0.0/batchTask/noSuchOperation.json`,
	);
	checkEqual(missing.status, 404, 'HTTP status for an operation without a schema');
	return `${served.length} schemas served, e.g. batchTask/create`;
}
