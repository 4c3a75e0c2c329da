/**
 * Runs the node's execute() and loadOptions methods outside n8n, with what n8n would give them: parameters
 * (expressions simulated as functions of the item), defaults from the node description, continueOnFail,
 * and `httpRequestWithAuthentication` that applies the credential's real `authenticate` and sends the
 * request over real HTTP the way n8n's request helper does (axios; status errors ignored on request, all or
 * all but the listed codes). For a credential with `preAuthentication` and an `expirable` hidden field it
 * applies n8n's first rule only: the field is filled when empty and the result kept in the run's credential
 * object (n8n stores it with the credential). n8n-core's refresh after a 401 is NOT imitated here: the
 * real-n8n e2e case `iam-token-credential` proves that one.
 */
import https from 'https';
import axios from 'axios';
import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import { HuaweiCloudIotdaApi } from '../../credentials/HuaweiCloudIotdaApi.credentials';
import { HuaweiCloudIotdaIamTokenApi } from '../../credentials/HuaweiCloudIotdaIamTokenApi.credentials';
import { HuaweiCloudIotda } from '../../nodes/HuaweiCloudIotda/HuaweiCloudIotda.node';

export type ParamValue = unknown | ((itemIndex: number, item: INodeExecutionData) => unknown);

export interface RunOptions {
	parameters: Record<string, ParamValue>;
	items?: INodeExecutionData[];
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	timezone?: string;
	/** The node's raw parameters as n8n stores them (e.g. `={{ $json.device_id }}`), for getNode().parameters. */
	nodeParameters?: Record<string, unknown>;
	/** Every request options object after signing, for assertions. */
	sent?: IHttpRequestOptions[];
}

const nodeType = new HuaweiCloudIotda();
const credentialTypes: Record<string, HuaweiCloudIotdaApi | HuaweiCloudIotdaIamTokenApi> = {
	huaweiCloudIotdaApi: new HuaweiCloudIotdaApi(),
	huaweiCloudIotdaIamTokenApi: new HuaweiCloudIotdaIamTokenApi(),
};

/** n8n's CredentialsHelper.preAuthentication when the expirable field is empty: fill it and keep the result. */
async function preAuthenticate(type: HuaweiCloudIotdaApi | HuaweiCloudIotdaIamTokenApi, credentials: ICredentialDataDecryptedObject) {
	const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
	if (!expirable || !('preAuthentication' in type) || (credentials[expirable.name] ?? '') !== '') return;
	const helpers = { helpers: { httpRequest: sendLikeN8n } } as unknown as IHttpRequestHelper;
	Object.assign(credentials, await type.preAuthentication.call(helpers, credentials));
}

function matchesDisplay(property: INodeProperties, values: Record<string, unknown>): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, allowed]) => {
		const value = values[name];
		return Array.isArray(allowed) && allowed.includes(value as never);
	});
}

/** Top-level parameter values as n8n resolves them: given values, else the default of the shown property. */
function resolveParameters(given: Record<string, unknown>): Record<string, unknown> {
	const values: Record<string, unknown> = { ...given };
	for (let pass = 0; pass < 3; pass++) {
		for (const property of nodeType.description.properties) {
			if (property.name in given) continue;
			if (matchesDisplay(property, values)) values[property.name] = property.default;
		}
	}
	return values;
}

async function sendLikeN8n(options: IHttpRequestOptions): Promise<unknown> {
	const response = await axios.request({
		method: options.method ?? 'GET',
		url: options.url,
		headers: options.headers as Record<string, string>,
		data: options.body,
		timeout: options.timeout ?? 300000,
		validateStatus: (s) => {
			const ignore = options.ignoreHttpStatusErrors;
			if (typeof ignore === 'object') return !ignore.except.includes(s);
			return ignore === true || (s >= 200 && s < 300);
		},
		httpsAgent: new https.Agent({ rejectUnauthorized: options.skipSslCertificateValidation !== true }),
		maxRedirects: 0,
		transitional: { clarifyTimeoutError: true },
	});
	if (options.returnFullResponse) {
		return {
			body: response.data,
			headers: response.headers,
			statusCode: response.status,
			statusMessage: response.statusText,
		};
	}
	return response.data;
}

export function makeContext(run: RunOptions): IExecuteFunctions & ILoadOptionsFunctions {
	const items: INodeExecutionData[] = run.items ?? [{ json: {} }];
	const node: INode = {
		id: 'node-1',
		name: 'Huawei Cloud IoTDA',
		type: 'n8n-nodes-huaweicloud-iotda.huaweiCloudIotda',
		typeVersion: 1,
		position: [0, 0],
		parameters: (run.nodeParameters ?? {}) as INode['parameters'],
	};
	const staticValues = resolveParameters(
		Object.fromEntries(Object.entries(run.parameters).filter(([, v]) => typeof v !== 'function')),
	);
	const param = (name: string, itemIndex: number, fallback?: unknown) => {
		const given = run.parameters[name];
		if (typeof given === 'function') return (given as (i: number, item: INodeExecutionData) => unknown)(itemIndex, items[itemIndex]);
		const value = name in run.parameters ? given : staticValues[name];
		return value === undefined ? fallback : value;
	};
	const context = {
		getNode: () => node,
		getInputData: () => items,
		getNodeParameter: param,
		getCurrentNodeParameter: (name: string) => param(name, 0),
		getTimezone: () => run.timezone ?? 'UTC',
		continueOnFail: () => run.continueOnFail === true,
		getCredentials: async () => run.credentials,
		helpers: {
			assertBinaryData: (itemIndex: number, property: string) => {
				const binary = items[itemIndex].binary?.[property];
				if (!binary) throw new NodeOperationError(node, `This operation expects the node's input data to contain a binary file '${property}', but none was found [item ${itemIndex}]`, { itemIndex });
				return binary;
			},
			getBinaryDataBuffer: async (itemIndex: number, property: string) => {
				const binary = items[itemIndex].binary?.[property];
				if (!binary) throw new NodeOperationError(node, `no binary file '${property}' [item ${itemIndex}]`, { itemIndex });
				return Buffer.from(binary.data, 'base64');
			},
			httpRequestWithAuthentication: async (type: string, options: IHttpRequestOptions) => {
				const credentialType = credentialTypes[type];
				if (!credentialType) throw new Error(`unexpected credential type ${type}`);
				// n8n-core wraps every failure, a preAuthentication's included, in a NodeApiError.
				try {
					await preAuthenticate(credentialType, run.credentials);
				} catch (error) {
					throw new NodeApiError(node, error as JsonObject);
				}
				const signed = await credentialType.authenticate(run.credentials, options);
				run.sent?.push(signed);
				try {
					return await sendLikeN8n(signed);
				} catch (error) {
					throw new NodeApiError(node, error as JsonObject);
				}
			},
		},
	};
	return context as unknown as IExecuteFunctions & ILoadOptionsFunctions;
}

export async function runNode(run: RunOptions): Promise<INodeExecutionData[]> {
	const [output] = await nodeType.execute.call(makeContext(run));
	return output;
}

export function itemsWith(json: IDataObject[]): INodeExecutionData[] {
	return json.map((j) => ({ json: j }));
}

export { nodeType };
