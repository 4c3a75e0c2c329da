/**
 * Runs the trigger node the way n8n does, in n8n-core's own contexts: `HookContext` for the webhook lifecycle
 * (checkExists / create / delete on activation), `PollContext` for poll(), `WebhookContext` for webhook() —
 * the contexts n8n's ActiveWorkflows and webhook service build. Parameters are n8n's (defaults applied and
 * hidden fields dropped by the Workflow), the webhook URL is n8n's (`webhookBaseUrl` + workflow id + node
 * name + path), static data is the workflow's (the caller's object, kept between calls as n8n persists it),
 * and requests go through n8n-core's httpRequestWithAuthentication with our credential's real authenticate
 * (test/helpers/engine.ts's credentials helper).
 */
import { ExecutionLifecycleHooks, HookContext, PollContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeParameters,
	type INodeTypes,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { HuaweiCloudIotdaTrigger } from '../../nodes/HuaweiCloudIotdaTrigger/HuaweiCloudIotdaTrigger.node';
import { TestCredentialsHelper } from './engine';

export const trigger = new HuaweiCloudIotdaTrigger();
const TRIGGER_TYPE = 'n8n-nodes-huaweicloud-iotda.huaweiCloudIotdaTrigger';
/** n8n puts the lower-cased node name into the webhook path: "iotda-trigger". */
const NODE_NAME = 'IoTDA-Trigger';

export interface TriggerRun {
	credentials: ICredentialDataDecryptedObject;
	parameters?: INodeParameters;
	/** The node's static data; the same object across calls, like n8n's persisted static data. */
	staticData: IDataObject;
	/** n8n's webhook base URL (WEBHOOK_URL + /webhook); the node's URL is built from it as n8n builds it. */
	webhookBaseUrl?: string;
	/**
	 * n8n's execution mode for the call: 'trigger' (activation), 'webhook' (a production call), 'manual' (the
	 * editor's test registration and test calls), 'internal' (n8n's teardown of both: deleteWebhook(…,
	 * 'internal', 'update') in ActiveWorkflowManager.clearWebhooks and TestWebhooks.deactivateWebhooks).
	 */
	mode?: 'trigger' | 'webhook' | 'manual' | 'internal';
	/** webhookData.isTest, which n8n sets on every call of a test registration; default: mode 'manual'. */
	isTest?: boolean;
	/** The hook's activation mode (n8n: 'init' | 'create' | 'update' | 'activate' | 'manual'). */
	activation?: 'init' | 'create' | 'update' | 'activate' | 'manual';
	workflow?: { id: string; name: string };
	nodeId?: string;
	query?: IDataObject;
	body?: unknown;
	/** Every signed request, for counting. */
	sent?: IHttpRequestOptions[];
	/**
	 * Called when the node answers through the response object (`getResponseObject().status().json()`) — at
	 * that moment, as n8n's express response goes out then, not when webhook() returns.
	 */
	onRespond?: (status: number, json: unknown) => void;
}

export interface Responded {
	status?: number;
	json?: unknown;
}

const nodeTypes: INodeTypes = {
	getByName: () => trigger,
	getByNameAndVersion: () => trigger,
	getKnownTypes: () => ({}),
};

function setup(run: TriggerRun, extra: Partial<IWorkflowExecuteAdditionalData> = {}) {
	const node: INode = {
		id: run.nodeId ?? '3f2a9c1e-0000-4000-8000-00000000abcd',
		name: NODE_NAME,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: run.parameters ?? {},
		// The credential the Authentication parameter selects, as the editor stores it on the node.
		credentials: {
			[run.parameters?.authentication === 'iamToken'
				? 'huaweiCloudIotdaIamTokenApi'
				: 'huaweiCloudIotdaApi']: { id: '1', name: 'IoTDA account' },
		},
	};
	const id = run.workflow?.id ?? 'wfTrigger0000001';
	const workflow = new Workflow({
		id,
		name: run.workflow?.name ?? 'Rollout finished',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		staticData: { [`node:${NODE_NAME}`]: run.staticData },
		settings: { timezone: 'UTC', executionOrder: 'v1' },
	});
	const hooks = new ExecutionLifecycleHooks(run.mode ?? 'trigger', 'test-trigger', {
		id,
		name: 'test',
		nodes: [node],
		connections: {},
	} as never);
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(run.credentials, run.sent),
		executionId: 'test-trigger',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5999/',
		webhookBaseUrl: run.webhookBaseUrl ?? 'http://127.0.0.1:5999/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5999/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5999/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5999/form-waiting',
		variables: {},
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
	const webhookData = {
		httpMethod: 'POST',
		node: NODE_NAME,
		path: 'iotda-batch-task',
		webhookDescription: trigger.description.webhooks![0],
		workflowId: id,
		workflowExecuteAdditionalData: additionalData,
		// n8n's editor registers a test webhook (manual mode) with isTest: the URL is then webhookTestBaseUrl's.
		// Its teardown runs in mode 'internal' with the same webhookData, isTest still set.
		isTest: run.isTest ?? run.mode === 'manual',
	} as IWebhookData;
	return { workflow, node: workflow.getNode(NODE_NAME)!, additionalData, webhookData };
}

/** The activation lifecycle, each call in a HookContext as n8n's ActiveWorkflows make it. */
export const hooks = (run: TriggerRun) => {
	const methods = trigger.webhookMethods.default;
	const context = () => {
		const { workflow, node, additionalData, webhookData } = setup(run);
		return new HookContext(
			workflow,
			node,
			additionalData,
			run.mode ?? 'trigger',
			run.activation ?? 'activate',
			webhookData,
		);
	};
	return {
		checkExists: () => methods.checkExists.call(context()),
		create: () => methods.create.call(context()),
		delete: () => methods.delete.call(context()),
	};
};

/** One poll in a PollContext, as n8n's poller runs it. */
export const poll = (run: TriggerRun) => {
	const { workflow, node, additionalData } = setup(run);
	return trigger.poll.call(
		new PollContext(workflow, node, additionalData, run.mode ?? 'trigger', 'activate'),
	);
};

/** One webhook call in a WebhookContext with the request's query and body and a response object. */
export async function webhook(run: TriggerRun) {
	const responded: Responded = {};
	const res = {
		status: (code: number) => {
			responded.status = code;
			return res;
		},
		json: (value: unknown) => {
			responded.json = value;
			run.onRespond?.(responded.status ?? 200, value);
			return res;
		},
	};
	const req = { query: run.query ?? {}, body: run.body ?? {}, headers: {}, params: {} };
	const { workflow, node, additionalData, webhookData } = setup(run, {
		httpRequest: req,
		httpResponse: res,
	} as never);
	const result = await trigger.webhook.call(
		new WebhookContext(
			workflow,
			node,
			additionalData,
			run.mode ?? 'trigger',
			webhookData,
			[],
			null,
		),
	);
	return { result, responded };
}
