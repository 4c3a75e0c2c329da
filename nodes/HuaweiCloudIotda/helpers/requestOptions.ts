import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_RETRY, type RetrySettings } from '../transport/retryPolicy';

function retrySettings(options: IDataObject): RetrySettings {
	const attempts = Number(options.maxAttempts);
	const seconds = Number(options.maxRetrySeconds);
	return {
		...DEFAULT_RETRY,
		maxAttempts: Number.isInteger(attempts) && attempts >= 1 ? attempts : DEFAULT_RETRY.maxAttempts,
		maxTotalMs: seconds >= 0 ? seconds * 1000 : DEFAULT_RETRY.maxTotalMs,
	};
}

/** Timeout, TLS and retry options every operation offers under "Options". */
export function requestOptionsFor(this: IExecuteFunctions, itemIndex: number) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		timeout: typeof options.timeout === 'number' ? options.timeout : undefined,
		skipSslCertificateValidation: options.allowUnauthorizedCerts === true ? true : undefined,
		retry: retrySettings(options),
	};
}
