/**
 * The action node's transport (request signing, retries, paging, IoTDA errors) typed for the trigger's
 * contexts. The transport only calls `helpers.httpRequestWithAuthentication`, `getNode` and
 * `getCredentials`, which hook, poll and webhook contexts have with the same signatures; its parameter type
 * names the execute/load-options contexts only, so this is the one place that widens it. The transport
 * picks the credential from the node's `authentication` parameter, which this node shares with the action
 * node (descriptions/authentication.description.ts): AK/SK or IAM token.
 */
import type {
	IExecuteFunctions,
	IHookFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

export type TriggerContext = IHookFunctions | IPollFunctions | IWebhookFunctions;

export function requestContext(context: TriggerContext): IExecuteFunctions {
	return context as unknown as IExecuteFunctions;
}
