/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Through n8n's engine and n8n-core's HTTP client: TLS is verified by default; "Ignore SSL Issues" — on the credential or as a node option — lets a request to
 * a self-signed endpoint through. A TLS front (test-only self-signed certificate) forwards to the emulator.
 */
import { readFileSync } from 'fs';
import http from 'http';
import https from 'https';
import type { AddressInfo } from 'net';
import { join } from 'path';

import { HuaweiCloudIotdaApi } from '../../../../credentials/HuaweiCloudIotdaApi.credentials';
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../../emulator';
import { credentialsFor } from '../../../helpers/emulatorCredentials';
import { runNode } from '../../../helpers/engine';

let emulator: Emulator;
let front: https.Server;
let frontUrl: string;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0 });
	const target = new URL(emulator.url);
	front = https.createServer(
		{
			key: readFileSync(join(__dirname, '../../../fixtures/tls/key.pem')),
			cert: readFileSync(join(__dirname, '../../../fixtures/tls/cert.pem')),
		},
		(req, res) => {
			// Forward byte for byte; the Host header stays as signed (the front's address).
			const upstream = http.request(
				{
					host: target.hostname,
					port: target.port,
					method: req.method,
					path: req.url,
					headers: req.headers,
				},
				(up) => {
					res.writeHead(up.statusCode ?? 502, up.headers);
					up.pipe(res);
				},
			);
			req.pipe(upstream);
		},
	);
	await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
	frontUrl = `https://127.0.0.1:${(front.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await new Promise((r) => front?.close(r));
	await emulator?.close();
});

const create = (taskName: string, credentialExtra: Record<string, unknown>, options = {}) =>
	runNode({
		parameters: {
			resource: 'batchTask',
			operation: 'create',
			taskType: 'freezeDevices',
			taskName,
			deviceIds: 'dev-0001',
			options,
		},
		credentials: credentialsFor(DEFAULT_ACCOUNT, frontUrl, credentialExtra),
	});

describe('TLS', () => {
	it('is verified by default: a self-signed endpoint is refused and nothing is created', async () => {
		const error = await create('tls_default', {}, { maxAttempts: 1 }).catch((e: Error) => e);
		expect((error as Error).message).toMatch(
			/^Create batch task "tls_default" failed: .*(self[- ]signed|certificate)/i,
		);
		expect(emulator.tasksNamed('tls_default')).toHaveLength(0);
	});

	it('Ignore SSL Issues on the credential lets runtime requests through', async () => {
		const [out] = await create('tls_credential', { ignoreSslIssues: true });
		expect(out.json.task_name).toBe('tls_credential');
	});

	it('Ignore SSL Issues as a node option lets the request through', async () => {
		const [out] = await create('tls_option', {}, { allowUnauthorizedCerts: true });
		expect(out.json.task_name).toBe('tls_option');
	});

	it('the credential test request follows the credential setting', () => {
		expect(new HuaweiCloudIotdaApi().test.request.skipSslCertificateValidation).toBe(
			'={{$credentials.ignoreSslIssues}}',
		);
	});
});
