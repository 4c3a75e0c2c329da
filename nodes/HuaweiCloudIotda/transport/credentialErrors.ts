/**
 * Credential problems found before anything reached IoTDA (an empty field, IAM refusing the password): never
 * retried, and an IAM refusal is not asked again within the same execution. IAM locks a user after repeated
 * failed logins (IAM user guide iam_01_0704 "Login Authentication Policy", Account Lockout: by default 5
 * unsuccessful attempts within 15 minutes, settable from 3 to 10), and n8n calls the credential's
 * `preAuthentication` again for every request while the token field is empty — with One Task per Item and
 * Continue On Fail, once per item: 6 items were 6 failed logins.
 *
 * Where the refusal is remembered: the execution's own flow context (n8n-core `getContext('flow')`, kept in the
 * execution's run data as `contextData.flow`), one entry per credential id. It is n8n's per-execution place: it
 * ends with the execution, so the next execution asks IAM again (the password may have been fixed), and the
 * module keeps no state of its own. n8n's credential layer offers none: `preAuthentication` gets only request
 * helpers, and its answer is stored only when it holds a token (credentials-helper.ts `preAuthentication`).
 * Contexts without a flow context (dropdowns: one request each) ask IAM every time.
 */
import { NodeApiError, type IExecuteFunctions, type INode, type JsonObject } from 'n8n-workflow';

/** What the transport needs of its context here; every n8n function context has `getNode`. */
export interface CredentialContext {
	getNode(): INode;
	getContext?: IExecuteFunctions['getContext'];
}

/** The key of the flow context that holds this package's IAM refusals, by credential id. */
const REFUSALS_KEY = 'huaweiCloudIotdaIamRefusals';

interface Refusal {
	message: string;
	hint: string;
}

const NOT_ASKED_AGAIN =
	'IAM was not asked again in this execution: it locks users after repeated failed logins.';

type CredentialCause = Error & { hint?: string; answered?: boolean };

/** The credential's own error behind n8n-core's wrapping (its `cause`), if the failure is one. */
function causeOf(error: unknown): CredentialCause | undefined {
	const cause = (error as { cause?: CredentialCause } | undefined)?.cause;
	return cause?.name === 'IamTokenError' || cause?.name === 'IotdaCredentialError'
		? cause
		: undefined;
}

/** The execution's refusals (created when `create`); undefined where the context has no flow context. */
function refusals(
	context: CredentialContext,
	create: boolean,
): Record<string, Refusal> | undefined {
	try {
		const flow = context.getContext?.('flow');
		if (flow && create) flow[REFUSALS_KEY] ??= {};
		return flow?.[REFUSALS_KEY] as Record<string, Refusal> | undefined;
	} catch {
		return undefined; // a context whose run data has no execution data (n8n-core throws)
	}
}

function credentialIdOf(context: CredentialContext, credentialType: string): string {
	return context.getNode().credentials?.[credentialType]?.id ?? credentialType;
}

function apiError(context: CredentialContext, refusal: Refusal, itemIndex?: number) {
	return new NodeApiError(context.getNode(), { message: refusal.message } as JsonObject, {
		message: refusal.message,
		description: refusal.hint,
		itemIndex,
	});
}

/**
 * The error of an IAM refusal this execution already met for the credential of `credentialType`, so the request
 * is not sent (n8n would log in again first); undefined when there is none.
 */
export function rememberedRefusal(
	this: CredentialContext,
	credentialType: string,
	itemIndex?: number,
): NodeApiError | undefined {
	const known = refusals(this, false);
	// Checked first: the usual run has none, and getNode() copies every parameter of the node.
	if (!known) return undefined;
	const refusal = known[credentialIdOf(this, credentialType)];
	return refusal
		? apiError(this, { ...refusal, hint: `${refusal.hint} ${NOT_ASKED_AGAIN}` }, itemIndex)
		: undefined;
}

/**
 * The NodeApiError for a request n8n-core failed because of the credential (IamTokenError,
 * IotdaCredentialError); undefined for any other failure. An IAM answer refusing the token is remembered for the
 * rest of the execution (rememberedRefusal); IAM not being reached is not.
 */
export function credentialError(
	this: CredentialContext,
	error: unknown,
	credentialType: string,
	itemIndex?: number,
): NodeApiError | undefined {
	const cause = causeOf(error);
	if (!cause) return undefined;
	const refusal = { message: cause.message, hint: cause.hint ?? 'Check the node’s credential.' };
	if (cause.name === 'IamTokenError' && cause.answered !== false) {
		const known = refusals(this, true);
		if (known) known[credentialIdOf(this, credentialType)] = refusal;
	}
	return apiError(this, refusal, itemIndex);
}
