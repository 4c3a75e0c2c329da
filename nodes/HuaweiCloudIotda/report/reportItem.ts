/**
 * The output item of an operation with its Report option on: the operation's JSON plus `report: { markdown, html }`
 * (message.ts), and the chart PNG (chart.ts) as n8n binary data in the field `chart`, which n8n's Send Email node
 * attaches and the HTML shows as `cid:chart`.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemsWithBinary } from '../actions/node.type';
import { renderChart } from './chart';
import { CHART_FIELD, reportHtml, reportMarkdown } from './message';
import type { Report } from './report.type';

/** The Report toggle; operations add their own display conditions (e.g. Batch Task → Get: Output = task). */
export const reportField: INodeProperties = {
	displayName: 'Report',
	name: 'report',
	type: 'boolean',
	default: false,
	description:
		'Whether to add a chart (PNG in the binary field "chart") and a message for chat and mail (report.markdown, report.html)',
};

/**
 * `json` with `report: { markdown, html }` and the chart of `report` in binary field `chart` (image/png, file name
 * `fileName`). Throws what checkReport throws for a bad report (report.type.ts).
 */
export async function withReport(
	this: IExecuteFunctions,
	json: IDataObject,
	report: Report,
	fileName: string,
): Promise<ItemsWithBinary> {
	const messages = { markdown: reportMarkdown(report), html: reportHtml(report) };
	const chart = await this.helpers.prepareBinaryData(renderChart(report), fileName, 'image/png');
	return {
		withBinary: [{ json: { ...json, report: messages }, binary: { [CHART_FIELD]: chart } }],
	};
}
