/**
 * Runs the node against the IoTDA emulator for the lifecycle, files and dropdown tests: credentials of a
 * seeded account, binary-data helpers as n8n provides them, and the emulator's request log for counting calls.
 */
import type { IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from './emulator';
import { call } from './emulator/sdk-test-client';
import { makeContext, nodeType, type ParamValue } from './helpers/n8nHarness';

export function credentialsFor(emu: Emulator, overrides: Record<string, string> = {}) {
	return {
		accessKeyId: DEFAULT_ACCOUNT.ak,
		secretAccessKey: DEFAULT_ACCOUNT.sk,
		projectId: DEFAULT_ACCOUNT.projectId,
		region: DEFAULT_ACCOUNT.region,
		endpoint: emu.url,
		...overrides,
	};
}

export interface EmulatorRun {
	parameters: Record<string, ParamValue>;
	nodeParameters?: Record<string, unknown>;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	sent?: IHttpRequestOptions[];
	credentials?: Record<string, string>;
}

/** The context n8n gives execute() (binary-data helpers included), for this emulator's default account. */
export function contextFor(emu: Emulator, run: EmulatorRun): IExecuteFunctions & ILoadOptionsFunctions {
	return makeContext({ ...run, items: run.items ?? [{ json: {} }], credentials: run.credentials ?? credentialsFor(emu) });
}

export async function runOn(emu: Emulator, run: EmulatorRun): Promise<INodeExecutionData[]> {
	const [output] = await nodeType.execute.call(contextFor(emu, run));
	return output;
}

/** Requests the emulator received, e.g. calls(emu, 'POST', /\/retry$/). */
export function calls(emu: Emulator, method: string, path: RegExp) {
	return emu.log.filter((e) => e.method === method && path.test(e.path));
}

export const api = (emu: Emulator, method: string, path: string, json?: unknown) =>
	call(emu.url, { account: DEFAULT_ACCOUNT, method, path, json });

export const fwPackage = (emu: Emulator) =>
	emu.state().catalog.packages.find((p) => p.package_type === 'firmwarePackage')!.package_id;

/** Seeded devices dev-0001… (they exist, so their sub-tasks run), or ids the emulator does not know (they fail). */
export const devices = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `dev-${String(from + i).padStart(4, '0')}`);
export const ghosts = (n: number) => Array.from({ length: n }, (_, i) => `ghost-${String(i + 1).padStart(5, '0')}`);

/** A running firmware upgrade created through the API; returns its task id. */
export async function createUpgrade(emu: Emulator, name: string, targets: string[], extra: Record<string, unknown> = {}) {
	const reply = await api(emu, 'POST', '/batchtasks', {
		task_name: name,
		task_type: 'firmwareUpgrade',
		targets,
		document: { package_ids: [fwPackage(emu)] },
		...extra,
	});
	if (reply.status !== 201) throw new Error(`create failed: ${reply.text}`);
	return reply.body.task_id as string;
}

export const locator = (value: string) => ({ __rl: true, mode: 'id', value });

export async function startQuietEmulator(): Promise<Emulator> {
	const emu = await startEmulator({ seed: 11 });
	emu.setFailureRate(0);
	return emu;
}
