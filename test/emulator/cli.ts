/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// `npm run emulator -- --port 8080 --seed 1 --speed 60 [--failure-rate 0.1]`: runs until SIGINT.
import { startEmulator } from './emulator';

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
	const num = (name: string, def: number) => {
		const v = arg(name);
		if (v === undefined) return def;
		const n = Number(v);
		if (!Number.isFinite(n)) throw new Error(`--${name} needs a number, got ${v}`);
		return n;
	};
	const emu = await startEmulator({
		port: num('port', 8080),
		seed: num('seed', 1),
		speed: num('speed', 60),
		failureRate: num('failure-rate', 0),
	});
	console.log(
		`IoTDA emulator listening on ${emu.url} (seed ${emu.config.seed}, speed ${emu.clock.speed}x, failure rate ${emu.config.failureRate})`,
	);
	console.log('Seeded accounts (fake test credentials):');
	for (const a of emu.accounts) {
		const extra = [
			a.requireInstanceId ? `Instance-Id ${a.instanceId} (required)` : '',
			a.securityToken ? `security token ${a.securityToken}` : '',
		]
			.filter(Boolean)
			.join(', ');
		console.log(
			`  ${a.name}: AK ${a.ak}  SK ${a.sk}  project ${a.projectId}  region ${a.region}${extra ? '  ' + extra : ''}`,
		);
	}
	const s = emu.state();
	console.log(
		`Default resource space ${s.catalog.defaultAppId}; devices dev-0001..dev-0200; admin API at ${emu.url}/__admin/state`,
	);
	process.on('SIGINT', () => {
		void emu.close().then(() => process.exit(0));
	});
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
