import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** Timeout and TLS options every operation offers under "Options". */
export function requestOptionsFor(this: IExecuteFunctions, itemIndex: number) {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		timeout: typeof options.timeout === 'number' ? options.timeout : undefined,
		skipSslCertificateValidation: options.allowUnauthorizedCerts === true ? true : undefined,
	};
}
