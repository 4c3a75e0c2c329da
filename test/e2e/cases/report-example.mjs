// The report example headless: a finished firmwareUpgrade task (60 devices, 3 offline) → Batch Task → Get with
// Report → Send Email to a local SMTP sink and an HTTP Request to a local chat webhook. Checks the mail (subject,
// recipient, HTML with cid:chart, exactly one PNG attached as `chart`, 800 × 450, the bar in the task's proportion
// read with the built chart's own layout) and that the chat received the node's Markdown as is.
import { createRequire } from 'node:module';
import path from 'node:path';
import { PNG } from 'pngjs';
import { demoDeviceIds } from '../../harness/device-sheet.mjs';
import { N8nInstance } from '../../harness/n8n-instance.mjs';
import { repoRoot } from '../../harness/package-under-test.mjs';
import {
	MAIL_TO,
	REPORT_EXAMPLE,
	REPORT_NODE,
	runReportExample,
} from '../../harness/report-example.mjs';
import { waitForTasks } from '../../harness/rollout-report.mjs';
import { check, checkEqual } from '../lib/check.mjs';

export const EXAMPLE = REPORT_EXAMPLE;
const DEVICES = demoDeviceIds(21, 80);
const OFFLINE = ['dev-0023', 'dev-0050', 'dev-0077'];
const TASK_NAME = 'e2e_report_rollout';

export const name =
	'report example: Get with Report → mail with the PNG chart (SMTP sink) and Markdown to a chat webhook';

/** The built chart's layout and colours (dist/), so the check follows the chart the package really draws. */
function builtChart() {
	const require = createRequire(import.meta.url);
	return require(path.join(repoRoot, 'dist/nodes/HuaweiCloudIotda/report/chart.js'));
}

/** Pixels of each state colour along the first row of the (single) bar. */
function barSegments(png) {
	const { CHART, PALETTE, STATES } = builtChart();
	const { x, y, width, height } = CHART.bars;
	const colourAt = (col, row) => {
		const k = (row * png.width + col) * 4;
		return [png.data[k], png.data[k + 1], png.data[k + 2]].join(',');
	};
	const colours = STATES.map(([key]) => PALETTE[key].join(','));
	let top = y;
	while (top < y + height && !colours.includes(colourAt(x, top))) top++;
	check(top < y + height, 'no bar found in the mailed chart');
	const widths = colours.map((c) => {
		let n = 0;
		for (let col = x; col < x + width; col++) if (colourAt(col, top) === c) n++;
		return n;
	});
	return { widths, barWidth: width };
}

async function finishedTask(client) {
	const { packages } = await client.listOtaPackages('firmwarePackage');
	const created = await client.request('POST', '/batchtasks', {
		body: {
			task_name: TASK_NAME,
			task_type: 'firmwareUpgrade',
			targets: DEVICES,
			document: { package_ids: [packages[0].package_id] },
		},
	});
	const [final] = await waitForTasks(client, [created.task_id], { timeoutMs: 60000 });
	checkEqual(final.task.status, 'PartialSuccess', 'status of the task to report on');
	return final.task;
}

function checkMail(mails, report, task) {
	checkEqual(mails.length, 1, 'mails delivered to the SMTP sink');
	const [mail] = mails;
	checkEqual(mail.to?.text, MAIL_TO, 'mail recipient');
	checkEqual(mail.subject, `Batch task ${TASK_NAME}: PartialSuccess`, 'mail subject');
	check(
		typeof mail.html === 'string' && mail.html.includes(report.html),
		`the mail's HTML does not carry report.html (${String(mail.html).slice(0, 200)})`,
	);
	check(mail.html.includes('src="cid:chart"'), 'the mail HTML does not show cid:chart');
	checkEqual(
		mail.attachments.map((a) => [a.filename, a.contentType, a.cid]),
		[[`batch-task-${task.task_id}.png`, 'image/png', 'chart']],
		'mail attachments (file name, type, Content-ID)',
	);
	const png = PNG.sync.read(mail.attachments[0].content);
	checkEqual([png.width, png.height], [800, 450], 'size of the mailed chart');
	const { widths, barWidth } = barSegments(png);
	const counts = [DEVICES.length - OFFLINE.length, OFFLINE.length, 0, 0];
	const off = widths.map((w, i) => Math.abs(w - (barWidth * counts[i]) / task.task_progress.total));
	check(
		off.every((d) => d <= 1),
		`bar segments ${JSON.stringify(widths)} px are not ${JSON.stringify(counts)} of ${barWidth} px within a pixel`,
	);
	return { png: mail.attachments[0].content, widths };
}

export async function run(stage) {
	const { emulator, client } = stage;
	await emulator.reset();
	await emulator.configure({ failTargets: OFFLINE });
	const task = await finishedTask(client);

	const { result, mails, posts } = await runReportExample(stage, { taskId: task.task_id });
	check(result.ok, `workflow failed: ${result.error} (log ${result.logFile})`);
	const [item] = N8nInstance.nodeOutput(result.run, REPORT_NODE);
	const report = item?.report;
	check(
		typeof report?.markdown === 'string' && typeof report?.html === 'string',
		`no report {markdown, html} in "${REPORT_NODE}" output`,
	);
	check(
		// The title in bold, its underscores escaped (CommonMark) so that chats show them as written.
		report.markdown.startsWith(`**${TASK_NAME.replaceAll('_', '\\_')}**`) &&
			report.markdown.includes('IOTDA.014016'),
		`report.markdown lacks the task name or the offline error code: ${report.markdown.slice(0, 300)}`,
	);
	const { widths } = checkMail(mails, report, task);

	checkEqual(posts.length, 1, 'posts to the chat webhook');
	checkEqual(posts[0].body, { text: report.markdown }, 'chat webhook body');
	return `task ${task.task_id}: mail with an 800×450 PNG (bar ${widths.join('/')} px) and cid:chart, Markdown (${report.markdown.length} chars) to the chat`;
}
