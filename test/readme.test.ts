/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** README.md's, docs/operations.md's and docs/limits.md's tables come from the task-type table; this fails when someone edits one without the other. */
import { readFileSync } from 'fs';
import { join } from 'path';

import { LIMITS, TASK_TYPES } from '../nodes/HuaweiCloudIotda/helpers/apiRules';
import { HuaweiCloudIotda } from '../nodes/HuaweiCloudIotda/HuaweiCloudIotda.node';
import { DOCUMENTS, renderDocument } from './harness/readmeTables';

const read = (file: string) => readFileSync(join(__dirname, '..', file), 'utf8');
const readme = read('README.md');
const limitsPage = read('docs/limits.md');

describe('README', () => {
	it.each(Object.keys(DOCUMENTS) as Array<keyof typeof DOCUMENTS>)(
		'%s has its tables generated from helpers/apiRules.ts (run `npm run docs`)',
		(file) => {
			const text = read(file);
			expect(text).toBe(renderDocument(file, text));
		},
	);

	it('lists every task type, and links the page that lists every limit', () => {
		for (const t of TASK_TYPES) expect(readme).toContain(`\`${t.value}\``);
		expect(readme).toContain('(docs/limits.md)');
		expect(limitsPage).toContain(
			`| ${LIMITS.maxTargets.toLocaleString('en-US')} | device IDs per task`,
		);
		for (const key of Object.keys(LIMITS) as Array<keyof typeof LIMITS>)
			expect(limitsPage).toContain(`| ${LIMITS[key].toLocaleString('en-US')} |`);
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
