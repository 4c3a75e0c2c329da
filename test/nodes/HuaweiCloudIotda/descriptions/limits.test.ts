/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * The form reads LIMITS: a number that equals an API limit may appear in a description file (or a module of
 * Create's targets/ and documents/, which hold their fields) only where it is
 * a different fact (listed below with its reason). A literal copy of a limit — `maxValue: 5`, "at most 1440",
 * "30,000" — fails here, so the form cannot drift from helpers/apiRules.ts.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

import { LIMITS } from '../../../../nodes/HuaweiCloudIotda/helpers/apiRules';

const NODES_DIR = join(__dirname, '../../../../nodes');

/** Numbers that equal a limit by coincidence, per file, with what they really are. */
const NOT_LIMITS: Record<string, Record<number, string>> = {
	'HuaweiCloudIotda/actions/requestOptions.description.ts': {
		10: 'Max Attempts maximum (retry policy)',
		60: 'Max Retry Time default, seconds',
	},
	'HuaweiCloudIotda/actions/returnAll.description.ts': { 50: "n8n's Limit default" },
	'HuaweiCloudIotda/actions/batchTask/create/create.description.ts': {
		60: 'Max Wait default (minutes) and the poll interval cap (seconds)',
		10: 'a wave percentage in the Staged Rollout Waves placeholder',
		100: 'Success Threshold maximum (percent), a wave percentage in the placeholder',
	},
	'HuaweiCloudIotda/actions/batchTask/create/documents/shadow.ts': {
		60: 'a temperature in the Desired Properties example',
	},
	'HuaweiCloudIotda/actions/batchTask/create/documents/message.ts': {
		1440: "Message TTL default (IoTDA's own default, 24 h; n8n's lint needs a literal default)",
		5: 'the MQTT protocol version in the labels of the MQTT 5 message properties',
	},
};

/** Create's Target Sources and document forms hold their own form fields, beside their code. */
const FIELD_MODULE_DIRS = ['targets', 'documents'].map((d) =>
	join('HuaweiCloudIotda', 'actions', 'batchTask', 'create', d),
);

function descriptionFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return descriptionFiles(path);
		const fieldModule = FIELD_MODULE_DIRS.includes(relative(NODES_DIR, dir));
		return name.endsWith('description.ts') || (fieldModule && name.endsWith('.ts')) ? [path] : [];
	});
}

/** The file's numbers outside comments, "30,000" read as 30000. */
function numbersIn(source: string): number[] {
	const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
	return [...code.matchAll(/(?<![\w.$])\d{1,3}(?:,\d{3})+(?!\d)|(?<![\w.$])\d+(?![\w])/g)].map(
		(m) => Number(m[0].replace(/,/g, '')),
	);
}

const limitValues = new Set<number>(Object.values(LIMITS));

describe('description files read LIMITS', () => {
	const files = descriptionFiles(NODES_DIR);

	it('finds the description files, including the Create form and the locators', () => {
		const names = files.map((f) => relative(NODES_DIR, f));
		expect(names).toEqual(
			expect.arrayContaining([
				'HuaweiCloudIotda/actions/batchTask/create/create.description.ts',
				'HuaweiCloudIotda/actions/batchTask/create/documents/message.ts',
				'HuaweiCloudIotda/actions/batchTask/create/targets/deviceIds.ts',
				'HuaweiCloudIotda/descriptions/rlc.description.ts',
				'HuaweiCloudIotdaTrigger/description.ts',
			]),
		);
	});

	it.each(files.map((f) => [relative(NODES_DIR, f), f]))(
		'%s has no literal copy of a limit',
		(name, path) => {
			const allowed = NOT_LIMITS[name] ?? {};
			const copies = numbersIn(readFileSync(path, 'utf8')).filter(
				(n) => limitValues.has(n) && !(n in allowed),
			);
			expect(copies).toEqual([]);
		},
	);

	it('the scan sees a copied limit (so the check above can fail)', () => {
		expect(
			numbersIn("typeOptions: { maxValue: 1440 }, description: 'at most 30,000 devices'").filter(
				(n) => limitValues.has(n),
			),
		).toEqual([1440, 30000]);
	});
});
