import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { taskTypeSpec } from '../helpers/taskTypes';
import { iotdaRequestAllPages } from '../transport';

/** OTA packages of the type that matches the chosen upgrade (firmware or software). */
export async function getOtaPackages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const taskType = this.getCurrentNodeParameter('taskType') as string;
	const packageType = taskTypeSpec(taskType)?.packageType ?? 'firmwarePackage';
	const packages = await iotdaRequestAllPages.call(this, {
		method: 'GET',
		path: '/ota-upgrades/packages',
		qs: { package_type: packageType },
		listKey: 'packages',
		action: 'List OTA packages',
	});
	return packages.map((p: IDataObject) => ({
		name: [p.product_name, p.version, p.package_id].filter(Boolean).join(' · '),
		value: String(p.package_id),
		description: typeof p.description === 'string' ? p.description : undefined,
	}));
}
