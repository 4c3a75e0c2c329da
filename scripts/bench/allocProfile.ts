/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Optional allocation profile of a measured run (BENCH_ALLOC_PROFILE=<dir>): V8's sampling heap profiler
 * with objects collected by GC included, so it shows everything a run allocates, not only what survives.
 * Open the .heapprofile in Chrome DevTools (Memory tab), or summarise it with allocSummary.mjs.
 */
import fs from 'fs';
import path from 'path';
import { Session } from 'inspector';

export async function withAllocationProfile<T>(
	dir: string | undefined,
	name: string,
	run: () => Promise<T>,
): Promise<T> {
	if (!dir) return await run();
	const session = new Session();
	session.connect();
	const post = (method: string, params?: object) =>
		new Promise<any>((resolve, reject) =>
			session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))),
		);
	await post('HeapProfiler.startSampling', {
		samplingInterval: 16384,
		includeObjectsCollectedByMajorGC: true,
		includeObjectsCollectedByMinorGC: true,
	});
	try {
		return await run();
	} finally {
		const { profile } = await post('HeapProfiler.stopSampling');
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, `${name}-${process.pid}.heapprofile`), JSON.stringify(profile));
		session.disconnect();
	}
}
