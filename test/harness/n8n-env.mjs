// Environment for every n8n process we start: its own user folder, a fixed encryption
// key (so imported credentials decrypt in every later command), no telemetry or other
// outbound calls, loopback only, and a broker port of its own (every n8n process binds
// the task-runner broker port; two processes on the same port fail).
import path from 'node:path';

// Not a secret: it only protects the throwaway credentials of a local demo/test folder.
export const LOCAL_ENCRYPTION_KEY = 'n8n-nodes-huaweicloud-iotda-local-e2e-key';

export function n8nEnv(
	runtime,
	{ userFolder, filesDir, port = 5678, brokerPort, logLevel = 'info' },
) {
	if (!brokerPort) throw new Error('n8nEnv: brokerPort is required');
	return {
		...process.env,
		// n8n 2.36+ needs Node 24; n8n spawns its JS task runner as plain `node` from PATH.
		PATH: `${runtime.nodeBinDir}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: LOCAL_ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		// 2.x: else `n8n start` fetches api.n8n.io. 1.x has no such module and refuses to start on an unknown name.
		...(runtime.majorVersion >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_VERIFIED_PACKAGES_ENABLED: 'false', // else the editor makes the server fetch api(-staging).n8n.io
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		// Activated workflows register their webhooks through an outbox polled every 15 s by default.
		N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '1000',
		// Read/Write Files from Disk may only touch this folder (n8n's default is ~/.n8n-files).
		N8N_RESTRICT_FILE_ACCESS_TO: filesDir,
		// Schedules and $now in this machine's time zone (n8n's default is America/New_York).
		GENERIC_TIMEZONE:
			process.env.GENERIC_TIMEZONE || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_LEVEL: logLevel,
	};
}
