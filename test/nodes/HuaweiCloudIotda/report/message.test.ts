/** message.ts: the report for chat (Markdown) and mail (HTML). */
import { reportHtml, reportMarkdown } from '../../../../nodes/HuaweiCloudIotda/report/message';
import { CHINESE, ROLLOUT } from './reports.fixture';

describe('report.markdown', () => {
	it('reads as the chart does', () => {
		expect(reportMarkdown(ROLLOUT)).toBe(
			[
				'**Firmware 2.0.1 rollout, EU gateways**',
				'2026-12-07 10:30 UTC · firmwareUpgrade · Decision: **continue**',
				'',
				'- **Wave 1 (canary, 1%)** (100 devices): 90 succeeded (90%) · 8 failed (8%) · 2 pending (2%) · 0 never started (0%)',
				'- **Wave 2 (10%)** (1,000 devices): 612 succeeded (61%) · 31 failed (3%) · 257 pending (26%) · 100 never started (10%)',
				'- **Wave 3 (the rest)** (8,900 devices): 0 succeeded (0%) · 0 failed (0%) · 0 pending (0%) · 8,900 never started (100%)',
				'',
				'On target version: **7% (702 of 10,000 devices)**',
				'',
				'Top failure reasons:',
				'- 30 devices: `IOTDA.014016` The device is offline.',
				'- 7 devices: `IOTDA.014111` Command request timed out.',
				'- 2 devices: `IOTDA.000006` Invalid input data in this row.',
			].join('\n'),
		);
	});

	it('keeps the full Chinese name, escapes Markdown in names and says when reasons are a sample', () => {
		const md = reportMarkdown({ ...CHINESE, title: `${CHINESE.title} *v2* [beta]` });
		expect(md.split('\n')[0]).toBe(`**${CHINESE.title} \\*v2\\* \\[beta\\]**`);
		expect(md).toContain('Top failure reasons (from 50 of 120 failed devices read):');
		expect(md).toContain('Decision: **halt: failure rate 12% is over the 10% threshold**');
	});
});

describe('report.html', () => {
	const html = reportHtml({ ...ROLLOUT, title: 'Rollout <b>"A&B"</b>' });

	it('shows the chart from the attachment (cid:chart), never from an outside host', () => {
		expect(html).toContain('<img src="cid:chart" width="800" height="450"');
		expect(html).not.toMatch(/https?:\/\//);
		expect(html).not.toMatch(/<style|class=/);
	});

	it('escapes text from IoTDA and the user', () => {
		expect(html).toContain('Rollout &lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;');
		expect(html).not.toContain('<b>"A&B"</b>');
	});

	it('has a row per wave, the target share and the reasons', () => {
		expect(html.match(/<tr>/g)).toHaveLength(1 + ROLLOUT.waves.length);
		expect(html).toContain('612 (61%)');
		expect(html).toContain('On target version: <b>7% (702 of 10,000 devices)</b>');
		expect(html).toContain('<li>30 devices: <code>IOTDA.014016</code> The device is offline.</li>');
	});
});
