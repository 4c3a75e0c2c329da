#!/usr/bin/env node
// Smoke check of the n8n setup alone (no emulator): provision n8n, build + install our
// package, start n8n, create the owner, and check that n8n lists our node type and our
// credential type. Exits non-zero when anything is missing.
//
//   node test/e2e/smoke.mjs [--skip-build]
import fs from 'node:fs';
import path from 'node:path';
import { N8nInstance } from '../../scripts/lib/n8n-instance.mjs';
import { buildAndPack, packageName, repoRoot } from '../../scripts/lib/package-under-test.mjs';
import { freePort, stopAllBackground } from '../../scripts/lib/processes.mjs';
import { provisionN8n } from '../../scripts/provision-n8n.mjs';

const NODE_TYPE = `${packageName}.huaweiCloudIotda`;
const CREDENTIAL_TYPE = 'huaweiCloudIotdaApi';

const t0 = Date.now();
const stamp = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

async function main() {
	const workDir = path.join(repoRoot, '.e2e', 'smoke');
	fs.rmSync(workDir, { recursive: true, force: true });
	const runtime = await provisionN8n();
	stamp(`n8n ${runtime.n8nVersion} at ${runtime.appDir}`);
	const tarball = await buildAndPack(workDir, { skipBuild: process.argv.includes('--skip-build') });
	stamp(`built and packed ${path.basename(tarball)}`);
	const n8n = new N8nInstance(runtime, { workDir, port: await freePort() });
	await n8n.installPackage(tarball);
	await n8n.start();
	stamp(`n8n start ready on ${n8n.baseUrl}`);
	await n8n.setupOwner();
	const nodes = await n8n.getJson('/types/nodes.json');
	const credentials = await n8n.getJson('/types/credentials.json');
	const node = nodes.find((n) => n.name === NODE_TYPE);
	const credential = credentials.find((c) => c.name === CREDENTIAL_TYPE);
	await n8n.stop();
	if (!node) throw new Error(`n8n does not list node type ${NODE_TYPE} (${nodes.length} types listed)`);
	if (!credential) throw new Error(`n8n does not list credential type ${CREDENTIAL_TYPE}`);
	stamp(`n8n lists node "${node.displayName}" (${NODE_TYPE}, version ${node.version}) and credential "${credential.displayName}"`);
	stamp('SMOKE OK');
}

main()
	.catch((error) => {
		console.error(`SMOKE FAILED: ${error.message}`);
		process.exitCode = 1;
	})
	.finally(stopAllBackground);
