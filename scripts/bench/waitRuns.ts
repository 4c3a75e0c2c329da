/** Row 4: runs waitChild.ts `runs` times, each in a fresh process (its timers are scaled), one after another. */
import { runTsChild } from './spawnTs';
import type { WaitRun } from './waitChild';

export async function benchWait(runs = 5, speed = 100): Promise<WaitRun[]> {
	const results: WaitRun[] = [];
	for (let i = 0; i < runs; i++)
		results.push(JSON.parse(await runTsChild('waitChild.ts', [String(speed)])) as WaitRun);
	return results;
}
