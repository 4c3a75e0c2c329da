// The n8n editor in headless Chromium: sign in, open the rollout example, open our node, check the
// Create form's fields for firmwareUpgrade and for createCommands (switching Task Type in the UI),
// and save screenshots to .e2e/screenshots/ (git-ignored).
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../../harness/chromium.mjs';
import { OWNER } from '../../harness/n8n-instance.mjs';
import { packageName, repoRoot } from '../../harness/package-under-test.mjs';
import { check } from '../lib/check.mjs';
import { expectedFields, optionName } from '../lib/node-form.mjs';

const WORKFLOW_ID = 'iotdaExRollout01';
const NODE_NAME = 'Create Firmware Rollout';
export const screenshotDir = path.join(repoRoot, '.e2e', 'screenshots');

export const name =
	'editor in headless Chromium: Create form fields for firmwareUpgrade and createCommands + screenshots';

async function checkForm(page, description, taskType) {
	const { visible, hidden } = expectedFields(description, taskType);
	check(visible.length > 3, `expected fields for ${taskType} could not be computed`);
	for (const field of visible) {
		const input = page.locator(`[data-test-id="parameter-input-${field}"]:visible`).first();
		await input.waitFor({ state: 'visible', timeout: 15000 }).catch(() => {
			throw new Error(`${taskType}: field "${field}" is not shown`);
		});
	}
	for (const field of hidden) {
		const count = await page.locator(`[data-test-id="parameter-input-${field}"]:visible`).count();
		check(count === 0, `${taskType}: field "${field}" is shown but should not be`);
	}
	return visible;
}

async function selectOption(page, parameter, label) {
	await page.locator(`[data-test-id="parameter-input-${parameter}"]:visible`).first().click();
	// An option's accessible name also holds its description: match its title text exactly instead.
	await page
		.locator('li[role="option"]:visible')
		.filter({ has: page.getByText(label, { exact: true }) })
		.first()
		.click();
}

export async function run({ n8n, noBrowser, say }) {
	if (noBrowser) return 'skipped (--no-browser)';
	const nodes = await n8n.getJson('/types/nodes.json');
	const description = nodes.find((n) => n.name === `${packageName}.huaweiCloudIotda`);
	check(description, 'our node type is not listed by n8n');
	fs.mkdirSync(screenshotDir, { recursive: true });
	const shots = [];
	const browser = await launchChromium(say);
	try {
		const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
		await page.goto(`${n8n.baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
		const email = page.locator('input[type="email"]').first();
		await email.waitFor({ state: 'visible', timeout: 60000 });
		await email.fill(OWNER.email);
		await page.locator('input[type="password"]').first().fill(OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60000 });

		await page.goto(`${n8n.baseUrl}/workflow/${WORKFLOW_ID}`, { waitUntil: 'domcontentloaded' });
		const canvasNode = page
			.locator(`[data-test-id="canvas-node"]:has-text("${NODE_NAME}")`)
			.first();
		await canvasNode.waitFor({ state: 'visible', timeout: 60000 });
		await page.waitForTimeout(1000);
		shots.push(path.join(screenshotDir, 'workflow-scheduled-firmware-rollout.png'));
		await page.screenshot({ path: shots.at(-1) });

		await canvasNode.dblclick({ force: true });
		const firmwareFields = await checkForm(page, description, 'firmwareUpgrade');
		await page.waitForTimeout(500);
		shots.push(path.join(screenshotDir, 'node-form-firmware-upgrade.png'));
		await page.screenshot({ path: shots.at(-1) });

		const commandsLabel = optionName(description, 'taskType', 'createCommands');
		check(commandsLabel, 'taskType has no createCommands option');
		await selectOption(page, 'taskType', commandsLabel);
		const commandFields = await checkForm(page, description, 'createCommands');
		await page.waitForTimeout(500);
		shots.push(path.join(screenshotDir, 'node-form-create-commands.png'));
		await page.screenshot({ path: shots.at(-1) });
		return `fields ok (firmwareUpgrade: ${firmwareFields.join(', ')}; createCommands: ${commandFields.join(', ')}); screenshots: ${shots.map((s) => path.relative(repoRoot, s)).join(', ')}`;
	} catch (error) {
		const page = browser.contexts()[0]?.pages()[0];
		if (page) {
			await page.screenshot({ path: path.join(screenshotDir, 'failure.png') }).catch(() => {});
			fs.writeFileSync(
				path.join(screenshotDir, 'failure.html'),
				await page.content().catch(() => ''),
			);
			error.message += ` (page: .e2e/screenshots/failure.png, failure.html)`;
		}
		throw error;
	} finally {
		await browser.close();
	}
}
