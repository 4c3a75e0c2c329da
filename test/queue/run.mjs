#!/usr/bin/env node
// `npm run test:queue` — our package in n8n 2.41.1 queue mode: one main (`n8n start`) and two
// `n8n worker` processes sharing Postgres and Redis (Debian's packages, installed with apt-get when
// missing, started here on free loopback ports and stopped at the end), the IoTDA emulator as the
// endpoint. Fires 200 concurrent webhook calls on the webhook example and checks that every call
// made exactly its task, that both workers ran executions, that signatures were accepted, what
// happens at IoTDA's 10-unfinished-task limit, that 20 Rollout → Advance runs at once make one wave, and
// that a worker without our package is detected.
// Exits 1 when any check fails. Work files and logs: .e2e/queue/
//
//   npm run test:queue                          everything
//   npm run test:queue -- --skip-build          reuse dist/
//   npm run test:queue -- --calls 500           another batch size (default 200)
//   npm run test:queue -- --concurrency 20      executions per worker at once (default 10)
//   npm run test:queue -- --rollout-rounds 5    repeat the rollout race (default 1) to measure its twins
//   npm run test:queue -- --worker-without-package   start worker-2 without our package: must FAIL
import fs from 'node:fs';
import path from 'node:path';
import { provisionN8n } from '../harness/provision-n8n.mjs';
import { buildAndPack, repoRoot } from '../harness/package-under-test.mjs';
import { stopAllBackground } from '../harness/processes.mjs';
import { QueueCluster } from './lib/queue-cluster.mjs';
import { ensureSystemPackages } from './lib/system-packages.mjs';
import { selfCheckVerifier } from './lib/verify-phase.selfcheck.mjs';
import { selfCheckRolloutRace } from './lib/verify-rollout-race.selfcheck.mjs';
import {
	limitPhase,
	negativePhase,
	retryPhase,
	rolloutRacePhase,
	scalePhase,
	WORKFLOWS,
} from './phases.mjs';

const args = process.argv.slice(2);
function option(name, fallback) {
	if (!args.includes(`--${name}`)) return fallback;
	const value = Number(args[args.indexOf(`--${name}`) + 1]);
	if (!Number.isInteger(value) || value < 1)
		throw new Error(`--${name} needs a positive whole number`);
	return value;
}
const CALLS = option('calls', 200);
const CONCURRENCY = option('concurrency', 10);
const ROLLOUT_ROUNDS = option('rollout-rounds', 1);
const brokenWorker = args.includes('--worker-without-package');
const workDir = path.join(repoRoot, '.e2e', 'queue');
const t0 = Date.now();
const say = (message) =>
	console.log(`[queue ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)}s] ${message}`);
const results = [];

function report(name, { failures, stats }) {
	results.push({ name, failures, stats });
	say(`${failures.length ? '✗' : '✓'} ${name}`);
	const perWorker = Object.entries(stats.executionsPerWorkerFromLogs)
		.map(([w, n]) => `${w} ${n}`)
		.join(', ');
	console.log(
		`    executions per worker: ${perWorker || 'none'} (recorded in execution_metadata: ${JSON.stringify(stats.executionsPerWorker)})`,
	);
	console.log(
		`    webhook calls ${stats.calls}, answered 201: ${stats.answered201}, error answers: ${stats.errorAnswers}`,
	);
	const relation = stats.tasksCreated === stats.calls ? '=' : '≠';
	console.log(
		`    tasks created ${stats.tasksCreated} ${relation} webhook calls ${stats.calls}, duplicates = ${stats.duplicates}, lost = ${stats.lost}`,
	);
	console.log(
		`    executions ${JSON.stringify(stats.executionsByStatus)}, 401s ${stats.unauthorized}, creates refused for the limit ${stats.limitRefusals}, executions failed naming the limit ${stats.limitErrorExecutions}`,
	);
	console.log(
		`    ${stats.wallSeconds}s: ${stats.callsPerSecond} calls/s, ${stats.tasksPerMinute} tasks/min, latency p50 ${stats.latencyMs.p50} ms, p95 ${stats.latencyMs.p95} ms, max ${stats.latencyMs.max} ms`,
	);
	console.log(
		`    execution records: queued p50 ${stats.queuedMs.p50} ms / p95 ${stats.queuedMs.p95} ms, run p50 ${stats.runMs.p50} ms / p95 ${stats.runMs.p95} ms`,
	);
	for (const text of stats.sampleErrors) console.log(`    execution error: ${text}`);
	if (stats.cpu) {
		const perProcess = Object.entries(stats.cpu.cpuSeconds)
			.map(([n, s]) => `${n} ${s}`)
			.join(', ');
		console.log(
			`    CPU while firing: machine ${stats.cpu.machineBusyPercent}% busy of ${stats.cpu.cores} cores; CPU seconds ${perProcess}`,
		);
	}
	for (const f of failures.slice(0, 15)) console.log(`    ✗ ${f}`);
	if (failures.length > 15) console.log(`    … ${failures.length - 15} more`);
}

function reportRace(name, { failures, stats }) {
	results.push({ name, failures, stats });
	say(`${failures.length ? '✗' : '✓'} ${name}`);
	console.log(
		`    ${stats.calls} calls in ${stats.wallSeconds}s; executions per worker ${JSON.stringify(stats.perWorker)}; decisions ${JSON.stringify(stats.decisions)}`,
	);
	console.log(
		`    wave-1 tasks created ${stats.tasksCreated}, twins stopped ${stats.twinsStopped} (all within ${stats.raceWindowMs} ms of the first create; a wave starts 60 s after it), creates refused for the limit ${stats.createsRefusedByLimit}`,
	);
	for (const f of failures.slice(0, 15)) console.log(`    ✗ ${f}`);
}

async function main() {
	// Old logs would be read as this run's (execution ids restart at 1 in a new database).
	fs.rmSync(workDir, { recursive: true, force: true });
	const verifierProblems = selfCheckVerifier();
	results.push({
		name: 'the checks report planted faults (duplicate, lost, idle worker, 401, silent drop…)',
		failures: verifierProblems,
	});
	say(
		`${verifierProblems.length ? '✗' : '✓'} the checks report every planted fault${verifierProblems.length ? `: ${verifierProblems.join(' | ')}` : ''}`,
	);
	const raceCheckProblems = selfCheckRolloutRace();
	results.push({
		name: 'the rollout race checks report planted faults (twin running or started, two waves…)',
		failures: raceCheckProblems,
	});
	say(
		`${raceCheckProblems.length ? '✗' : '✓'} the rollout race checks report every planted fault${raceCheckProblems.length ? `: ${raceCheckProblems.join(' | ')}` : ''}`,
	);
	const tarball = await buildAndPack(path.join(workDir, 'package'), {
		skipBuild: args.includes('--skip-build'),
	});
	say(`built our package: ${path.basename(tarball)}`);
	const runtime = await provisionN8n();
	const system = await ensureSystemPackages({
		logFile: path.join(workDir, 'package', 'apt.log'),
		log: say,
	});
	const cluster = new QueueCluster({
		runtime,
		system,
		tarball,
		workDir,
		workerConcurrency: CONCURRENCY,
		log: say,
	});
	try {
		await cluster.start({
			workflows: Object.values(WORKFLOWS),
			workersWithoutPackage: brokenWorker ? ['worker-2'] : [],
		});
		say(`▶ scale: ${CALLS} concurrent webhook calls`);
		report(
			'scale: every call creates exactly its task, both workers run executions',
			await scalePhase(cluster, { calls: CALLS }),
		);
		say('▶ limit: 25 calls while no task finishes');
		report(
			'limit: 10 tasks, the other calls fail naming the unfinished-task limit',
			await limitPhase(cluster),
		);
		say('▶ retry: 30 calls, tasks take ~1 s, Retry On Fail on the node');
		report(
			'limit + Retry On Fail: every call creates its task after waiting',
			await retryPhase(cluster),
		);
		for (let round = 1; round <= ROLLOUT_ROUNDS; round++) {
			say(
				`▶ rollout race${ROLLOUT_ROUNDS > 1 ? ` ${round}/${ROLLOUT_ROUNDS}` : ''}: 20 Rollout → Advance calls at once`,
			);
			reportRace(
				'rollout race: 20 Advance runs at once make one wave 1, every twin stopped before it starts',
				await rolloutRacePhase(cluster, { calls: 20, round }),
			);
		}
		if (!brokenWorker) {
			say('▶ negative: worker-2 restarted without our package, 40 calls');
			const negative = await negativePhase(cluster, { calls: 40 });
			const { stats } = negative.result;
			console.log(
				`    the scale checks reported ${negative.result.failures.length} failure(s), e.g. ${negative.result.failures.slice(0, 2).join(' | ')}`,
			);
			console.log(
				`    worker-2 ran ${negative.onWorker2} execution(s), ${negative.failedOnWorker2} failed: ${negative.reasons.join(' | ') || '(no error text found)'}`,
			);
			console.log(`    tasks created ${stats.tasksCreated} for ${stats.calls} calls`);
			results.push({
				name: 'negative: a worker without the package is detected',
				failures: negative.detected
					? []
					: ['the checks did not detect worker-2 without our package'],
			});
			say(`${negative.detected ? '✓' : '✗'} negative: a worker without the package is detected`);
		}
	} finally {
		await cluster.stop();
	}
}

main()
	.catch((error) => {
		results.push({ name: 'setup', failures: [error.message] });
		say(`✗ setup failed: ${error.stack || error.message}`);
	})
	.finally(async () => {
		await stopAllBackground();
		const failed = results.filter((r) => r.failures.length);
		if (fs.existsSync(workDir)) {
			const summary = {
				calls: CALLS,
				workerConcurrency: CONCURRENCY,
				brokenWorker,
				seconds: Math.round((Date.now() - t0) / 1000),
				results,
			};
			fs.writeFileSync(path.join(workDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
		}
		console.log(
			`\nqueue: ${results.length - failed.length} passed, ${failed.length} failed (${((Date.now() - t0) / 1000).toFixed(0)}s; logs in ${workDir})`,
		);
		for (const r of failed) console.log(`  ✗ ${r.name}: ${r.failures[0]}`);
		process.exitCode = failed.length || results.length === 0 ? 1 : 0;
	});
