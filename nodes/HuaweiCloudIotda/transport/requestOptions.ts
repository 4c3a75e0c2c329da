import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RequestSettings } from './index';
import { DEFAULT_RETRY, MAX_ATTEMPTS_LIMIT, type RetrySettings } from './retryPolicy';
import { optionalInteger, optionalNumber, checkBoolean } from '../helpers/validate';

/**
 * Max Attempts (1–MAX_ATTEMPTS_LIMIT, the form's bounds) and Max Retry Time (seconds, ≥ 0) when set, else DEFAULT_RETRY.
 * Throws InputError naming the field for a value that is no number or out of range (e.g. an expression
 * giving "many" or 0), rather than quietly retrying 4 times.
 */
function retrySettings(options: IDataObject): RetrySettings {
	return {
		...DEFAULT_RETRY,
		maxAttempts: optionalInteger(
			'Max Attempts',
			options.maxAttempts,
			DEFAULT_RETRY.maxAttempts,
			1,
			MAX_ATTEMPTS_LIMIT,
		),
		maxTotalMs:
			optionalNumber(
				'Max Retry Time (Seconds)',
				options.maxRetrySeconds,
				DEFAULT_RETRY.maxTotalMs / 1000,
				0,
			) * 1000,
	};
}

/** Timeout, TLS and retry options every operation offers under "Options"; throws InputError for a bad number. */
export function requestOptionsFor(this: IExecuteFunctions, itemIndex: number) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		// At least 1 ms: 0 would mean "wait for ever" to axios, and text that is no number is a mistake.
		timeout: optionalNumber('Timeout (Ms)', options.timeout, undefined, 1),
		skipSslCertificateValidation: checkBoolean(
			'Ignore SSL Issues',
			options.allowUnauthorizedCerts,
			false,
		)
			? true
			: undefined,
		retry: retrySettings(options),
	};
}

/** An item's index with its request options: what every API call (api/) of that item is sent with. */
export function itemSettings(this: IExecuteFunctions, itemIndex: number): RequestSettings {
	return { itemIndex, ...requestOptionsFor.call(this, itemIndex) };
}
