/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/**
 * Issue #21: no option is ignored. (1) Every option the Create form can produce, on every task type × target
 * source × batch mode, is either honoured — the Dry Run output (the exact bodies and what would follow)
 * differs from the run without it — or refused with an error naming it. (2) The form and the validator agree:
 * for every configuration, n8n's own display logic keeps a set option (never drops it) and shows its
 * applicable copy exactly when the validator accepts it.
 */
import {
	NodeHelpers,
	type IDataObject,
	type INodeParameters,
	type INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '../../../../../emulator';
import { credentialsFor } from '../../../../../helpers/emulatorCredentials';
import { runNode } from '../../../../../helpers/engine';
import { HuaweiCloudIotda } from '../../../../../../nodes/HuaweiCloudIotda/HuaweiCloudIotda.node';
import {
	TASK_TYPES,
	type TargetSource,
	type TaskTypeSpec,
} from '../../../../../../nodes/HuaweiCloudIotda/helpers/apiRules';
import {
	CREATE_OPTION_RULES,
	type BatchMode,
} from '../../../../../../nodes/HuaweiCloudIotda/actions/batchTask/create/createOptionRules';
import { failingCondition } from '../../../../../../nodes/HuaweiCloudIotda/actions/batchTask/create/optionRules';

const description = new HuaweiCloudIotda().description;
const createProperties = description.properties.filter((p) =>
	p.displayOptions?.show?.operation?.includes('create'),
);
const collection = (name: string) => createProperties.find((p) => p.name === name)!;
const COLLECTIONS = ['options', 'additionalFields', 'messageOptions'] as const;
/** Every option of every Create collection, once per name (rule copies share a name). */
const optionsOf = (name: string) => [
	...new Map((collection(name).options as INodeProperties[]).map((o) => [o.name, o])).values(),
];

let emu: Emulator;
let groupId: string;
let appId: string;
beforeAll(async () => {
	emu = await startEmulator({ port: 0, seed: 11 });
	groupId = emu.state().catalog.groups.find((g) => g.name === 'BuildingNorth')!.group_id;
	appId = emu.state().catalog.apps[0].app_id;
});
afterAll(() => emu.close());

const DEVICES = Array.from({ length: 20 }, (_, i) => `dev-${String(i + 1).padStart(4, '0')}`).join(
	', ',
);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

/** A value the form can produce that differs from the option's default. */
function sample(option: INodeProperties, spec: TaskTypeSpec): unknown {
	const byName: Record<string, unknown> = {
		rolloutWaves: '10%, 100%',
		idempotencyKey: 'rerun-key',
		appId: { __rl: true, mode: 'id', value: appId },
		scheduleTime: tomorrow(),
		taskExtInfo: '{"note":"canary"}',
		documentJson: JSON.stringify(documentFor(spec)),
		messageId: 'msg-1',
		name: 'greeting',
		topic: 'messageDown',
		topicFullName: '/device/message/down',
		ttl: 60,
		correlationData: 'corr-1',
		responseTopic: 'reply/topic',
		userProperties: { property: [{ key: 'trace', value: 'on' }] },
	};
	if (option.name in byName) return byName[option.name];
	if (option.type === 'boolean') return !option.default;
	if (option.type === 'options')
		return option
			.options!.map((o) => (o as { value: unknown }).value)
			.find((v) => v !== option.default);
	if (option.type === 'number') {
		const max = option.typeOptions?.maxValue as number | undefined;
		return max !== undefined && (option.default as number) >= max
			? (option.default as number) - 1
			: (option.default as number) + 1;
	}
	throw new Error(`no sample for option ${option.name} (${option.type}): add one`);
}

function documentFor(spec: TaskTypeSpec): IDataObject {
	const documents: Record<string, IDataObject> = {
		upgrade: { package_ids: ['pkg-raw'] },
		command: { service_id: 'Switch', command_name: 'ON_OFF', paras: { value: 'ON' } },
		asyncCommand: {
			service_id: 'Switch',
			command_name: 'ON_OFF',
			paras: {},
			send_strategy: 'delay',
		},
		message: { message: 'raw' },
		shadow: { shadow: [{ service_id: 'Switch', desired: { on: true } }] },
		none: { note: 'raw' },
	};
	return documents[spec.document];
}

/** The form fields a task type needs to build its document. */
function formFields(spec: TaskTypeSpec): INodeParameters {
	const fields: Record<string, INodeParameters> = {
		upgrade: {
			packageId:
				emu.state().catalog.packages.find((p) => p.package_type === spec.packageType)?.package_id ??
				'pkg-1',
		},
		command: { serviceId: 'Switch', commandName: 'ON_OFF', commandParameters: '{"value":"ON"}' },
		asyncCommand: { serviceId: 'Switch', commandName: 'ON_OFF', commandParameters: '{}' },
		message: { message: 'hello' },
		shadow: { shadows: { shadow: [{ serviceId: 'Switch', desired: '{"on":true}' }] } },
		none: {},
	};
	return fields[spec.document];
}

interface Config {
	spec: TaskTypeSpec;
	targetSource: TargetSource;
	batchMode: BatchMode;
}

const CONFIGS: Config[] = TASK_TYPES.flatMap((spec) =>
	spec.targetSources.flatMap((targetSource) =>
		(['aggregate', 'perItem'] as const).map((batchMode) => ({ spec, targetSource, batchMode })),
	),
);

function baseParameters(config: Config, withForm = true): INodeParameters {
	const { spec, targetSource, batchMode } = config;
	const targets: Record<TargetSource, INodeParameters> = {
		deviceIds: { deviceIds: DEVICES },
		groupIds: { groupIds: groupId },
		file: { fileId: 'file-0001' },
	};
	return {
		resource: 'batchTask',
		operation: 'create',
		taskType: spec.value,
		taskName: 'enum_task',
		targetSource,
		batchMode,
		...targets[targetSource],
		...(withForm ? formFields(spec) : {}),
	};
}

type Outcome = { output: string } | { error: string };

async function outcome(parameters: INodeParameters): Promise<Outcome> {
	try {
		const out = await runNode({
			parameters,
			credentials: credentialsFor(DEFAULT_ACCOUNT, emu.url),
		});
		return { output: JSON.stringify(out.map((o) => o.json)) };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

/** Sibling options an option needs (from the rules table), set to a value that satisfies them. */
function prerequisites(name: string, spec: TaskTypeSpec): IDataObject {
	const rule = CREATE_OPTION_RULES.find((r) => r.name === name);
	const needed: IDataObject = {};
	for (const condition of rule?.when ?? []) {
		if (condition.key.startsWith('/')) continue;
		const sibling = optionsOf('options').find((o) => o.name === condition.key)!;
		if (condition.values) needed[condition.key] = condition.values[0];
		else if (condition.above !== undefined) needed[condition.key] = condition.above + 1;
		else if (condition.set)
			Object.assign(needed, prerequisites(condition.key, spec), {
				[condition.key]: sample(sibling, spec),
			});
	}
	return needed;
}

function withOption(
	parameters: INodeParameters,
	where: string,
	values: IDataObject,
): INodeParameters {
	return {
		...parameters,
		[where]: { ...((parameters[where] as IDataObject) ?? {}), ...values } as INodeParameters,
	};
}

describe('every option × task type × target source × batch mode is honoured or refused, none ignored', () => {
	const tally = { cases: 0, honoured: 0, refused: 0 };
	afterAll(() =>
		console.log(
			`option enumeration: ${tally.cases} cases, ${tally.honoured} honoured, ${tally.refused} refused by name`,
		),
	);

	it.each(CONFIGS.map((c) => [c.spec.value, c.targetSource, c.batchMode, c] as const))(
		'%s, %s, %s',
		async (_type, _source, _mode, config) => {
			const ignored: string[] = [];
			for (const where of COLLECTIONS) {
				if (where === 'messageOptions' && config.spec.document !== 'message') continue;
				for (const option of optionsOf(where)) {
					if (option.name === 'dryRun') continue;
					const variants: Array<INodeParameters> = [];
					const dry = { dryRun: true };
					const base = withOption(baseParameters(config), 'options', dry);
					variants.push(base);
					const needed = where === 'options' ? prerequisites(option.name, config.spec) : {};
					if (Object.keys(needed).length) variants.push(withOption(base, 'options', needed));
					if (option.name === 'documentJson')
						variants.push(withOption(baseParameters(config, false), 'options', dry));
					for (const parameters of variants) {
						const before = await outcome(parameters);
						if ('error' in before) continue;
						const after = await outcome(
							withOption(parameters, where, {
								[option.name]: sample(option, config.spec) as IDataObject[string],
							}),
						);
						tally.cases++;
						if ('error' in after && after.error.includes(option.displayName)) tally.refused++;
						else if ('output' in after && after.output !== before.output) tally.honoured++;
						else
							ignored.push(
								`${where}.${option.name}: ${'error' in after ? `error not naming it: ${after.error}` : 'output unchanged'}`,
							);
					}
				}
			}
			expect(ignored).toEqual([]);
		},
	);

	it.each(CONFIGS.map((c) => [c.spec.value, c.targetSource, c.batchMode, c] as const))(
		'Dry Run is honoured on %s, %s, %s: nothing is created',
		async (_t, _s, _m, config) => {
			emu.reset();
			const dry = await outcome(withOption(baseParameters(config), 'options', { dryRun: true }));
			expect(
				'output' in dry && JSON.parse(dry.output).every((o: IDataObject) => o.dry_run === true),
			).toBe(true);
			expect(emu.log.filter((e) => e.method === 'POST')).toHaveLength(0);
		},
	);
});

describe('the form shows an option exactly when the validator accepts it, and never drops a set one', () => {
	const displayed = (
		options: INodeProperties[],
		name: string,
		values: IDataObject,
		root: IDataObject,
	) =>
		options.filter(
			(o) =>
				o.name === name &&
				NodeHelpers.displayParameter(
					values as INodeParameters,
					o,
					null,
					description,
					root as INodeParameters,
				),
		);

	it.each(CONFIGS.map((c) => [c.spec.value, c.targetSource, c.batchMode, c] as const))(
		'%s, %s, %s',
		(_t, _s, _m, config) => {
			const mismatches: string[] = [];
			for (const rule of CREATE_OPTION_RULES) {
				const options = collection(rule.collection).options as INodeProperties[];
				const variants = [
					{},
					rule.collection === 'options' ? prerequisites(rule.name, config.spec) : {},
				];
				for (const siblings of variants) {
					const values: IDataObject = {
						...siblings,
						[rule.name]: sample(
							options.find((o) => o.name === rule.name)!,
							config.spec,
						) as IDataObject[string],
					};
					const root: IDataObject = {
						...(baseParameters(config) as IDataObject),
						[rule.collection]: values,
					};
					const kept = NodeHelpers.getNodeParameters(
						description.properties,
						root as INodeParameters,
						true,
						false,
						{ typeVersion: 1, parameters: {} } as never,
						description,
					);
					const shown = displayed(options, rule.name, values, root);
					const accepted =
						failingCondition(
							rule,
							{
								taskType: config.spec.value,
								targetSource: config.targetSource,
								batchMode: config.batchMode,
							},
							values,
						) === undefined;
					if ((kept?.[rule.collection] as IDataObject | undefined)?.[rule.name] === undefined)
						mismatches.push(`${rule.name} dropped by n8n`);
					if (shown.length !== 1) mismatches.push(`${rule.name}: ${shown.length} copies shown`);
					else if (accepted !== !String(shown[0].description).startsWith('Not used here'))
						mismatches.push(
							`${rule.name}: form says ${accepted ? 'not used' : 'usable'}, validator ${accepted ? 'accepts' : 'refuses'}`,
						);
				}
			}
			expect(mismatches).toEqual([]);
		},
	);

	it('where an option does not apply, the form offers it only as "Not used here", naming the setting it needs', () => {
		const options = collection('options').options as INodeProperties[];
		const root = {
			...(baseParameters({
				spec: TASK_TYPES.find((t) => t.value === 'createMessages')!,
				targetSource: 'deviceIds',
				batchMode: 'aggregate',
			}) as IDataObject),
			options: { waitForCompletion: true },
		};
		const [onMessages] = displayed(options, 'rolloutWaves', { waitForCompletion: true }, root);
		expect(onMessages.description).toMatch(/^Not used here: needs a Task Type that can be staged/);
		const [onUpgrade] = displayed(
			options,
			'rolloutWaves',
			{ waitForCompletion: true },
			{ ...root, taskType: 'firmwareUpgrade' },
		);
		expect(onUpgrade.description).toMatch(/^Roll out in waves/);
		const [perItem] = displayed(
			options,
			'rolloutWaves',
			{ waitForCompletion: true },
			{ ...root, taskType: 'firmwareUpgrade', batchMode: 'perItem' },
		);
		expect(perItem.description).toMatch(
			/^Not used here: needs Batch Mode "One Task for All Items"/,
		);
	});
});
