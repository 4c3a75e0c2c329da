// Minimal read-only IoTDA client for the demo/e2e summaries and checks. It signs with Huawei's
// own SDK signer (@huaweicloud/huaweicloud-sdk-core, a devDependency), NOT with this package's
// signer: the checks must keep working, and keep telling the truth, when our signer is broken.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');
const { DerivedAKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/DerivedAKSKSigner');
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials');

export class IotdaClient {
	/** credentials: the data of a huaweiCloudIotdaApi credential. */
	constructor(credentials) {
		const region = credentials.region === 'custom' ? credentials.customRegion : credentials.region;
		this.region = region;
		this.endpoint = (credentials.endpoint || `https://iotda.${region}.myhuaweicloud.com`).replace(
			/\/+$/,
			'',
		);
		this.credentials = credentials;
		// The SDK's own credential object: ak, sk, region and derived service name for V11 signing.
		this.sdkCredential = new BasicCredentials()
			.withAk(credentials.accessKeyId)
			.withSk(credentials.secretAccessKey)
			.withProjectId(credentials.projectId)
			.withRegionId(region);
		this.sdkCredential.derivedAuthServiceName = 'iotdm';
	}

	async request(method, apiPath, { qs = {}, body } = {}) {
		const url = `${this.endpoint}/v5/iot/${encodeURIComponent(this.credentials.projectId)}${apiPath}`;
		const queryParams = Object.fromEntries(
			Object.entries(qs)
				.filter(([, v]) => v !== undefined)
				.map(([k, v]) => [k, String(v)]),
		);
		const headers = {
			'Content-Type': 'application/json',
			'X-Project-Id': this.credentials.projectId,
		};
		if (this.credentials.instanceId) headers['Instance-Id'] = this.credentials.instanceId;
		if (this.credentials.securityToken)
			headers['X-Security-Token'] = this.credentials.securityToken;
		const request = {
			endpoint: url,
			method,
			headers,
			queryParams,
			...(body ? { data: body } : {}),
		};
		const derived =
			this.credentials.signingMode === 'derived' ||
			(this.credentials.signingMode !== 'basic' &&
				BasicCredentials.getDefaultDerivedPredicate(request));
		const signed = (derived ? DerivedAKSKSigner : AKSKSigner).sign(request, this.sdkCredential);
		delete signed.host; // fetch sets Host itself (same value)
		const search = new URLSearchParams(queryParams).toString();
		// The SDK hashes JSON.stringify(data): send exactly that text.
		const res = await fetch(search ? `${url}?${search}` : url, {
			method,
			headers: signed,
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await res.text();
		let json;
		try {
			json = text ? JSON.parse(text) : {};
		} catch {
			json = { raw: text };
		}
		if (!res.ok) {
			const error = new Error(
				`${method} ${apiPath}: HTTP ${res.status} ${json.error_code ?? ''} ${json.error_msg ?? text.slice(0, 200)}`,
			);
			error.status = res.status;
			error.body = json;
			throw error;
		}
		return json;
	}

	showBatchTask(taskId, qs = {}) {
		return this.request('GET', `/batchtasks/${encodeURIComponent(taskId)}`, {
			qs: { limit: 50, ...qs },
		});
	}

	listBatchTasks(taskType, qs = {}) {
		return this.request('GET', '/batchtasks', { qs: { task_type: taskType, limit: 50, ...qs } });
	}

	listOtaPackages(packageType, qs = {}) {
		return this.request('GET', '/ota-upgrades/packages', {
			qs: { package_type: packageType, limit: 50, ...qs },
		});
	}
}
