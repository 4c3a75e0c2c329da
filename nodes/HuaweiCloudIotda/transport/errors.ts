import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { CREDENTIAL_HINTS } from '../../../credentials/common/hints';
import { RATE_LIMIT_CODE } from './retryPolicy';

/** What IoTDA told us, in one shape: the one place API failures become n8n errors. */
/** How the failed request was signed, to explain a 401. */
export interface SigningFacts {
	derived: boolean;
	endpoint: string;
	/** Sent with an IAM token (X-Auth-Token), not signed. */
	iamToken?: boolean;
}

export interface IotdaErrorResponse {
	statusCode: number;
	errorCode?: string;
	errorMsg?: string;
	requestId?: string;
}

/**
 * A throttled request (429, 403 IOTDA.0211xx) is already retried by the node (transport/retryPolicy.ts)
 * within Options → Max Attempts and Max Retry Time (Seconds) (actions/requestOptions.description.ts), so
 * the error means those ran out: the hint names these options, not n8n's Settings → Retry On Fail, which
 * would repeat the whole item (and its create) rather than the throttled request.
 */
const THROTTLED_AFTER_RETRIES =
	'The node’s retries ran out: slow the workflow down, or raise Options → Max Attempts and Options → Max Retry Time (Seconds).';

function hintFor(error: IotdaErrorResponse, signing?: SigningFacts): string | undefined {
	const { statusCode, errorCode = '', errorMsg = '' } = error;
	// n8n had just fetched a new token for this request (transport/index.ts send), so the token is not stale.
	if (statusCode === 401 && signing?.iamToken) return CREDENTIAL_HINTS.tokenRefused;
	if (statusCode === 401) {
		if (/differs from the server time|clock|skew|expired|request time/i.test(errorMsg))
			return 'Clock skew: IoTDA rejected the request time. Set the clock of the machine running n8n right (IoTDA allows 15 minutes of difference).';
		if (signing && !signing.derived && /\.iotda-app\./.test(signing.endpoint))
			return 'This is a Standard/Enterprise instance address, which needs derived signing: set the credential’s Signing to Derived (or Auto).';
		return CREDENTIAL_HINTS.signatureRejected;
	}
	if (statusCode === 403 && RATE_LIMIT_CODE.test(errorCode))
		return `IoTDA is throttling requests (rate limit). ${THROTTLED_AFTER_RETRIES}`;
	if (statusCode === 403) return CREDENTIAL_HINTS.accessDenied;
	if (statusCode === 404 && /IOTDA\.000029|path/i.test(errorCode + errorMsg))
		return CREDENTIAL_HINTS.unknownPath;
	if (statusCode === 404) return 'Not found: check the ID, the endpoint and the project ID.';
	if (statusCode === 429) return `IoTDA is throttling requests. ${THROTTLED_AFTER_RETRIES}`;
	if (statusCode >= 500) return 'IoTDA had a server error: try again later.';
	return undefined;
}

export function iotdaApiError(
	node: INode,
	error: IotdaErrorResponse,
	context: { itemIndex?: number; action: string; signing?: SigningFacts },
): NodeApiError {
	const code = error.errorCode ?? `HTTP ${error.statusCode}`;
	const message = `${context.action} failed: ${code}${error.errorMsg ? ` – ${error.errorMsg}` : ''}`;
	const details = [
		hintFor(error, context.signing),
		error.requestId ? `X-Request-Id: ${error.requestId}` : undefined,
	]
		.filter(Boolean)
		.join(' ');
	const apiError = new NodeApiError(
		node,
		{
			error_code: error.errorCode ?? null,
			error_msg: error.errorMsg ?? null,
			request_id: error.requestId ?? null,
		} as JsonObject,
		{
			message,
			description: details || undefined,
			httpCode: String(error.statusCode),
			itemIndex: context.itemIndex,
		},
	);
	return apiError;
}
