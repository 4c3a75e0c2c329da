/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Runs the node the way n8n does, in-process: n8n-core's `WorkflowExecute` executes a two-node workflow
 * (an input node that hands on the test's items → our node), so parameters and expressions are resolved by
 * n8n's expression engine, items are paired and errors routed by n8n (Continue On Fail, "Continue (using
 * error output)"), and every request goes through n8n-core's `httpRequestWithAuthentication`. The only
 * stand-in is the credentials store: `TestCredentialsHelper` decrypts nothing — it hands out the test's
 * credential data (with the credential type's defaults applied, as n8n does) and signs with our
 * credential's real `authenticate`. Both of our credential types are registered (AK/SK and IAM Token); the
 * node's Authentication parameter picks one, as the editor does. For the token credential n8n-core calls
 * `preAuthentication` before every request (empty token field) and again after a 401 (refresh); the helper
 * runs it by the CLI's rule and stores the new token in the test's credential object, as n8n's
 * `updateCredentials` stores it with the credential, so later requests and executions reuse it. Modelled on
 * n8n's own `packages/core/nodes-testing` (NodeTestHarness, CredentialsHelper).
 *
 * A run can be cancelled as the editor's Stop button does: `WorkflowExecute`'s cancellable promise is
 * cancelled, which aborts the execution's signal (`getExecutionCancelSignal()` in the node).
 *
 * Dropdown methods (loadOptions / listSearch) run in n8n-core's `LoadOptionsContext`, as the editor's
 * "dynamic node parameters" service does.
 */
// n8n's logger would print every node error the engine reports; tests read errors from the run data.
process.env.N8N_LOG_LEVEL ??= 'silent';

import { createRequire } from 'module';
import type { OutboundHttp } from '@n8n/backend-network';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type IWorkflowSettings,
} from 'n8n-workflow';

import { HuaweiCloudIotdaApi } from '../../credentials/HuaweiCloudIotdaApi.credentials';
import { HuaweiCloudIotdaIamTokenApi } from '../../credentials/HuaweiCloudIotdaIamTokenApi.credentials';
import { HuaweiCloudIotda } from '../../nodes/HuaweiCloudIotda/HuaweiCloudIotda.node';

/** Our node's full type name, as n8n registers it: `<package name>.<description.name>`. */
export const NODE_TYPE = 'n8n-nodes-huaweicloud-iotda.huaweiCloudIotda';
const INPUT_TYPE = 'test.input';
/** Where a run's `nodeType` (a stand-in for ours, e.g. the bench's no-op node) is registered. */
const OTHER_TYPE = 'test.other';
export const NODE_NAME = 'IoTDA';
const INPUT_NAME = 'Input';

/** The one node type the test adds: hands on the items the run starts with (what a trigger would emit). */
class InputNode implements INodeType {
	description = {
		displayName: 'Input',
		name: 'input',
		group: ['input'],
		version: 1,
		description: 'Emits the test items',
		defaults: { name: INPUT_NAME },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export const nodeType = new HuaweiCloudIotda();
export const credentialType = new HuaweiCloudIotdaApi();
export const tokenCredentialType = new HuaweiCloudIotdaIamTokenApi();

const inputNode = new InputNode();
/** Our node type, the input node and, when a run brings one, the node type it runs in our node's place. */
function nodeTypesWith(other?: INodeType): INodeTypes {
	const byName = (type: string): INodeType | IVersionedNodeType => {
		if (type === NODE_TYPE) return nodeType;
		if (type === INPUT_TYPE) return inputNode;
		if (type === OTHER_TYPE && other) return other;
		throw new Error(`unknown node type ${type}`);
	};
	return {
		getByName: byName,
		getByNameAndVersion: (type) => byName(type) as INodeType,
		getKnownTypes: () => ({}),
	};
}

const credentialTypes: Record<string, ICredentialType> = {
	[credentialType.name]: credentialType,
	[tokenCredentialType.name]: tokenCredentialType,
};

/**
 * The credential type the node asks for with these parameters: the one of the node's `credentials` whose
 * displayOptions match the Authentication choice (its default when not given), as the editor offers it.
 */
export function credentialTypeFor(parameters: INodeParameters): string {
	const authentication = nodeType.description.properties.find((p) => p.name === 'authentication');
	const chosen = parameters.authentication ?? authentication?.default;
	const match = nodeType.description.credentials?.find((c) =>
		(c.displayOptions?.show?.authentication as unknown[] | undefined)?.includes(chosen),
	);
	if (!match)
		throw new Error(`no credential of the node is shown for authentication ${String(chosen)}`);
	return match.name;
}

/**
 * The credentials store of a test run. `sent` collects every request after signing (the options n8n hands to
 * its HTTP client), for assertions on headers and bodies.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly data: ICredentialDataDecryptedObject,
		private readonly sent?: IHttpRequestOptions[],
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = credentialTypes[name];
		if (!type) throw new Error(`unknown credential type ${name}`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(name: string): INodeProperties[] {
		return this.type(name).properties;
	}

	/** The stored data with the credential type's defaults filled in, as n8n's CredentialsHelper returns it. */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: INodeCredentialsDetails,
		name: string,
	): Promise<ICredentialDataDecryptedObject> {
		const withDefaults = NodeHelpers.getNodeParameters(
			this.type(name).properties,
			this.data as INodeParameters,
			true,
			false,
			null,
			null,
		);
		return { ...(withDefaults as unknown as ICredentialDataDecryptedObject) };
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		name: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = this.type(name);
		const signed =
			typeof type.authenticate === 'function'
				? await type.authenticate(credentials, requestOptions)
				: requestOptions;
		this.sent?.push(signed);
		return signed;
	}

	/**
	 * n8n's CLI rule (packages/cli/src/credentials-helper.ts `preAuthentication`): a credential type with
	 * `preAuthentication` and a hidden `expirable` property gets it called when that property is empty or the
	 * server answered 401 (`expired`); an answer without the expirable property is ignored; otherwise the
	 * result is merged into the credentials and stored (`updateCredentials`), so the next request and the
	 * next execution start from the stored token.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		name: string,
		node: INode,
		expired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(name);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !expired) return undefined;
		const output = (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		const updated = Object.assign(credentials, output);
		await this.updateCredentials(node.credentials?.[name] ?? { id: null, name }, name, updated);
		return updated;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		name: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return await this.preAuthentication(helpers, credentials, name, {} as INode, false);
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('the test credentials helper stores no encrypted credentials');
	}

	/** Stores the data with the credential (here: the test's credential object), as n8n's database does. */
	async updateCredentials(
		_details: INodeCredentialsDetails,
		_name: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		Object.assign(this.data, data);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}

/** What a test passes: the node's parameters exactly as n8n stores them (values or `={{ … }}` expressions). */
export interface EngineRun {
	parameters: INodeParameters;
	/** The items our node receives (default: one empty item, like a manual trigger). */
	items?: INodeExecutionData[];
	credentials: ICredentialDataDecryptedObject;
	/** The node's "On Error" setting (Settings tab); default "Stop Workflow". */
	onError?: INode['onError'];
	/** Shorthand for onError "Continue" (continueRegularOutput). */
	continueOnFail?: boolean;
	/** The workflow's timezone setting (n8n's default is America/New_York; tests use UTC unless they say). */
	timezone?: string;
	/** Collects every request after signing. */
	sent?: IHttpRequestOptions[];
	/** The user's Stop: when it aborts, the run is cancelled as the editor's Stop button cancels it. */
	signal?: AbortSignal;
	/** Runs this node type in our node's place (same name, parameters and credentials), e.g. a baseline node. */
	nodeType?: INodeType;
	/** The node's typeVersion as the workflow stores it (default 1: the suites were written for form version 1). */
	typeVersion?: number;
	/** The node's Settings → Retry On Fail (with Max Tries and Wait Between Tries in ms), as n8n stores them. */
	retry?: Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;
}

export interface EngineResult {
	/** n8n's record of the run (runData of both nodes, the execution error, status). */
	run: IRun;
	/** Our node's outputs as n8n recorded them: [success] or, with "Continue (using error output)", [success, error]. */
	outputs: INodeExecutionData[][];
	/** The error n8n recorded for our node, if it failed. */
	error?: ExecutionError;
}

function node(run: EngineRun): INode {
	return {
		id: 'iotda-node',
		name: NODE_NAME,
		type: run.nodeType ? OTHER_TYPE : NODE_TYPE,
		typeVersion: run.typeVersion ?? 1,
		position: [200, 0],
		parameters: run.parameters,
		credentials: { [credentialTypeFor(run.parameters)]: { id: '1', name: 'IoTDA account' } },
		onError: run.onError ?? (run.continueOnFail ? 'continueRegularOutput' : undefined),
		...run.retry,
	};
}

function additionalData(
	hooks: ExecutionLifecycleHooks,
	credentialsHelper: ICredentialsHelper,
	currentNodeParameters?: INodeParameters,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper,
		currentNodeParameters,
		executionId: 'test-execution',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

function workflowFor(nodes: INode[], timezone: string, other?: INodeType): Workflow {
	const settings: IWorkflowSettings = { timezone, executionOrder: 'v1' };
	return new Workflow({
		id: 'test-workflow',
		name: 'test',
		nodes,
		connections: {
			[INPUT_NAME]: { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] },
		},
		nodeTypes: nodeTypesWith(other),
		settings,
		active: false,
	});
}

/** Runs Input → our node through `WorkflowExecute` and returns what n8n recorded. */
export async function execute(run: EngineRun): Promise<EngineResult> {
	const input: INode = {
		id: 'input-node',
		name: INPUT_NAME,
		type: INPUT_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const ours = node(run);
	const workflow = workflowFor([input, ours], run.timezone ?? 'UTC', run.nodeType);
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: workflow.id,
		name: 'test',
		nodes: [input, ours],
		connections: workflow.connectionsBySourceNode,
	} as never);
	const data = additionalData(hooks, new TestCredentialsHelper(run.credentials, run.sent));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: workflow.getNode(INPUT_NAME)!,
					data: { main: [run.items ?? [{ json: {} }]] },
					source: null,
				},
			],
		},
	});
	const running = new WorkflowExecute(data, 'manual', runExecutionData).processRunExecutionData(
		workflow,
	);
	const cancel = () => running.cancel();
	if (run.signal?.aborted) cancel();
	run.signal?.addEventListener('abort', cancel, { once: true });
	const result = await running.finally(() => run.signal?.removeEventListener('abort', cancel));
	const task = result.data.resultData.runData[NODE_NAME]?.[0];
	return {
		run: result,
		outputs: (task?.data?.main ?? []).map((o) => o ?? []),
		error: task?.error ?? (result.data.resultData.error as ExecutionError | undefined),
	};
}

/** Our node's success output; throws the error n8n recorded when the node failed. */
export async function runNode(run: EngineRun): Promise<INodeExecutionData[]> {
	const { outputs, error } = await execute(run);
	if (error) throw error;
	return outputs[0] ?? [];
}

/** Items with these JSON bodies, as a previous node would emit them. */
export function itemsWith(json: IDataObject[]): INodeExecutionData[] {
	return json.map((j) => ({ json: j }));
}

/**
 * A dropdown's context as the editor gets it: n8n-core's LoadOptionsContext on a node with the parameters
 * the form currently holds, and the test's credentials.
 */
export function loadOptionsContext(
	formParameters: INodeParameters,
	credentials: ICredentialDataDecryptedObject,
	path = 'parameters.taskId',
): ILoadOptionsFunctions {
	// The editor sends the form as it holds it: what the user set plus the defaults of the shown fields.
	const currentNodeParameters =
		NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			formParameters,
			true,
			false,
			// The node's version decides which form n8n shows (`@version` conditions); the suites use version 1.
			{ typeVersion: 1, parameters: formParameters } as unknown as INode,
			nodeType.description,
		) ?? formParameters;
	const ours = node({ parameters: currentNodeParameters, credentials });
	const workflow = workflowFor([ours], 'UTC');
	const hooks = new ExecutionLifecycleHooks('internal', 'test-load-options', {
		id: workflow.id,
		name: 'test',
		nodes: [ours],
		connections: {},
	} as never);
	return new LoadOptionsContext(
		workflow,
		ours,
		additionalData(hooks, new TestCredentialsHelper(credentials), currentNodeParameters),
		path,
	);
}

// n8n-core's own copies of @n8n/di and @n8n/backend-network (node_modules/n8n-core/node_modules/@n8n/…): the
// top-level ones belong to @n8n/node-cli, and a container or class of another copy is not the one n8n-core asks.
const fromN8nCore = createRequire(require.resolve('n8n-core'));

/**
 * Puts `replace(real)` where n8n-core looks up the service every request goes through (`OutboundHttp` in its
 * DI container), as n8n's own tests do with `createFakeOutboundHttp`; returns the undo. Everything before the
 * network — WorkflowExecute, httpRequestWithAuthentication, the credential's authenticate — stays real.
 */
export function replaceOutboundHttp(replace: (real: OutboundHttp) => OutboundHttp): () => void {
	const { Container } = fromN8nCore('@n8n/di') as typeof import('@n8n/di');
	const { OutboundHttp: service } = fromN8nCore('@n8n/backend-network') as {
		OutboundHttp: new () => OutboundHttp;
	};
	const real = Container.get(service);
	Container.set(service, replace(real));
	return () => Container.set(service, real);
}
