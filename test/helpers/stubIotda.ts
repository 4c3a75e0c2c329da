/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * An in-memory IoTDA for inputs too large to send to the emulator quickly (200,000 device IDs). The node still
 * runs through n8n's engine — WorkflowExecute, n8n-core's `httpRequestWithAuthentication`, our credential's
 * real `authenticate` — only the network is replaced: n8n-core sends every request through the `OutboundHttp`
 * service of its DI container, and `useStubIotda()` puts an answering stand-in there for the test file, as
 * n8n's own tests do with `createFakeOutboundHttp` (@n8n/backend-network). It answers the batch-task calls
 * the operations make: create (task Success at once), show, and stop/retry/confirm (every device success).
 */
import type { HttpRequestClient, OutboundHttp } from '@n8n/backend-network';
import type {
	IDataObject,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { DEFAULT_ACCOUNT } from '../emulator';
import { credentialsFor } from './emulatorCredentials';
import { replaceOutboundHttp, runNode } from './engine';

export const TASK_ID = 'abcdef0123456789abcdef01';
/** Requests go nowhere: the stand-in answers them before any connection. */
const ENDPOINT = 'https://iotda.stub.invalid';

function parsed(body: unknown): IDataObject {
	if (typeof body === 'string') return body === '' ? {} : (JSON.parse(body) as IDataObject);
	return (body ?? {}) as IDataObject;
}

function answer(options: IHttpRequestOptions, tasks: Map<string, IDataObject>): IDataObject {
	const path = new URL(options.url).pathname.replace(/^\/v5\/iot\/[^/]+/, '');
	const body = parsed(options.body);
	if (options.method === 'POST' && path === '/batchtasks') {
		const task_id = `${TASK_ID.slice(0, 20)}${String(tasks.size).padStart(4, '0')}`;
		const targets = body.targets as string[];
		tasks.set(task_id, {
			...body,
			task_id,
			status: 'Success',
			task_progress: { total: targets.length, success: targets.length },
		});
		return { task_id, task_name: body.task_name };
	}
	const control = /^\/batchtasks\/([0-9a-f]+)\/(stop|retry|confirm)$/.exec(path);
	if (control)
		return {
			targets: ((body.targets as string[]) ?? []).map((target) => ({ target, status: 'success' })),
		};
	const show = /^\/batchtasks\/([0-9a-f]+)$/.exec(path);
	if (show) {
		const task = tasks.get(show[1]) ?? {
			task_id: show[1],
			task_name: 'big',
			task_type: 'firmwareUpgrade',
			status: 'Processing',
		};
		return { batchtask: { ...task, targets: undefined }, task_details: [], page: {} };
	}
	throw new Error(`stub IoTDA: no answer for ${options.method} ${path}`);
}

export interface StubIotda {
	/** Runs the node through n8n's engine against the stand-in; returns its success output. */
	run(parameters: INodeParameters, items?: INodeExecutionData[]): Promise<INodeExecutionData[]>;
	/** Requests answered so far in the current test. */
	requests(): number;
}

/** Installs the stand-in for the test file (fresh tasks and request count per test). */
export function useStubIotda(): StubIotda {
	let tasks = new Map<string, IDataObject>();
	let requests = 0;
	const client: HttpRequestClient = {
		request: async (options: IHttpRequestOptions) => {
			requests++;
			const reply = answer(options, tasks);
			return options.returnFullResponse ? { statusCode: 200, headers: {}, body: reply } : reply;
		},
		requestLegacy: () => {
			throw new Error('stub IoTDA: legacy requests are not answered');
		},
	} as unknown as HttpRequestClient;
	let restore: () => void;
	beforeAll(() => {
		restore = replaceOutboundHttp(
			(real) =>
				({ requests: () => client, transport: () => real.transport() }) as unknown as OutboundHttp,
		);
	});
	afterAll(() => restore());
	beforeEach(() => {
		tasks = new Map();
		requests = 0;
	});
	return {
		run: async (parameters, items) =>
			await runNode({ parameters, items, credentials: credentialsFor(DEFAULT_ACCOUNT, ENDPOINT) }),
		requests: () => requests,
	};
}
