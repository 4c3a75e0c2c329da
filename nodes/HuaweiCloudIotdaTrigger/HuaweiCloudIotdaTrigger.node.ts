import { randomBytes } from 'node:crypto';
import type {
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	authenticationCredentials,
	authenticationProperty,
} from '../HuaweiCloudIotda/descriptions/authentication.description';
import { MAIN_CONNECTION } from '../HuaweiCloudIotda/descriptions/mainConnection';
import { listSearch } from '../HuaweiCloudIotda/methods';
import {
	properties,
	readFilters,
	refuseEmptyFilters,
	refuseUnpushedTaskTypes,
} from './description';
import { completeEvent, eventFromTask, isoTime } from './event';
import {
	latestTask,
	pollChanges,
	recordCurrentStatuses,
	storePollState,
	type PollState,
} from './poll';
import {
	deleteRule,
	findRules,
	forgetPushState,
	isEditorTest,
	pushStateOf,
	registerRule,
	ruleIsInPlace,
	urlWithSecret,
	type RuleSpec,
} from './routingRule';
import { registrationToRemove, ruleNameOf, webhookUrlOf } from './registration';
import { receiveNotification } from './webhook';

/** The rule this node owns for the current workflow, webhook URL and filters. */
function ruleSpec(context: IHookFunctions, secret: string): RuleSpec {
	const workflow = context.getWorkflow();
	const node = context.getNode();
	const filters = readFilters((name, fallback) => context.getNodeParameter(name, fallback));
	const description = `n8n workflow "${workflow.name ?? ''}" (${workflow.id ?? ''}), node "${node.name}": batch task status changes`;
	return {
		ruleName: ruleNameOf(context, isEditorTest(context)),
		description: description.slice(0, 256),
		appId: filters.appId,
		url: urlWithSecret(webhookUrlOf(context), secret),
	};
}

export class HuaweiCloudIotdaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Huawei Cloud IoTDA Trigger',
		name: 'huaweiCloudIotdaTrigger',
		icon: {
			light: 'file:../../icons/huaweicloud-iotda.svg',
			dark: 'file:../../icons/huaweicloud-iotda.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{"On batch task status change (" + ($parameter["mode"] === "poll" ? "Poll" : "Push") + ")"}}',
		eventTriggerDescription: 'Waiting for a batch task status change',
		description:
			'Starts the workflow when a Huawei Cloud IoTDA batch task changes status (pushed by IoTDA or polled)',
		defaults: { name: 'Huawei Cloud IoTDA Trigger' },
		inputs: [],
		outputs: [MAIN_CONNECTION],
		credentials: authenticationCredentials,
		// Poll mode runs on n8n's Poll Times; in Push mode poll() returns at once without a request.
		polling: true,
		webhooks: [
			{
				name: 'default',
				// No HTTP method (so no webhook, no rule) in Poll mode.
				httpMethod: '={{$parameter["mode"] === "push" ? "POST" : ""}}',
				responseMode: 'onReceived',
				path: 'iotda-batch-task',
			},
		],
		properties: [authenticationProperty, ...properties],
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = pushStateOf(this);
				if (!state.secret) return false;
				return await ruleIsInPlace(this, ruleSpec(this, state.secret), state);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const filters = readFilters((name, fallback) => this.getNodeParameter(name, fallback));
				refuseEmptyFilters(this.getNode(), filters, true);
				refuseUnpushedTaskTypes(this.getNode(), filters);
				const state = pushStateOf(this);
				state.secret ??= randomBytes(24).toString('hex');
				state.webhookUrl = webhookUrlOf(this);
				const { ruleId, actionId } = await registerRule(this, ruleSpec(this, state.secret));
				state.ruleId = ruleId;
				state.actionId = actionId;
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// n8n removes the test and the production registration alike in mode 'internal'.
				const registration = await registrationToRemove(this);
				if (!registration) return true;
				const editorTest = registration === 'test';
				const state = pushStateOf(this, editorTest);
				const ruleIds = new Set<string>(state.ruleId ? [state.ruleId] : []);
				// Also rules of this node whose ids were lost (e.g. static data not saved after a crash).
				for (const rule of await findRules(this, ruleNameOf(this, editorTest)))
					ruleIds.add(String(rule.rule_id));
				for (const ruleId of ruleIds) await deleteRule(this, ruleId);
				forgetPushState(this, editorTest);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveNotification.call(this);
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const manual = this.getMode() === 'manual';
		if (!manual && this.getNodeParameter('mode', 'push') !== 'poll') return null;
		const filters = readFilters((name, fallback) => this.getNodeParameter(name, fallback));
		refuseEmptyFilters(this.getNode(), filters, !manual);
		if (manual) {
			const task = await latestTask(this, filters);
			if (!task)
				throw new NodeOperationError(
					this.getNode(),
					`No batch task of type ${filters.taskTypes.join(', ')} found to show as a test event`,
				);
			const event = {
				...eventFromTask(task, 'poll', isoTime(undefined)),
				app_id: task.app_id as string | undefined,
			};
			return [
				this.helpers.returnJsonArray([
					filters.includeDetails ? await completeEvent(this, event, true) : event,
				]),
			];
		}
		const staticData = this.getWorkflowStaticData('node') as { poll?: PollState };
		const before = staticData.poll;
		const { events, state } = await pollChanges(this, filters, before);
		// Another poll that overlapped this one stored its state first: it emitted these changes.
		if (!storePollState(staticData, before, state)) return null;
		if (before?.key !== state.key || events.length === 0) return null;
		const items = [];
		for (const event of events)
			items.push(filters.includeDetails ? await completeEvent(this, event, true) : event);
		recordCurrentStatuses(staticData, state, items);
		return [this.helpers.returnJsonArray(items)];
	}
}
