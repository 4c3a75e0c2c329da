/**
 * Runs the trigger node's lifecycle methods, poll() and webhook() outside n8n with what n8n gives them:
 * node parameters (defaults from the description), the workflow's static data (one object per node, kept by
 * the caller between calls, as n8n persists it), the webhook URL, query and body, a response object, and
 * `httpRequestWithAuthentication` that signs with the credential's real `authenticate` and sends over HTTP.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { HuaweiCloudIotdaApi } from '../../credentials/HuaweiCloudIotdaApi.credentials';
import { HuaweiCloudIotdaTrigger } from '../../nodes/HuaweiCloudIotdaTrigger/HuaweiCloudIotdaTrigger.node';

export const trigger = new HuaweiCloudIotdaTrigger();
const credentialType = new HuaweiCloudIotdaApi();

export interface TriggerRun {
	credentials: ICredentialDataDecryptedObject;
	parameters?: Record<string, unknown>;
	/** The node's static data; the same object across calls, like n8n's persisted static data. */
	staticData: IDataObject;
	webhookUrl?: string;
	mode?: 'trigger' | 'manual';
	workflow?: { id: string; name: string };
	nodeId?: string;
	query?: IDataObject;
	body?: unknown;
	/** Every signed request, for counting. */
	sent?: IHttpRequestOptions[];
}

export interface Responded {
	status?: number;
	json?: unknown;
}

async function send(options: IHttpRequestOptions): Promise<unknown> {
	const body = options.body === undefined || typeof options.body === 'string' || Buffer.isBuffer(options.body) ? options.body : JSON.stringify(options.body);
	const res = await fetch(String(options.url), { method: options.method ?? 'GET', headers: options.headers as Record<string, string>, body: body as string | undefined });
	const text = await res.text();
	return { statusCode: res.status, headers: Object.fromEntries(res.headers.entries()), body: text ? JSON.parse(text) : '' };
}

function parameter(run: TriggerRun, name: string, fallback?: unknown): unknown {
	if (run.parameters && name in run.parameters) return run.parameters[name];
	const property = trigger.description.properties.find((p) => p.name === name);
	return property ? property.default : fallback;
}

/** One context object that serves as hook, poll and webhook context. */
export function triggerContext(run: TriggerRun, responded: Responded = {}) {
	const node = { id: run.nodeId ?? '3f2a9c1e-0000-4000-8000-00000000abcd', name: 'IoTDA Trigger', type: 'n8n-nodes-huaweicloud-iotda.huaweiCloudIotdaTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const context = {
		getNode: () => node,
		getWorkflow: () => ({ id: run.workflow?.id ?? 'wfTrigger0000001', name: run.workflow?.name ?? 'Rollout finished', active: true }),
		getMode: () => run.mode ?? 'trigger',
		getNodeParameter: (name: string, fallback?: unknown) => parameter(run, name, fallback),
		getWorkflowStaticData: () => run.staticData,
		getNodeWebhookUrl: () => run.webhookUrl ?? 'http://127.0.0.1:5999/webhook/wfTrigger0000001/iotda-trigger/iotda-batch-task',
		getCredentials: async () => run.credentials,
		getQueryData: () => run.query ?? {},
		getBodyData: () => run.body ?? {},
		getResponseObject: () => {
			const res = {
				status: (code: number) => {
					responded.status = code;
					return res;
				},
				json: (value: unknown) => {
					responded.json = value;
					return res;
				},
			};
			return res;
		},
		helpers: {
			returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })),
			httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions) => {
				if (type !== credentialType.name) throw new Error(`unexpected credential type ${type}`);
				const signed = await credentialType.authenticate(run.credentials, options);
				run.sent?.push(signed);
				return await send(signed);
			},
		},
	};
	return context as unknown as IHookFunctions & IPollFunctions & IWebhookFunctions;
}

export const hooks = (run: TriggerRun) => {
	const context = triggerContext(run);
	const methods = trigger.webhookMethods.default;
	return {
		checkExists: () => methods.checkExists.call(context),
		create: () => methods.create.call(context),
		delete: () => methods.delete.call(context),
	};
};

export const poll = (run: TriggerRun) => trigger.poll.call(triggerContext(run));

export async function webhook(run: TriggerRun) {
	const responded: Responded = {};
	const result = await trigger.webhook.call(triggerContext(run, responded));
	return { result, responded };
}
