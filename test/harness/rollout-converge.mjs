// Rollout → Advance in a real n8n, one step per execution (issue #27): the example
// examples/scheduled-rollout-advance.json imported with its own id, settings and an HTTP trigger, a fleet
// registered in the emulator, the emulator clock moved between steps, steps run by `n8n execute` or over HTTP
// on `n8n start`, and `n8n start` restarted between two steps. Shared by the e2e case
// (test/e2e/cases/rollout-advance.mjs) and the demo (scripts/demo.mjs); the e2e case asserts, the demo prints.
import { randomUUID } from 'node:crypto';
import { loadExample, nodeNamed, setAssignment, withCredential } from './examples.mjs';
import { N8nInstance } from './n8n-instance.mjs';

export const ADVANCE_EXAMPLE = 'scheduled-rollout-advance.json';
export const SETTINGS_NODE = 'Rollout Settings';
export const ADVANCE_NODE = 'Advance Rollout';
export const ROUTE_NODE = 'Route on Decision';
const SCHEDULE_NODE = 'Every 15 Minutes';
const HTTP_NODE = 'Step over HTTP';

/** Emulator time a wave needs after its creation: it starts 60 s later and its sub-tasks take seconds. */
export const WAVE_RUN_MS = 10 * 60_000;
const DAY_MS = 24 * 3600_000;

/**
 * The example's routing: decision → the message node its Switch output leads to (read from the example,
 * so the example stays the one source).
 */
export function messageNodeOf(workflow = loadExample(ADVANCE_EXAMPLE)) {
	const rules = nodeNamed(workflow, ROUTE_NODE).parameters.rules.values;
	const outputs = workflow.connections[ROUTE_NODE].main;
	return Object.fromEntries(rules.map((rule, i) => [rule.outputKey, outputs[i][0].node]));
}

/**
 * A copy of the example for one rollout: workflow `id`, the demo credential, the Rollout Settings `settings`
 * ({rolloutName, productId, firmwarePackageId, targetVersion}), and a Webhook trigger on POST /webhook/`path`
 * answering with the message node's item. The Schedule Trigger is removed: the caller takes every step, and a
 * quarter-hour tick during a run would add a step of its own.
 */
export function advanceWorkflow({ id, path, settings }) {
	const workflow = withCredential(loadExample(ADVANCE_EXAMPLE));
	workflow.id = id;
	workflow.name = `${workflow.name} (${id})`;
	for (const [field, value] of Object.entries(settings))
		setAssignment(workflow, SETTINGS_NODE, field, value);
	workflow.nodes = workflow.nodes.filter((n) => n.name !== SCHEDULE_NODE);
	delete workflow.connections[SCHEDULE_NODE];
	workflow.nodes.push({
		id: randomUUID(),
		name: HTTP_NODE,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, -200],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
	});
	workflow.connections[HTTP_NODE] = {
		main: [[{ node: SETTINGS_NODE, type: 'main', index: 0 }]],
	};
	return workflow;
}

/** The example's Minimum Soak Time in emulator milliseconds. */
export function soakMsOf(workflow) {
	return Number(nodeNamed(workflow, ADVANCE_NODE).parameters.soakHours) * 3600_000;
}

/**
 * How the clock moves after a step (emulator ms, or to the step's next_check_at + 1 s): `wave` lets a new wave
 * run but not soak, `soak` lets it run and soak, `next` goes to when the step said it can act, `day` a day on.
 */
function clockMove(then, out, soakMs) {
	if (then === 'wave') return WAVE_RUN_MS;
	if (then === 'soak') return soakMs + WAVE_RUN_MS;
	if (then === 'day') return DAY_MS;
	if (then === 'next') return Date.parse(out.next_check_at) + 1000 - Date.parse(out.read_at);
	return 0;
}

/** The firmware the fleets report before their rollout (the package installs the product's target version). */
export const FROM_VERSION = 'V1.9.0';

/**
 * A converging rollout of 1,000 devices with one n8n restart: step 1 creates wave 1; step 2 finds it ended
 * but not soaked; `n8n start` is restarted after step 3; every later step creates the next wave once the last
 * one has soaked; the last step finds every device on the version. `via`: `cli` = `n8n execute`, `server` =
 * POST to the workflow's webhook on `n8n start`.
 */
export const CONVERGE_ROLLOUT = Object.freeze({
	id: 'iotdaConverge001',
	path: 'rollout-converge-step',
	rollout: 'fw_meters_converge',
	prefix: 'conv',
	count: 1000,
	failing: [],
	script: [
		{ via: 'cli', then: 'wave' },
		{ via: 'cli', then: 'next' },
		{ via: 'server', then: 'soak', restartAfter: true },
		{ via: 'server', then: 'soak' },
		{ via: 'cli', then: 'soak' },
		{ via: 'server' },
	],
});

/**
 * A rollout of 100 devices whose wave 2 (devices 6–25 in ID order) has 5 failing devices, 75 % < 95 %: wave
 * 1; the same moment again (wave 1 still scheduled: waiting); wave 2; its failures halt the rollout; a day
 * and a step later it is still halted.
 */
export const HALT_ROLLOUT = Object.freeze({
	id: 'iotdaHaltWave002',
	path: 'rollout-halt-step',
	rollout: 'fw_meters_halt',
	prefix: 'halt',
	count: 100,
	failing: [6, 7, 8, 9, 10].map((n) => `halt-${String(n).padStart(6, '0')}`),
	script: [
		{ via: 'server' },
		{ via: 'server', then: 'soak' },
		{ via: 'server', then: 'soak' },
		{ via: 'server', then: 'day' },
		{ via: 'server' },
	],
});

/**
 * Runs one rollout (`spec`: CONVERGE_ROLLOUT, HALT_ROLLOUT) in one n8n (N8nInstance `n8n`) against the
 * emulator (EmulatorProcess) with firmware package `pkg` ({package_id, product_id, version}). prepare()
 * imports its workflow (n8n's CLI imports: run it before `n8n start`).
 */
export class RolloutDriver {
	constructor({ n8n, emulator, spec, pkg }) {
		Object.assign(this, { n8n, emulator, spec, pkg, path: spec.path });
		this.workflow = advanceWorkflow({
			id: spec.id,
			path: spec.path,
			settings: {
				rolloutName: spec.rollout,
				productId: pkg.product_id,
				firmwarePackageId: pkg.package_id,
				targetVersion: pkg.version,
			},
		});
		this.soakMs = soakMsOf(this.workflow);
		this.routes = messageNodeOf(this.workflow);
	}

	async prepare() {
		await this.n8n.importWorkflows([this.workflow]);
	}

	/** Starts `n8n start` when it is not running (the owner once), and publishes the workflow once. */
	async ensureServer() {
		if (!this.n8n.server) await this.n8n.start();
		if (!this.n8n.cookie) await this.n8n.setupOwner();
		if (!this.active) await this.n8n.activateWorkflow(this.workflow.id);
		this.active = true;
	}

	async restartServer() {
		await this.n8n.stop();
		await this.ensureServer();
	}

	/** One Advance execution: {out (the Advance item), message, route (message node; cli only), via, pid, ms}. */
	async step(via) {
		const started = Date.now();
		if (via === 'cli') {
			const result = await this.n8n.execute(this.workflow.id);
			if (!result.ok)
				throw new Error(`n8n execute failed: ${result.error} (log ${result.logFile})`);
			const [out] = N8nInstance.nodeOutput(result.run, ADVANCE_NODE) ?? [];
			const ran = Object.values(this.routes).filter((n) => result.run.data.resultData.runData[n]);
			const message = ran.length ? N8nInstance.nodeOutput(result.run, ran[0])[0]?.message : '';
			return { out, message, route: ran.join(','), via, pid: null, ms: Date.now() - started };
		}
		await this.ensureServer();
		const { res, text } = await this.n8n.postWebhook(this.path, {});
		if (!res.ok) throw new Error(`POST /webhook/${this.path}: HTTP ${res.status} ${text}`);
		const { message, ...out } = JSON.parse(text);
		return { out, message, route: null, via, pid: this.n8n.server.pid, ms: Date.now() - started };
	}

	/**
	 * Registers the spec's fleet (its failing devices made to fail), then runs its script: each entry one step,
	 * then the clock move and the restart it names. `onStep(record, index)` sees every step as it ends.
	 * Returns the step records (see step()).
	 */
	async run(onStep = () => {}) {
		const { prefix, count, failing, script } = this.spec;
		if (failing.length) await this.emulator.configure({ failTargets: failing });
		await this.emulator.admin('POST', 'devices', {
			count,
			prefix,
			product_id: this.pkg.product_id,
			fw_versions: [FROM_VERSION],
		});
		const records = [];
		for (const [index, { via, then, restartAfter }] of script.entries()) {
			const record = await this.step(via);
			record.clockMovedMs = clockMove(then, record.out, this.soakMs);
			records.push(record);
			onStep(record, index);
			if (record.clockMovedMs > 0)
				await this.emulator.configure({ advanceMs: record.clockMovedMs });
			if (restartAfter) await this.restartServer();
		}
		return records;
	}
}

/**
 * The emulator's firmware package for the rollouts: WaterMeterPro's, whose seeded devices all report its
 * version already, so a search "product, firmware is not the version" finds exactly a fleet registered behind.
 */
export async function rolloutPackage(client) {
	const { packages = [] } = await client.listOtaPackages('firmwarePackage');
	const pkg = packages.find((p) => p.product_name === 'WaterMeterPro');
	if (!pkg) throw new Error(`no WaterMeterPro firmware package in ${JSON.stringify(packages)}`);
	return pkg;
}

/**
 * Resets the emulator (tasks and registered devices gone; the same seed gives the same catalog) so that the
 * next rollout's search sees its own fleet only; throws when the package `pkg` the workflows name changed.
 */
export async function resetEmulator(emulator, client, pkg) {
	await emulator.reset();
	const now = await rolloutPackage(client);
	if (now.package_id !== pkg.package_id)
		throw new Error(`package ${pkg.package_id} is ${now.package_id} after an emulator reset`);
}

/** The emulator's devices whose ID starts with `prefix-`, with the firmware they report now. */
export async function fleetVersions(emulator, prefix) {
	const { devices } = await emulator.admin('GET', 'devices');
	return devices.filter((d) => d.device_id.startsWith(`${prefix}-`));
}

/**
 * The emulator clock at real speed for `fn` (so a step's seconds are seconds and only the moves pass hours),
 * then back to the speed it had.
 */
export async function atRealSpeed(emulator, fn) {
	const { config } = await emulator.state();
	await emulator.configure({ speed: 1 });
	try {
		return await fn();
	} finally {
		await emulator.configure({ speed: config.speed });
	}
}

/** Every sub-task of task `taskId` as ShowBatchTask pages it: [{target, status}]. */
export async function subTasksOf(client, taskId) {
	const details = [];
	let marker;
	for (;;) {
		const page = await client.showBatchTask(taskId, marker ? { marker } : {});
		details.push(...(page.task_details ?? []));
		marker = page.page?.marker;
		if (!marker || (page.task_details ?? []).length < 50) return details;
	}
}

/** One line per step: how it ran, the decision, the wave, devices on the target version, requests, seconds. */
export function stepLine(record, index, targetVersion) {
	const { out } = record;
	const how = record.via === 'cli' ? 'n8n execute' : `n8n start pid ${record.pid}`;
	const wave =
		out.planned_action?.type === 'create_wave' ? ` (${out.planned_action.devices} devices)` : '';
	const moved = record.clockMovedMs
		? `; clock +${(record.clockMovedMs / 60_000).toFixed(0)} min`
		: '';
	return (
		`step ${index + 1} [${how}] ${out.decision.padEnd(13)} wave ${out.wave}${wave}: ` +
		`${out.counts.on_target_version}/${out.counts.targets} on ${targetVersion}, ` +
		`${out.counts.failed} failed; ${out.requests} requests, ${(record.ms / 1000).toFixed(1)} s${moved}`
	);
}
