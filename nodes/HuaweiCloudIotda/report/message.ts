/**
 * The report as a message: Markdown for chat (CommonMark: Teams, Discord, Mattermost, Rocket.Chat, Google Chat's
 * basic formatting) and HTML for mail. The HTML uses inline styles only (mail clients drop <style> blocks) and shows
 * the chart from the mail's own attachment, `cid:chart` — never from an outside host, which mail clients block and
 * which would leak when the mail is read. n8n's Send Email node gives each attached binary field the Content-ID of
 * its field name (nodes-base EmailSend v2 send.operation: `cid: propertyName`), so attaching the field `chart`
 * makes the reference resolve.
 */
import { STATES } from './chart';
import {
	checkReport,
	devicesCount,
	formatCount,
	formatShare,
	waveTotal,
	type Report,
	type ReportWave,
} from './report.type';

/** The binary field that holds the chart; the HTML refers to it as `cid:chart`. */
export const CHART_FIELD = 'chart';

/** How many failure reasons the messages list (the chart shows up to 5). */
const MESSAGE_REASONS = 10;

/**
 * Backslash escapes (CommonMark) for text from IoTDA or the user (names, messages) so it shows as written: only the
 * characters that start emphasis, code, links, HTML or tables anywhere in a line; such text never starts a line
 * here, so list and heading markers (- + # .) stay unescaped and read cleanly where a chat shows escapes as is.
 */
function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/\s+/g, ' ');
}

function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
	);
}

/** "90 succeeded (90%) · 8 failed (8%) · …" for one wave (plain text; counts only, no names). */
function waveLine(wave: ReportWave): string {
	const total = waveTotal(wave);
	return STATES.map(
		([key, label]) =>
			`${formatCount(wave[key])} ${label.toLowerCase()} (${formatShare(wave[key], total)})`,
	).join(' · ');
}

function reasonsShown(report: Report) {
	const shown = report.failureReasons.slice(0, MESSAGE_REASONS);
	const more = report.failureReasons.length - shown.length;
	const read = report.failuresRead;
	const heading = read
		? `Top failure reasons (from ${formatCount(read.read)} of ${formatCount(read.failed)} failed devices read)`
		: 'Top failure reasons';
	return { shown, more, heading };
}

function targetLine(targets: NonNullable<Report['targets']>): string {
	const share = formatShare(targets.onTargetVersion, targets.total);
	return `${share} (${formatCount(targets.onTargetVersion)} of ${devicesCount(targets.total)})`;
}

/**
 * The report in Markdown for chat: a bold title, the time · subtitle · decision line, one list entry per wave, the
 * share on the target version and the failure reasons (up to 10, code in backticks). Throws what checkReport throws.
 */
export function reportMarkdown(report: Report): string {
	checkReport(report);
	const lines = [`**${escapeMarkdown(report.title)}**`];
	const meta = [report.time, report.subtitle].filter(Boolean).map((t) => escapeMarkdown(t!));
	if (report.decision) meta.push(`Decision: **${escapeMarkdown(report.decision)}**`);
	lines.push(meta.join(' · '), '');
	for (const wave of report.waves)
		lines.push(
			`- **${escapeMarkdown(wave.label)}** (${devicesCount(waveTotal(wave))}): ${waveLine(wave)}`,
		);
	if (report.targets) lines.push('', `On target version: **${targetLine(report.targets)}**`);
	const { shown, more, heading } = reasonsShown(report);
	lines.push('', `${heading}:`);
	if (shown.length === 0) lines.push('- none');
	for (const reason of shown) {
		// IoTDA's messages end with a full stop, so the count leads ("The device is offline.: 2" read badly).
		const message = reason.message ? ` ${escapeMarkdown(reason.message)}` : '';
		lines.push(`- ${devicesCount(reason.count)}: \`${reason.code.replace(/`/g, "'")}\`${message}`);
	}
	if (more > 0) lines.push(`- and ${more} more codes`);
	return lines.join('\n');
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;color:#222222';
const CELL = 'padding:4px 8px;border-bottom:1px solid #dddddd;text-align:right';

function htmlWaves(report: Report): string {
	const head = ['Wave', 'Devices', ...STATES.map(([, label]) => label)]
		.map((h, k) => `<th style="${CELL};${k === 0 ? 'text-align:left' : ''}">${h}</th>`)
		.join('');
	const rows = report.waves.map((wave) => {
		const total = waveTotal(wave);
		const cells = STATES.map(
			([key]) =>
				`<td style="${CELL}">${formatCount(wave[key])} (${formatShare(wave[key], total)})</td>`,
		);
		const name = `<td style="${CELL};text-align:left">${escapeHtml(wave.label)}</td>`;
		return `<tr>${name}<td style="${CELL}">${formatCount(total)}</td>${cells.join('')}</tr>`;
	});
	return `<table style="border-collapse:collapse;${FONT};font-size:14px"><tr>${head}</tr>${rows.join('')}</table>`;
}

function htmlReasons(report: Report): string {
	const { shown, more, heading } = reasonsShown(report);
	const items = shown.map((reason) => {
		const message = reason.message ? ` ${escapeHtml(reason.message)}` : '';
		return `<li>${devicesCount(reason.count)}: <code>${escapeHtml(reason.code)}</code>${message}</li>`;
	});
	if (shown.length === 0) items.push('<li>none</li>');
	if (more > 0) items.push(`<li>and ${more} more codes</li>`);
	return `<p style="${FONT};margin:16px 0 4px">${escapeHtml(heading)}:</p><ul style="${FONT};margin:0">${items.join('')}</ul>`;
}

/**
 * The report as an HTML mail body: title, time · subtitle · decision, the chart (`<img src="cid:chart">`, the
 * attached binary field CHART_FIELD), a table of the waves, the share on the target version and the failure
 * reasons. Inline styles only; every text from IoTDA or the user is HTML-escaped. Throws what checkReport throws.
 */
export function reportHtml(report: Report): string {
	checkReport(report);
	const meta = [report.time, report.subtitle].filter(Boolean).map((t) => escapeHtml(t!));
	if (report.decision) meta.push(`Decision: <b>${escapeHtml(report.decision)}</b>`);
	const alt = escapeHtml(`Chart: ${report.title}`);
	const parts = [
		`<h2 style="${FONT};font-size:20px;margin:0 0 4px">${escapeHtml(report.title)}</h2>`,
		`<p style="${FONT};color:#666666;margin:0 0 12px">${meta.join(' · ')}</p>`,
		`<img src="cid:${CHART_FIELD}" width="800" height="450" alt="${alt}" style="display:block;max-width:100%;height:auto;border:0">`,
		htmlWaves(report),
	];
	if (report.targets)
		parts.push(
			`<p style="${FONT};margin:16px 0 0">On target version: <b>${targetLine(report.targets)}</b></p>`,
		);
	parts.push(htmlReasons(report));
	return `<div>${parts.join('\n')}</div>`;
}
