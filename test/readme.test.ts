/** The README's tables come from the task-type table; this fails when someone edits one without the other. */
import { readFileSync } from 'fs';
import { join } from 'path';

import { LIMITS, TASK_TYPES } from '../nodes/HuaweiCloudIotda/helpers/taskTypes';
import { renderReadme } from '../scripts/readmeTables';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
	it('has the task-type and limits tables generated from helpers/taskTypes.ts (run `npm run docs`)', () => {
		expect(readme).toBe(renderReadme(readme));
	});

	it('lists every task type and every limit', () => {
		for (const t of TASK_TYPES) expect(readme).toContain(`\`${t.value}\``);
		expect(readme).toContain(`| ${LIMITS.maxTargets.toLocaleString('en-US')} | device IDs per task`);
	});

	it('shows the test command', () => {
		expect(readme).toContain('npm install && npm test');
	});
});
