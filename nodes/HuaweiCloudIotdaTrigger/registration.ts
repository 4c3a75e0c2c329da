/**
 * Which of the node's two push registrations — the active workflow's (production) or the editor test's — a
 * delete() call removes. n8n tears both down the same way, deleteWebhook(workflow, webhookData, 'internal',
 * 'update'): ActiveWorkflowManager.clearWebhooks on deactivation, TestWebhooks.deactivateWebhooks when a test
 * ends, times out or its create fails (n8n 1.46 – 2.x, packages/cli). The mode cannot tell them apart; what
 * differs is webhookData.isTest, which n8n keeps on the test's webhook data and which reaches the node only as
 * the URL getNodeWebhookUrl returns (the webhook-test base URL). The test's static data is not reliable either:
 * n8n gives a test registration a fresh one and restores it at teardown only if create got far enough.
 */
import type { IHookFunctions } from 'n8n-workflow';

import {
	actionUrl,
	findActions,
	findRules,
	isEditorTest,
	ruleNameFor,
	SECRET_PARAMETER,
	type PushStaticData,
} from './routingRule';

export type Registration = 'production' | 'test';

/** The webhook URL n8n gives this call (the test one when webhookData.isTest is set), without query. */
export function webhookUrlOf(context: IHookFunctions): string {
	return context.getNodeWebhookUrl('default') ?? '';
}

/** Whether an HTTP forwarding URL (the webhook URL plus `?token=<secret>`) goes to this webhook URL. */
export function forwardsTo(forwardingUrl: string | undefined, webhookUrl: string): boolean {
	if (!forwardingUrl || !webhookUrl) return false;
	try {
		const url = new URL(forwardingUrl);
		url.searchParams.delete(SECRET_PARAMETER);
		return url.toString() === new URL(webhookUrl).toString();
	} catch {
		return false;
	}
}

/** The rule name of one registration of this call's node and workflow. */
export function ruleNameOf(context: IHookFunctions, editorTest: boolean): string {
	const workflowId = String(context.getWorkflow().id ?? 'unsaved');
	return ruleNameFor(workflowId, context.getNode().id, editorTest);
}

/** The registration whose rule in IoTDA forwards to this webhook URL, if any (two lists per registration). */
async function registrationInIotda(
	context: IHookFunctions,
	webhookUrl: string,
): Promise<Registration | undefined> {
	for (const editorTest of [true, false]) {
		for (const rule of await findRules(context, ruleNameOf(context, editorTest))) {
			const actions = await findActions(context, String(rule.rule_id));
			if (actions.some((a) => forwardsTo(actionUrl(a), webhookUrl)))
				return editorTest ? 'test' : 'production';
		}
	}
	return undefined;
}

/**
 * The registration a delete() call removes, or undefined when nothing of this call is registered (e.g. the
 * teardown of a test whose create was refused) — then nothing may be deleted. In order:
 * 1. mode 'manual' → test (isEditorTest);
 * 2. the webhook URL recorded at create for the test, then for production (static data; no request);
 * 3. the rule of this node whose HTTP action forwards to this URL (IoTDA; static data lost or not restored);
 * 4. the production ids in static data → production: n8n never gives a test registration the workflow's
 *    static data, so they are the active workflow's (e.g. n8n's webhook URL changed since activation).
 */
export async function registrationToRemove(
	context: IHookFunctions,
): Promise<Registration | undefined> {
	if (isEditorTest(context)) return 'test';
	const data = context.getWorkflowStaticData('node') as PushStaticData;
	const webhookUrl = webhookUrlOf(context);
	if (data.test?.webhookUrl && data.test.webhookUrl === webhookUrl) return 'test';
	if (data.webhookUrl && data.webhookUrl === webhookUrl) return 'production';
	const inIotda = await registrationInIotda(context, webhookUrl);
	if (inIotda) return inIotda;
	return data.ruleId ? 'production' : undefined;
}
