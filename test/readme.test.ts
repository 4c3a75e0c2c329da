/** The README's tables come from the task-type table; this fails when someone edits one without the other. */
import { readFileSync } from 'fs';
import { join } from 'path';

import { LIMITS, TASK_TYPES } from '../nodes/HuaweiCloudIotda/helpers/apiRules';
import { HuaweiCloudIotda } from '../nodes/HuaweiCloudIotda/HuaweiCloudIotda.node';
import { renderReadme } from './harness/readmeTables';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
	it('has the task-type and limits tables generated from helpers/apiRules.ts (run `npm run docs`)', () => {
		expect(readme).toBe(renderReadme(readme));
	});

	it('lists every task type and every limit', () => {
		for (const t of TASK_TYPES) expect(readme).toContain(`\`${t.value}\``);
		expect(readme).toContain(
			`| ${LIMITS.maxTargets.toLocaleString('en-US')} | device IDs per task`,
		);
	});

	it('documents every operation of every resource', () => {
		const operations = new HuaweiCloudIotda().description.properties.filter(
			(p) => p.name === 'operation',
		);
		const names = operations.flatMap((p) =>
			(p.options ?? []).map((o) => ('name' in o ? String(o.name) : '')),
		);
		expect(names.length).toBeGreaterThanOrEqual(10);
		for (const name of names)
			expect([name, readme.includes(`| **${name}** |`)]).toEqual([name, true]);
	});

	it('shows the test command', () => {
		expect(readme).toContain('npm install && npm test');
	});
});
