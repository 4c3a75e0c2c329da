/**
 * IoTDA's data-forwarding ("routing rule") API, used by the trigger's Push mode (huaweicloud-sdk-go-v3
 * services/iotda/v5, ioTDA_meta.go and model_*.go):
 * - CreateRoutingRule `POST /routing-rule/rules`, body AddRuleReq {rule_name, description, subject:
 *   {resource, event}, app_type GLOBAL|APP, app_id} → RoutingRule {rule_id, …, active};
 * - ListRoutingRules `GET /routing-rule/rules?resource&event&rule_name&limit&marker&offset` → {rules, count,
 *   marker} (count and marker at the top level, not in `page`);
 * - UpdateRoutingRule `PUT /routing-rule/rules/{rule_id}`, body UpdateRuleReq {active: true};
 * - DeleteRoutingRule `DELETE /routing-rule/rules/{rule_id}`;
 * - CreateRuleAction `POST /routing-rule/actions`, body AddActionReq {rule_id, channel, channel_detail}
 *   → RoutingRuleAction {action_id, …};
 * - ListRuleActions `GET /routing-rule/actions?rule_id&limit&marker&offset` → {actions, count, marker};
 * - DeleteRuleAction `DELETE /routing-rule/actions/{action_id}`.
 * Both lists go through the transport's one pager. Creates are not safe to repeat blindly: a lost answer is
 * found again by the rule's name on the next activation.
 */
import type { IDataObject } from 'n8n-workflow';

import { iotdaRequest, iotdaRequestAllPages, type Context } from '../transport';

const RULES_PATH = '/routing-rule/rules';
const ACTIONS_PATH = '/routing-rule/actions';

const rulePath = (ruleId: string) => `${RULES_PATH}/${encodeURIComponent(ruleId)}`;
const actionPath = (actionId: string) => `${ACTIONS_PATH}/${encodeURIComponent(actionId)}`;

/** Every routing rule that matches `qs` (e.g. `{resource, event, rule_name}`), all pages. */
export async function listRoutingRules(
	this: Context,
	qs: IDataObject,
	action = 'List routing rules',
): Promise<IDataObject[]> {
	return await iotdaRequestAllPages.call(this, {
		method: 'GET',
		path: RULES_PATH,
		qs,
		listKey: 'rules',
		action,
	});
}

/** Every action of the rule `ruleId`, all pages. */
export async function listRuleActions(this: Context, ruleId: string): Promise<IDataObject[]> {
	return await iotdaRequestAllPages.call(this, {
		method: 'GET',
		path: ACTIONS_PATH,
		qs: { rule_id: ruleId },
		listKey: 'actions',
		action: `List actions of routing rule ${ruleId}`,
	});
}

/** CreateRoutingRule with `body` (AddRuleReq); sent once (not retried after a server error). */
export async function createRoutingRule(this: Context, body: IDataObject): Promise<IDataObject> {
	return await iotdaRequest.call(this, {
		method: 'POST',
		path: RULES_PATH,
		body,
		action: 'Create routing rule',
		idempotent: false,
	});
}

/** UpdateRoutingRule `{active: true}`: safe to repeat. */
export async function activateRoutingRule(this: Context, ruleId: string): Promise<IDataObject> {
	return await iotdaRequest.call(this, {
		method: 'PUT',
		path: rulePath(ruleId),
		body: { active: true },
		action: `Activate routing rule ${ruleId}`,
		idempotent: true,
	});
}

/** DeleteRoutingRule; a 404 comes back as the transport's NodeApiError like any other failure. */
export async function deleteRoutingRule(this: Context, ruleId: string): Promise<void> {
	await iotdaRequest.call(this, {
		method: 'DELETE',
		path: rulePath(ruleId),
		action: `Delete routing rule ${ruleId}`,
	});
}

/**
 * CreateRuleAction: an HTTP_FORWARDING action of the rule `ruleId` that posts to `url`; sent once (not
 * retried after a server error).
 */
export async function createHttpForwardingAction(
	this: Context,
	ruleId: string,
	url: string,
): Promise<IDataObject> {
	return await iotdaRequest.call(this, {
		method: 'POST',
		path: ACTIONS_PATH,
		body: {
			rule_id: ruleId,
			channel: 'HTTP_FORWARDING',
			channel_detail: { http_forwarding: { url } },
		},
		action: `Create HTTP forwarding action of routing rule ${ruleId}`,
		idempotent: false,
	});
}

/** DeleteRuleAction; `action` names it in errors (e.g. "Delete outdated rule action"). */
export async function deleteRuleAction(
	this: Context,
	actionId: string,
	action = `Delete rule action ${actionId}`,
): Promise<void> {
	await iotdaRequest.call(this, { method: 'DELETE', path: actionPath(actionId), action });
}
