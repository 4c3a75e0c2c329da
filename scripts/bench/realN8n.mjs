// Benchmark in a real n8n 2.41.1: 100,000 items handed to n8n's own No Operation node vs to our Create node
// (aggregate mode, against the emulator), read from n8n's own per-node executionTime. Medians of N runs.
//   npm run bench:n8n [-- --runs 5]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CREDENTIAL_TYPE, DEMO_CREDENTIAL } from '../../test/harness/examples.mjs';
import { freePort, stopAllBackground } from '../../test/harness/processes.mjs';
import { prepareStage } from '../../test/harness/stage.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const COUNT = 100_000;
const say = (m) => console.log(`[bench:n8n] ${m}`);

function workflow(id, dryRun) {
	const node = (name, type, parameters, x, extra = {}) => ({
		id: `${id}-${x}`,
		name,
		type,
		typeVersion: 1,
		position: [x * 220, 0],
		parameters,
		...extra,
	});
	const nodes = [
		node('Run', 'n8n-nodes-base.manualTrigger', {}, 0),
		node(
			'Make Items',
			'n8n-nodes-base.code',
			{
				jsCode: `return Array.from({ length: ${COUNT} }, (_, i) => ({ json: { device_id: 'bench-' + String(i).padStart(6, '0') } }));`,
			},
			1,
			{ typeVersion: 2 },
		),
		node('No Operation', 'n8n-nodes-base.noOp', {}, 2),
		node(
			'Create',
			'n8n-nodes-huaweicloud-iotda.huaweiCloudIotda',
			{
				resource: 'batchTask',
				operation: 'create',
				taskType: 'freezeDevices',
				taskName: `bench_${id}`,
				targetSource: 'deviceIds',
				deviceIds: '={{ $json.device_id }}',
				batchMode: 'aggregate',
				options: { dryRun },
			},
			3,
			{ credentials: { [CREDENTIAL_TYPE]: { ...DEMO_CREDENTIAL } } },
		),
	];
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name: `bench ${id}`, nodes, connections, active: false, settings: {} };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (run, name) => run.data.resultData.runData[name][0].executionTime;

async function main() {
	const stage = await prepareStage({
		workDir: path.join(repoRoot, '.e2e', 'bench-n8n'),
		port: await freePort(),
		emulator: { seed: 1, speed: 1800 },
		log: say,
	});
	await stage.emulator.configure?.({ maxUnfinishedPerSpace: 100000 });
	const rows = { noop: [], dry: [], create: [], calls: [] };
	for (let r = 0; r < RUNS; r++) {
		for (const dryRun of [true, false]) {
			const id = `iotdaBench${dryRun ? 'Dry' : 'Real'}${r}`;
			await stage.n8n.importWorkflows([workflow(id, dryRun)]);
			const result = await stage.n8n.execute(id);
			if (!result.ok) throw new Error(`${id} failed: ${result.error}`);
			rows.noop.push(time(result.run, 'No Operation'));
			(dryRun ? rows.dry : rows.create).push(time(result.run, 'Create'));
			if (!dryRun)
				rows.calls.push(result.run.data.resultData.runData.Create[0].data.main[0].length);
		}
		say(
			`run ${r + 1}/${RUNS}: no-op ${rows.noop.at(-1)} ms, Create dry run ${rows.dry.at(-1)} ms, Create ${rows.create.at(-1)} ms`,
		);
	}
	const noop = median(rows.noop);
	console.log(
		`\nReal n8n ${stage.runtime.n8nVersion}, ${COUNT.toLocaleString('en-US')} items, n8n's per-node executionTime, medians of ${RUNS} runs:\n`,
	);
	console.log('| Node | Time | vs No Operation |');
	console.log('| --- | ---: | ---: |');
	console.log(`| n8n's No Operation (handing the items over) | ${noop} ms | 1.00× |`);
	console.log(
		`| Create, Dry Run (reads Device IDs per item, validates, de-duplicates, splits) | ${median(rows.dry)} ms | ${(median(rows.dry) / noop).toFixed(2)}× |`,
	);
	console.log(
		`| Create against the emulator (+ signing and ${median(rows.calls)} requests) | ${median(rows.create)} ms | ${(median(rows.create) / noop).toFixed(2)}× |`,
	);
}

main()
	.catch((error) => {
		console.error(`[bench:n8n] failed: ${error.message}`);
		process.exitCode = 1;
	})
	.finally(stopAllBackground);
