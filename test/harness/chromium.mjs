// Headless Chromium for the editor checks: Debian's `chromium` (installed with apt-get when missing
// and we are root) driven by playwright-core (a devDependency) with the flags from the recipe.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function ensureChromium(log = () => {}) {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	if (process.getuid?.() !== 0)
		throw new Error(
			`${CHROMIUM} is missing: install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH`,
		);
	log('installing Debian chromium with apt-get (once, < 1 min)…');
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
	execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
		stdio: 'ignore',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`apt-get install chromium did not provide ${CHROMIUM}`);
	return CHROMIUM;
}

export async function launchChromium(log) {
	const { chromium } = await import('playwright-core');
	return chromium.launch({
		executablePath: ensureChromium(log),
		headless: true,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}
