// IoTDA data forwarding ("routing rules"): rule triggering conditions and rule actions, as far as the
// Trigger node uses them. Shapes follow the GO SDK (huaweicloud-sdk-go-v3 services/iotda/v5):
//   POST   /routing-rule/rules              CreateRoutingRule   body AddRuleReq     → 201 RoutingRule
//   GET    /routing-rule/rules              ListRoutingRules    query resource, event, app_type, app_id,
//                                           rule_name, active, limit, marker, offset → {rules, count, marker}
//   PUT    /routing-rule/rules/{rule_id}    UpdateRoutingRule   body UpdateRuleReq  → 200 RoutingRule
//   DELETE /routing-rule/rules/{rule_id}    DeleteRoutingRule   → 204
//   POST   /routing-rule/actions            CreateRuleAction    body AddActionReq   → 201 RoutingRuleAction
//   GET    /routing-rule/actions            ListRuleActions     query rule_id, channel, app_type, app_id,
//                                           limit, marker, offset → {actions, count, marker}
//   DELETE /routing-rule/actions/{action_id} DeleteRuleAction   → 204
// (ioTDA_meta.go GenReqDefFor*; model_add_rule_req.go, model_update_rule_req.go, model_routing_rule.go,
// model_routing_rule_subject.go, model_add_action_req.go, model_channel_detail.go, model_http_forwarding.go,
// model_routing_rule_action.go, model_list_routing_rules_*.go, model_list_rule_actions_*.go.)
// Unlike the batch-task lists, these two lists carry `count` and `marker` at the top level, not in `page`.
import * as crypto from 'node:crypto';
import type { AccountState } from './account-state';
import { invalidInput, notFound } from './errors';
import { parseJsonBody } from './http-io';
import { pageByMarker, parsePageParams } from './paging';
import type { RouteContext, RouteResult } from './api-routes';

/** resource → events it accepts (model_routing_rule_subject.go "resource：event" table). */
export const SUBJECT_EVENTS: Readonly<Record<string, readonly string[]>> = {
	device: ['create', 'delete', 'update'],
	'device.status': ['update'],
	'device.property': ['report'],
	'device.message': ['report'],
	'device.message.status': ['update'],
	batchtask: ['update'],
	product: ['create', 'delete', 'update'],
	'device.command.status': ['update'],
};
/** AddActionReq.channel values (model_add_action_req.go); only HTTP_FORWARDING is ever delivered. */
export const CHANNELS = [
	'HTTP_FORWARDING',
	'DIS_FORWARDING',
	'OBS_FORWARDING',
	'AMQP_FORWARDING',
	'DMS_KAFKA_FORWARDING',
] as const;
const SQL_MAX = 500;
/** CreateRoutingRule page (api-iothub iot_06_v5_01307): "letters, digits, and special characters (_?'#().,&%@!-)", 1–256. */
const RULE_NAME = /^[A-Za-z0-9_?'#().,&%@!-]{1,256}$/;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,36}$/;

export interface RoutingRule {
	rule_id: string;
	rule_name?: string;
	description?: string;
	subject: { resource: string; event: string };
	app_type: 'GLOBAL' | 'APP';
	app_id?: string;
	select?: string;
	where?: string;
	active: boolean;
	/** Hidden 24-hex record id for marker paging (newest = largest). */
	recordId: string;
	/** Hidden: emulator time of the last activation (tasks created since are notified from their start). */
	activatedAt?: number;
}

export interface RuleAction {
	action_id: string;
	rule_id: string;
	app_id?: string;
	channel: string;
	channel_detail: Record<string, unknown>;
	batch: boolean;
	recordId: string;
}

export interface RoutingState {
	rules: RoutingRule[];
	actions: RuleAction[];
	nextRecord: number;
}

/** The account's routing store, created on first use (reset() drops it with the rest of the account). */
export function routingOf(state: AccountState): RoutingState {
	state.routing ??= { rules: [], actions: [], nextRecord: 0 };
	return state.routing;
}

function recordId(r: RoutingState): string {
	r.nextRecord += 1;
	return r.nextRecord.toString(16).padStart(24, '0');
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function optionalString(
	body: Record<string, unknown>,
	key: string,
	max: number,
): string | undefined {
	const v = body[key];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string') throw invalidInput(`${key} must be a string`);
	if (v.length > max) throw invalidInput(`${key} must be at most ${max} characters`);
	return v;
}

/** Public view of a rule (RoutingRule model: no hidden fields). */
export function ruleView(rule: RoutingRule): Record<string, unknown> {
	const shown: Partial<RoutingRule> = { ...rule };
	delete shown.recordId;
	delete shown.activatedAt;
	return shown;
}

export function actionView(action: RuleAction): Record<string, unknown> {
	const shown: Partial<RuleAction> = { ...action };
	delete shown.recordId;
	return shown;
}

/**
 * The resource space a rule applies to: GLOBAL = every space; APP = its app_id or, without one, the default
 * space (AddRuleReq.app_type: "不携带app_id则创建规则生效范围为默认资源空间").
 */
export function ruleAppliesTo(rule: RoutingRule, appId: string, defaultAppId: string): boolean {
	return rule.app_type === 'GLOBAL' || (rule.app_id ?? defaultAppId) === appId;
}

function createRule(ctx: RouteContext): RouteResult {
	const body = parseJsonBody(ctx.body, ctx.headers['content-type']);
	if (!isObject(body)) throw invalidInput('the request body must be a JSON object');
	const subject = body.subject;
	if (
		!isObject(subject) ||
		typeof subject.resource !== 'string' ||
		typeof subject.event !== 'string'
	) {
		throw invalidInput('subject with resource and event is required');
	}
	const events = SUBJECT_EVENTS[subject.resource];
	if (!events)
		throw invalidInput(`subject.resource must be one of ${Object.keys(SUBJECT_EVENTS).join(', ')}`);
	if (!events.includes(subject.event))
		throw invalidInput(`subject.event of ${subject.resource} must be one of ${events.join(', ')}`);
	const appType = body.app_type ?? 'GLOBAL';
	if (appType !== 'GLOBAL' && appType !== 'APP')
		throw invalidInput('app_type must be GLOBAL or APP');
	const appId = optionalString(body, 'app_id', 36);
	if (appId !== undefined && !ID_PATTERN.test(appId))
		throw invalidInput('app_id must match [A-Za-z0-9_-]{1,36}');
	if (appId !== undefined && !ctx.state.catalog.apps.some((a) => a.app_id === appId))
		throw notFound(`Resource space ${appId} does not exist.`);
	const ruleName = optionalString(body, 'rule_name', 256);
	if (ruleName !== undefined && !RULE_NAME.test(ruleName))
		throw invalidInput("rule_name may hold only letters, digits and _?'#().,&%@!- (1-256)");
	const routing = routingOf(ctx.state);
	const rule: RoutingRule = {
		rule_id: crypto.randomUUID(),
		rule_name: ruleName,
		description: optionalString(body, 'description', 256),
		subject: { resource: subject.resource, event: subject.event },
		app_type: appType,
		// A GLOBAL rule has no resource space; an APP rule without app_id is the default space's.
		app_id: appType === 'APP' ? (appId ?? ctx.state.catalog.defaultAppId) : undefined,
		select: optionalString(body, 'select', SQL_MAX),
		where: optionalString(body, 'where', SQL_MAX),
		// Created inactive: the push page says rules are activated with UpdateRoutingRule.
		active: false,
		recordId: recordId(routing),
	};
	routing.rules.push(rule);
	return { status: 201, body: ruleView(rule) };
}

function findRule(state: AccountState, ruleId: string): RoutingRule {
	const rule = routingOf(state).rules.find((r) => r.rule_id === ruleId);
	if (!rule) throw notFound(`Routing rule ${ruleId} does not exist.`);
	return rule;
}

function updateRule(ctx: RouteContext): RouteResult {
	const rule = findRule(ctx.state, ctx.params[0]);
	const body = parseJsonBody(ctx.body, ctx.headers['content-type']);
	if (!isObject(body)) throw invalidInput('the request body must be a JSON object');
	const select = optionalString(body, 'select', SQL_MAX);
	const where = optionalString(body, 'where', SQL_MAX);
	// UpdateRuleReq: "更新sql时，select跟where必须同时传参".
	if ((select === undefined) !== (where === undefined))
		throw invalidInput('select and where must be updated together');
	if (body.active !== undefined && typeof body.active !== 'boolean')
		throw invalidInput('active must be a boolean');
	const name = optionalString(body, 'rule_name', 256);
	const description = optionalString(body, 'description', 256);
	if (name !== undefined) rule.rule_name = name;
	if (description !== undefined) rule.description = description;
	if (select !== undefined) [rule.select, rule.where] = [select || undefined, where || undefined];
	if (body.active === true && !rule.active) rule.activatedAt = ctx.now;
	if (typeof body.active === 'boolean') rule.active = body.active;
	return { status: 200, body: ruleView(rule) };
}

function scopeFilter<T extends { app_id?: string }>(
	ctx: RouteContext,
	items: T[],
	appTypeOf: (item: T) => string,
): T[] {
	const appType = ctx.query.app_type;
	if (appType !== undefined && appType !== 'GLOBAL' && appType !== 'APP')
		throw invalidInput('app_type must be GLOBAL or APP');
	const appId = ctx.query.app_id;
	if (appId !== undefined && !ID_PATTERN.test(appId))
		throw invalidInput('app_id must match [A-Za-z0-9_-]{1,36}');
	if (appType === undefined) return items;
	if (appType === 'GLOBAL') return items.filter((i) => appTypeOf(i) === 'GLOBAL');
	const space = appId ?? ctx.state.catalog.defaultAppId;
	return items.filter((i) => appTypeOf(i) === 'APP' && i.app_id === space);
}

const newestFirst = <T extends { recordId: string }>(items: T[]) =>
	[...items].sort((a, b) => (a.recordId < b.recordId ? 1 : -1));

function listRules(ctx: RouteContext): RouteResult {
	const { resource, event, rule_name: ruleName, active } = ctx.query;
	if (active !== undefined && active !== 'true' && active !== 'false')
		throw invalidInput('active must be true or false');
	const rules = scopeFilter(ctx, routingOf(ctx.state).rules, (r) => r.app_type).filter(
		(r) =>
			(resource === undefined || r.subject.resource === resource) &&
			(event === undefined || r.subject.event === event) &&
			(ruleName === undefined || r.rule_name === ruleName) &&
			(active === undefined || String(r.active) === active),
	);
	const { items, page } = pageByMarker(
		newestFirst(rules),
		(r) => r.recordId,
		parsePageParams(ctx.query),
	);
	return {
		status: 200,
		body: {
			rules: items.map(ruleView),
			count: page.count,
			...(page.marker ? { marker: page.marker } : {}),
		},
	};
}

function deleteRule(ctx: RouteContext): RouteResult {
	const rule = findRule(ctx.state, ctx.params[0]);
	const routing = routingOf(ctx.state);
	routing.rules = routing.rules.filter((r) => r !== rule);
	// Assumption (no source says): a rule's actions go with it, as in the console.
	routing.actions = routing.actions.filter((a) => a.rule_id !== rule.rule_id);
	return { status: 204 };
}

function checkChannelDetail(channel: string, detail: unknown): Record<string, unknown> {
	if (!isObject(detail)) throw invalidInput('channel_detail is required');
	if (channel !== 'HTTP_FORWARDING') return detail;
	const http = detail.http_forwarding;
	if (!isObject(http) || typeof http.url !== 'string')
		throw invalidInput('channel_detail.http_forwarding.url is required for HTTP_FORWARDING');
	let parsed: URL;
	try {
		parsed = new URL(http.url);
	} catch {
		throw invalidInput('channel_detail.http_forwarding.url is not a valid URL');
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
		throw invalidInput('channel_detail.http_forwarding.url must be http(s)');
	return { http_forwarding: { ...http } };
}

function createAction(ctx: RouteContext): RouteResult {
	const body = parseJsonBody(ctx.body, ctx.headers['content-type']);
	if (!isObject(body)) throw invalidInput('the request body must be a JSON object');
	if (typeof body.rule_id !== 'string' || !ID_PATTERN.test(body.rule_id))
		throw invalidInput('rule_id must match [A-Za-z0-9_-]{1,36}');
	const rule = findRule(ctx.state, body.rule_id);
	if (typeof body.channel !== 'string' || !(CHANNELS as readonly string[]).includes(body.channel)) {
		throw invalidInput(`channel must be one of ${CHANNELS.join(', ')}`);
	}
	if (body.batch !== undefined && typeof body.batch !== 'boolean')
		throw invalidInput('batch must be a boolean');
	const routing = routingOf(ctx.state);
	const action: RuleAction = {
		action_id: crypto.randomUUID(),
		rule_id: rule.rule_id,
		app_id: rule.app_id,
		channel: body.channel,
		channel_detail: checkChannelDetail(body.channel, body.channel_detail),
		batch: body.batch === true,
		recordId: recordId(routing),
	};
	routing.actions.push(action);
	return { status: 201, body: actionView(action) };
}

function listActions(ctx: RouteContext): RouteResult {
	const { rule_id: ruleId, channel } = ctx.query;
	const routing = routingOf(ctx.state);
	const appTypeOf = (a: RuleAction) =>
		routing.rules.find((r) => r.rule_id === a.rule_id)?.app_type ?? 'GLOBAL';
	// ListRuleActionsRequest: app_id applies only "rule_id不携带且app_type为APP时".
	const scoped =
		ruleId === undefined ? scopeFilter(ctx, routing.actions, appTypeOf) : routing.actions;
	const actions = scoped.filter(
		(a) =>
			(ruleId === undefined || a.rule_id === ruleId) &&
			(channel === undefined || a.channel === channel),
	);
	const { items, page } = pageByMarker(
		newestFirst(actions),
		(a) => a.recordId,
		parsePageParams(ctx.query),
	);
	return {
		status: 200,
		body: {
			actions: items.map(actionView),
			count: page.count,
			...(page.marker ? { marker: page.marker } : {}),
		},
	};
}

function deleteAction(ctx: RouteContext): RouteResult {
	const routing = routingOf(ctx.state);
	const i = routing.actions.findIndex((a) => a.action_id === ctx.params[0]);
	if (i < 0) throw notFound(`Rule action ${ctx.params[0]} does not exist.`);
	routing.actions.splice(i, 1);
	return { status: 204 };
}

/** Routes under /v5/iot/{project_id}, merged into api-routes.ts's table. */
export const ROUTING_ROUTES = [
	{ method: 'POST', pattern: /^\/routing-rule\/rules$/, handle: createRule },
	{ method: 'GET', pattern: /^\/routing-rule\/rules$/, handle: listRules },
	{ method: 'PUT', pattern: /^\/routing-rule\/rules\/([^/]+)$/, handle: updateRule },
	{ method: 'DELETE', pattern: /^\/routing-rule\/rules\/([^/]+)$/, handle: deleteRule },
	{ method: 'POST', pattern: /^\/routing-rule\/actions$/, handle: createAction },
	{ method: 'GET', pattern: /^\/routing-rule\/actions$/, handle: listActions },
	{ method: 'DELETE', pattern: /^\/routing-rule\/actions\/([^/]+)$/, handle: deleteAction },
];
