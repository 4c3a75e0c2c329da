/**
 * The upgrade document `{"package_ids": ["<OTA package id>", …]}`: the CreateBatchTask request model since
 * GO SDK 0.1.172 / PY 3.1.171 (2025-10) names `package_ids` (an array); the older `package_id` string is
 * only on the older doc page (audit row 3) and is sent only as a retry (createOrReuseTask). The field takes
 * one or several ids (multi-select, an expression, a JSON list); each must be ≤36 letters, digits and `-`
 * (GO model_ota_package_info.go, audit row 29). Repeats are dropped.
 */
import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../../../helpers/inputErrors';
import { LIMITS, PATTERN_TEXT, PATTERNS } from '../../../../helpers/apiRules';
import { parseIdList, uniqueInOrder } from '../../../../helpers/idList';
import { checkLength } from '../../../../helpers/validate';
import type { DocumentFormModule } from './documentForm';

const PACKAGE_FIELD = 'Package IDs';
const PACKAGES = 'packageId';

/**
 * A hand-written upgrade document names its packages as the form does (audit rows 3, 29): `package_ids` a
 * non-empty list of package IDs, `package_id` one; each ≤36 letters, digits and `-`. Without this check a
 * typo such as `"package_ids": "pkg-1"` would reach IoTDA and, not being a list, skip the package_id retry.
 */
function checkDocumentPackages(document: IDataObject): void {
	const field = (key: string) => `Document (JSON) ${key}`;
	const checkPackage = (key: string, id: unknown) => {
		if (typeof id !== 'string' || !id)
			throw new InputError(field(key), id, 'must hold package IDs (text)');
		checkLength(field(key), id, LIMITS.packageIdMaxLength);
		if (!PATTERNS.packageId.test(id))
			throw new InputError(field(key), id, `may contain ${PATTERN_TEXT.packageId}`);
	};
	if ('package_ids' in document) {
		const ids = document.package_ids;
		if (!Array.isArray(ids) || ids.length === 0)
			throw new InputError(field('package_ids'), ids, 'must be a list of package IDs');
		for (const id of ids) checkPackage('package_ids', id);
	}
	if ('package_id' in document) checkPackage('package_id', document.package_id);
}

export const upgrade: DocumentFormModule = {
	fields: [
		{
			displayName: 'Package Names or IDs',
			name: PACKAGES,
			type: 'multiOptions',
			typeOptions: {
				loadOptionsMethod: 'getOtaPackages',
				loadOptionsDependsOn: ['taskType', 'productId', 'additionalFields.appId'],
			},
			default: [],
			description:
				'One or more OTA packages to install. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	],
	// A multi-select whose default is [] (an expression may give '').
	setBy: [[PACKAGES, PACKAGE_FIELD, ['', []]]],
	keys: ['package_ids', 'package_id'],
	required: [['package_ids', 'package_id']],
	narrowedByProduct: true,
	build(param) {
		const raw = param(PACKAGES, []);
		const ids = uniqueInOrder(parseIdList(PACKAGE_FIELD, raw, LIMITS.packageIdMaxLength));
		if (ids.length === 0) throw new InputError(PACKAGE_FIELD, raw, 'is required');
		for (const id of ids)
			if (!PATTERNS.packageId.test(id))
				throw new InputError(PACKAGE_FIELD, id, `may contain ${PATTERN_TEXT.packageId}`);
		return { package_ids: ids };
	},
	checkOverride: checkDocumentPackages,
};
