/**
 * Push mode's registration in IoTDA: one routing rule (subject batchtask/update, the "batch task status
 * change" event) and one HTTP forwarding action with this workflow's webhook URL, found by the rule's name
 * so that a second activation reuses them instead of adding a second rule.
 *
 * The calls (CreateRoutingRule, ListRoutingRules, UpdateRoutingRule, DeleteRoutingRule, CreateRuleAction,
 * ListRuleActions, DeleteRuleAction) are in api/routingRules.ts, with their sources.
 * The push itself: Huawei "Push a Batch Task Status Change Notification" (api-iothub iot_06_v5_01204).
 */
import type { IDataObject, IHookFunctions, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	activateRoutingRule,
	createHttpForwardingAction,
	createRoutingRule,
	deleteRoutingRule,
	deleteRuleAction,
	listRoutingRules,
	listRuleActions,
} from '../HuaweiCloudIotda/api/routingRules';

export const RULE_SUBJECT = { resource: 'batchtask', event: 'update' } as const;
/** The query parameter of the webhook URL that carries the workflow's secret. */
export const SECRET_PARAMETER = 'token';

/** What the node keeps in the workflow's static data (per node) for push mode. */
export interface PushState {
	secret?: string;
	ruleId?: string;
	actionId?: string;
	/** The webhook URL n8n gave the registration (without the secret): tells n8n's teardown calls apart. */
	webhookUrl?: string;
}

/** The node's static data: the active workflow's registration at the top, the editor test's under `test`. */
export interface PushStaticData extends PushState {
	test?: PushState;
}

/**
 * Whether a hook or webhook call belongs to the editor's test registration, by n8n's execution mode: n8n
 * registers the test webhook with createWebhookIfNotExists(…, 'manual', 'manual') and runs its calls in mode
 * 'manual' (n8n 1.46 – 2.x, cli test-webhooks.ts needsWebhook / executeWebhook); the active workflow's
 * activation runs in 'trigger' and its calls in 'webhook'. Not for delete(): n8n tears both registrations
 * down in mode 'internal' (see registration.ts, registrationToRemove).
 */
export function isEditorTest(context: IHookFunctions | IWebhookFunctions): boolean {
	return context.getMode() === 'manual';
}

/**
 * The push state of a registration, in the node's static data: the active workflow's
 * `{secret, ruleId, actionId, webhookUrl}` at the top level, the editor test's under `test`, so that a test run
 * neither reads nor replaces the active workflow's secret or ids.
 */
export function pushStateOf(
	context: IHookFunctions | IWebhookFunctions,
	editorTest = isEditorTest(context),
): PushState {
	const data = context.getWorkflowStaticData('node') as PushStaticData;
	if (!editorTest) return data;
	data.test ??= {};
	return data.test;
}

/** Forgets a registration (secret, ids, URL) after its removal; the other registration is kept. */
export function forgetPushState(context: IHookFunctions, editorTest: boolean): void {
	const data = context.getWorkflowStaticData('node') as PushStaticData;
	if (editorTest) {
		delete data.test;
		return;
	}
	delete data.ruleId;
	delete data.actionId;
	delete data.secret;
	delete data.webhookUrl;
}

/** The rule a workflow's trigger node owns: its name, description, scope and the URL IoTDA posts to. */
export interface RuleSpec {
	ruleName: string;
	description: string;
	appId?: string;
	url: string;
}

/**
 * `n8n_<workflow id>_<node id>` (+ `_test` for the editor's test webhook): unique per trigger node and
 * registration, recognisable in the console, and only letters, digits and underscores (AddRuleReq gives no
 * pattern for rule_name, so the safest characters). The test rule has its own name so that registering and
 * removing it never finds, rewires or deletes the active workflow's rule.
 */
export function ruleNameFor(workflowId: string, nodeId: string, editorTest = false): string {
	const clean = (s: string) => s.replace(/[^A-Za-z0-9]/g, '');
	return `n8n_${clean(workflowId)}_${clean(nodeId).slice(0, 12)}${editorTest ? '_test' : ''}`;
}

/** The webhook URL with the secret as a query parameter (IoTDA's HTTP forwarding has no header option). */
export function urlWithSecret(webhookUrl: string, secret: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(SECRET_PARAMETER, secret);
	return url.toString();
}

export async function findRules(context: IHookFunctions, ruleName: string): Promise<IDataObject[]> {
	const rules = await listRoutingRules.call(context, { ...RULE_SUBJECT, rule_name: ruleName });
	// Some servers may treat rule_name as a fuzzy filter: keep exact matches only.
	return rules.filter((r) => r.rule_name === ruleName);
}

export async function findActions(context: IHookFunctions, ruleId: string): Promise<IDataObject[]> {
	return await listRuleActions.call(context, ruleId);
}

export function actionUrl(action: IDataObject): string | undefined {
	const detail = (action.channel_detail as IDataObject | undefined)?.http_forwarding as
		| IDataObject
		| undefined;
	return typeof detail?.url === 'string' ? detail.url : undefined;
}

/** Whether a rule has the scope the spec asks for: APP + that space, or GLOBAL. */
export function hasScope(rule: IDataObject, appId: string | undefined): boolean {
	return appId ? rule.app_type === 'APP' && rule.app_id === appId : rule.app_type !== 'APP';
}

/** Runs a delete; already gone (404) is what was wanted, anything else is passed on as a NodeApiError. */
async function deleteIfPresent(
	context: IHookFunctions,
	remove: () => Promise<void>,
): Promise<void> {
	try {
		await remove();
	} catch (error) {
		const apiError =
			error instanceof NodeApiError
				? error
				: new NodeApiError(context.getNode(), error as JsonObject);
		if (apiError.httpCode !== '404') throw apiError;
	}
}

export async function deleteRule(context: IHookFunctions, ruleId: string): Promise<void> {
	for (const action of await findActions(context, ruleId)) {
		const actionId = String(action.action_id);
		await deleteIfPresent(context, async () => await deleteRuleAction.call(context, actionId));
	}
	await deleteIfPresent(context, async () => await deleteRoutingRule.call(context, ruleId));
}

async function createRule(context: IHookFunctions, spec: RuleSpec): Promise<IDataObject> {
	// Not safe to repeat blindly; a lost answer is found again by name on the next activation.
	return await createRoutingRule.call(context, {
		rule_name: spec.ruleName,
		description: spec.description,
		subject: { ...RULE_SUBJECT },
		app_type: spec.appId ? 'APP' : 'GLOBAL',
		...(spec.appId ? { app_id: spec.appId } : {}),
	});
}

/** The one rule of this spec: an existing one with the right scope, else a new one; others are deleted. */
async function ensureRule(context: IHookFunctions, spec: RuleSpec): Promise<IDataObject> {
	const existing = await findRules(context, spec.ruleName);
	const keep = existing.find((r) => hasScope(r, spec.appId));
	for (const rule of existing) if (rule !== keep) await deleteRule(context, String(rule.rule_id));
	return keep ?? (await createRule(context, spec));
}

/** The rule's one HTTP action to the spec's URL; actions to other URLs (an old secret) are deleted. */
async function ensureAction(
	context: IHookFunctions,
	ruleId: string,
	url: string,
): Promise<IDataObject> {
	const actions = await findActions(context, ruleId);
	const keep = actions.find((a) => a.channel === 'HTTP_FORWARDING' && actionUrl(a) === url);
	for (const action of actions) {
		if (action === keep) continue;
		const actionId = String(action.action_id);
		await deleteIfPresent(
			context,
			async () => await deleteRuleAction.call(context, actionId, 'Delete outdated rule action'),
		);
	}
	return keep ?? (await createHttpForwardingAction.call(context, ruleId, url));
}

/** Creates or reuses the rule and its action, then activates the rule. Returns their ids. */
export async function registerRule(
	context: IHookFunctions,
	spec: RuleSpec,
): Promise<{ ruleId: string; actionId: string }> {
	const rule = await ensureRule(context, spec);
	const ruleId = String(rule.rule_id);
	const action = await ensureAction(context, ruleId, spec.url);
	if (rule.active !== true) await activateRoutingRule.call(context, ruleId);
	return { ruleId, actionId: String(action.action_id) };
}

/** Whether the stored rule still exists, is active, has the right scope and forwards to exactly this URL. */
export async function ruleIsInPlace(
	context: IHookFunctions,
	spec: RuleSpec,
	state: PushState,
): Promise<boolean> {
	if (!state.ruleId || !state.actionId) return false;
	const rule = (await findRules(context, spec.ruleName)).find((r) => r.rule_id === state.ruleId);
	if (!rule || rule.active !== true || !hasScope(rule, spec.appId)) return false;
	const actions = await findActions(context, state.ruleId);
	return (
		actions.length === 1 &&
		actions[0].action_id === state.actionId &&
		actionUrl(actions[0]) === spec.url
	);
}
