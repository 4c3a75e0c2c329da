// The report example (examples/rollout-report.json) run headless against one batch task, with its mail and chat
// going to local sinks (report-sinks.mjs). Shared by the e2e case and the demo, which saves the chart it mails.
import { loadExample, nodeNamed, setAssignment, withCredential } from './examples.mjs';
import { smtpCredentialData, startChatSink, startMailSink } from './report-sinks.mjs';

export const REPORT_EXAMPLE = 'rollout-report.json';
export const REPORT_NODE = 'Task Report';
export const MAIL_NODE = 'Mail the Report';
export const CHAT_NODE = 'Post to Chat';
export const MAIL_TO = 'ops@example.com';

/**
 * Imports the SMTP credential the example's mail node names (pointed at a fresh mail sink) and a copy of the
 * example with its own id, for `taskId`, mailing MAIL_TO and posting to a fresh chat sink; runs it with
 * `n8n execute`. Returns {result (N8nInstance.execute), mails (parsed), posts (chat bodies), workflowId}.
 */
export async function runReportExample(stage, { taskId, workflowId = 'iotdaE2eReport01' }) {
	const mail = await startMailSink();
	const chat = await startChatSink();
	try {
		const workflow = withCredential(loadExample(REPORT_EXAMPLE));
		workflow.id = workflowId;
		workflow.name = `${workflow.name} (${workflowId})`;
		setAssignment(workflow, 'Report Settings', 'taskId', taskId);
		setAssignment(workflow, 'Report Settings', 'mailTo', MAIL_TO);
		setAssignment(workflow, 'Report Settings', 'chatWebhookUrl', chat.url);
		const smtp = nodeNamed(workflow, MAIL_NODE).credentials?.smtp;
		if (!smtp) throw new Error(`"${MAIL_NODE}" in ${REPORT_EXAMPLE} names no SMTP credential`);
		await stage.n8n.importCredentials([
			{ ...smtp, type: 'smtp', data: smtpCredentialData(mail.port) },
		]);
		await stage.n8n.importWorkflows([workflow]);
		const result = await stage.n8n.execute(workflowId);
		return { result, mails: mail.mails, posts: chat.posts, workflowId };
	} finally {
		await Promise.all([mail.close(), chat.close()]);
	}
}
