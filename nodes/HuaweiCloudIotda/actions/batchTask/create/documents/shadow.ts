import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../../../helpers/inputErrors';
import { LIMITS } from '../../../../helpers/apiRules';
import {
	checkInteger,
	checkJsonSize,
	checkLength,
	isBlank,
	parseJsonObject,
	requireText,
} from '../../../../helpers/validate';
import type { ParamReader } from '../taskBody';
import type { DocumentFormModule } from './documentForm';

const SHADOWS = 'shadows';

/**
 * `{shadow: [{service_id, desired, version?}]}` (GO model_create_batch_task.go document text,
 * model_update_desired.go): at most 5 services, **each service_id once** (audit row 1), ≤10K of JSON;
 * `version` is sent whenever given, 0 included — it is a real version, the first (audit row 16).
 */
function shadowDocument(param: ParamReader): IDataObject {
	const entries = ((param(SHADOWS, {}) as IDataObject).shadow as IDataObject[] | undefined) ?? [];
	if (entries.length === 0)
		throw new InputError('Shadow Updates', entries, 'must contain at least one service');
	const seen = new Set<unknown>();
	const shadow = entries.map((entry) => {
		const item: IDataObject = {
			service_id: checkLength(
				'Shadow Service ID',
				requireText('Shadow Service ID', entry.serviceId),
				LIMITS.commandServiceIdMaxLength,
			),
			desired: parseJsonObject('Desired Properties', entry.desired) as IDataObject,
		};
		if (seen.has(item.service_id))
			throw new InputError(
				'Shadow Service ID',
				item.service_id,
				'appears more than once; IoTDA takes each service once per shadow update',
			);
		seen.add(item.service_id);
		if (!isBlank(entry.version))
			item.version = checkInteger('Shadow Version', entry.version, 0, Number.MAX_SAFE_INTEGER);
		return item;
	});
	if (shadow.length > LIMITS.shadowMaxServices)
		throw new InputError(
			'Shadow Updates',
			shadow.map((s) => s.service_id),
			`may name at most ${LIMITS.shadowMaxServices} services`,
		);
	checkJsonSize('Shadow Updates', shadow, LIMITS.shadowMaxLength);
	return { shadow };
}

export const shadow: DocumentFormModule = {
	fields: [
		{
			displayName: 'Shadow Updates',
			name: SHADOWS,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Service',
			default: {},
			options: [
				{
					displayName: 'Service',
					name: 'shadow',
					values: [
						{ displayName: 'Service ID', name: 'serviceId', type: 'string', default: '' },
						{
							displayName: 'Desired Properties',
							name: 'desired',
							type: 'json',
							default: '{}',
							description: 'Desired property values as a JSON object, e.g. {"temperature": 60}',
						},
						{
							displayName: 'Version',
							name: 'version',
							type: 'string',
							default: '',
							placeholder: 'e.g. 0',
							description:
								'Current shadow version IoTDA must find, as a whole number; empty = not checked. 0 is a real version (the first).',
						},
					],
				},
			],
		},
	],
	setBy: [[SHADOWS, 'Shadow Updates', [{}]]],
	keys: ['shadow'],
	required: [['shadow']],
	build: shadowDocument,
};
