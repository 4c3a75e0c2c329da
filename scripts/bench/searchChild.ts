/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Row 5, one run in its own process (--expose-gc): Create → Dry Run with Target Source "Devices Matching a
 * Search" (firmware version is not V1.2.0) over a product of 100,000 devices of which 30,000 are behind, on a
 * Standard instance (SearchDevices, 1 request/s) or a Basic one (the node's fallback: ListDevices over the
 * whole product, the naive way).
 *
 * Time: the emulator's clock and the node's (helpers/clock `now`/`pause`, replaced in this process as the
 * tests' fastClock does) both run SPEED times faster, so the pacer's 1 s and the emulator's 1 request/s rule
 * hold in emulated time while the run takes seconds. `emulatedSeconds` is the emulated time the resolution
 * took (SPEED × wall time: the emulator's own processing time is counted SPEED times over, so it is an upper
 * bound); `pacedSeconds` is what the pacer waited for the rate.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, startEmulator } from '../../test/emulator';
import { credentialsFor } from '../../test/helpers/emulatorCredentials';
import { runNode } from '../../test/helpers/engine';

export interface SearchRun {
	edition: string;
	devices: number;
	behind: number;
	targets: number;
	searchRequests: number;
	listRequests: number;
	emulatedSeconds: number;
	pacedSeconds: number;
	wallSeconds: number;
	/** Heap + external above the level before the run, sampled every ms; and held after it (output included). */
	peakBytes: number;
	retainedBytes: number;
	foundBy: string;
}

const TOTAL = 100_000;
const X = 'V1.2.0';

/** The node's clock, SPEED times faster (what test/helpers/fastClock.ts does under jest). */
function fastNodeClock(speed: number): { pausedMs: () => number } {
	const clock = require('../../nodes/HuaweiCloudIotda/helpers/clock');
	const realPause = clock.pause;
	const start = Date.now();
	let paused = 0;
	clock.now = () => start + (Date.now() - start) * speed;
	clock.pause = async (ms: number, signal?: AbortSignal) => {
		paused += Math.max(0, ms);
		return await realPause(ms / speed, signal);
	};
	return { pausedMs: () => paused };
}

const gc = (globalThis as { gc?: () => void }).gc!;
const used = () => {
	const m = process.memoryUsage();
	return m.heapUsed + m.external;
};

async function main(edition: 'standard' | 'basic', speed: number): Promise<SearchRun> {
	const clock = fastNodeClock(speed);
	const emu = await startEmulator({ port: 0, seed: 5, speed });
	try {
		emu.setEdition(edition);
		const catalog = emu.state().catalog;
		const product = catalog.products.find((p) => p.name === 'SmartSwitch')!;
		const pkg = catalog.packages.find(
			(p) => p.product_id === product.product_id && p.version === X,
		)!;
		// The seeded devices of the product count too: the first 30 behind, the others on X; then 3 in 10 behind.
		const seeded = [...catalog.deviceRecords.values()].filter(
			(d) => d.product_id === product.product_id,
		);
		seeded.forEach((d, n) => (d.fw_version = n < 30 ? 'V1.0.0' : X));
		emu.addDevices({
			count: TOTAL - seeded.length,
			prefix: 'fleet',
			productId: product.product_id,
			attrs: (n) => ({ fw_version: n % 10 < 3 ? 'V1.0.0' : X }),
		});
		const behind = [...catalog.deviceRecords.values()].filter(
			(d) => d.product_id === product.product_id && d.fw_version !== X,
		).length;
		const parameters = {
			resource: 'batchTask',
			operation: 'create',
			taskType: 'firmwareUpgrade',
			taskName: 'bench_behind',
			packageId: pkg.package_id,
			targetSource: 'deviceSearch',
			searchProductId: product.product_id,
			searchFirmwareMatch: 'isNot',
			searchFirmwareVersions: X,
			options: { dryRun: true },
		} as INodeParameters;
		emu.requestLog.clear();
		gc();
		const base = used();
		let peak = base;
		const sampler = setInterval(() => (peak = Math.max(peak, used())), 1);
		const wallStart = Date.now();
		const emuStart = emu.clock.now();
		const pausedBefore = clock.pausedMs();
		const output = await runNode({
			parameters,
			credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
		});
		const wallSeconds = (Date.now() - wallStart) / 1000;
		const emulatedSeconds = (emu.clock.now() - emuStart) / 1000;
		clearInterval(sampler);
		peak = Math.max(peak, used());
		const searchRequests = emu.log.filter((e) => e.path.endsWith('/search/query-devices')).length;
		const listRequests = emu.log.filter(
			(e) => e.method === 'GET' && e.path.endsWith('/devices'),
		).length;
		emu.requestLog.clear();
		gc();
		const retained = used() - base;
		const first = output[0].json;
		return {
			edition,
			devices: seeded.length + (TOTAL - seeded.length),
			behind,
			targets: output.reduce((sum, o) => sum + Number(o.json.device_count), 0),
			searchRequests,
			listRequests,
			emulatedSeconds,
			pacedSeconds: (clock.pausedMs() - pausedBefore) / 1000,
			wallSeconds,
			peakBytes: peak - base,
			retainedBytes: retained,
			foundBy: String(first.found_by),
		};
	} finally {
		await emu.close();
	}
}

main(process.argv[2] === 'basic' ? 'basic' : 'standard', Number(process.argv[3] ?? 50)).then(
	(result) => process.stdout.write(JSON.stringify(result) + '\n'),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
