import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { taskTypeSpec } from '../helpers/apiRules';
import { iotdaRequest, iotdaRequestAllPages } from '../transport';
import { COMMAND, SERVICE_PARAM } from '../actions/batchTask/create/documents/command';

/** A parameter that may be a plain value or a resource locator ({ mode, value }); '' when unset or unreadable. */
function currentValue(context: ILoadOptionsFunctions, name: string): string {
	let raw: unknown;
	try {
		raw = context.getCurrentNodeParameter(name, { extractValue: true });
	} catch {
		return '';
	}
	const value =
		typeof raw === 'object' && raw !== null && 'value' in raw
			? (raw as { value: unknown }).value
			: raw;
	return typeof value === 'string' ? value.trim() : '';
}

/**
 * An optional picker's list with an explicit "not set" choice first (value '', the field's default). n8n marks
 * an options field red ("The value "" is not supported!") when its value is not among the loaded choices, so
 * without it an optional Product, Service or Command left empty shows a false issue (issue #30).
 */
function optional(what: string, choices: INodePropertyOptions[]): INodePropertyOptions[] {
	return [{ name: '- Not Set -', value: '', description: what }, ...choices];
}

/**
 * Without the Product (or Service) that narrows a list there is nothing to list, but a value the field already
 * holds — typed, or from a shipped example — is valid for IoTDA, which takes any service and command name: it is
 * offered as it is, so n8n does not mark it unsupported.
 */
function asEntered(
	context: ILoadOptionsFunctions,
	name: string,
	narrowBy: string,
): INodePropertyOptions[] {
	const value = currentValue(context, name);
	return value
		? [{ name: value, value, description: `As entered; choose a ${narrowBy} to list the choices` }]
		: [];
}

/**
 * OTA packages of the kind the chosen upgrade installs (firmware, software or module), narrowed with the
 * filters ListOtaPackageInfo has (GO model_list_ota_package_info_request.go: `package_type` required,
 * `app_id`, `product_id`): the form's resource space (Additional Fields → App ID) and product.
 */
export async function getOtaPackages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const taskType = this.getCurrentNodeParameter('taskType') as string;
	const qs: IDataObject = {
		package_type: taskTypeSpec(taskType)?.packageType ?? 'firmwarePackage',
	};
	const appId = currentValue(this, 'additionalFields.appId');
	if (appId) qs.app_id = appId;
	const productId = currentValue(this, 'productId');
	if (productId) qs.product_id = productId;
	const packages = await iotdaRequestAllPages.call(this, {
		method: 'GET',
		path: '/ota-upgrades/packages',
		qs,
		listKey: 'packages',
		action: 'List OTA packages',
	});
	return packages.map((p: IDataObject) => ({
		name: [p.product_name, p.module_name, p.version, p.package_id].filter(Boolean).join(' · '),
		value: String(p.package_id),
		description: typeof p.description === 'string' ? p.description : undefined,
	}));
}

/** Products of the form's resource space (ListProducts `app_id`), or of the account when none is chosen. */
export async function getProducts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const appId = currentValue(this, 'additionalFields.appId');
	const products = await iotdaRequestAllPages.call(this, {
		method: 'GET',
		path: '/products',
		qs: appId ? { app_id: appId } : undefined,
		listKey: 'products',
		action: 'List products',
	});
	return optional(
		'No product: the lists below show every package, or nothing to narrow by',
		products.map((p) => ({
			name: String(p.name),
			value: String(p.product_id),
			description: [p.app_name, p.protocol_type, p.product_id].filter(Boolean).join(' · '),
		})),
	);
}

async function serviceCapabilities(
	context: ILoadOptionsFunctions,
	productId: string,
): Promise<IDataObject[]> {
	const product = await iotdaRequest.call(context, {
		method: 'GET',
		path: `/products/${encodeURIComponent(productId)}`,
		action: `Get product ${productId}`,
	});
	return (product.service_capabilities as IDataObject[] | undefined) ?? [];
}

/** Services of the product chosen in `productId`. */
export async function getServices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const productId = currentValue(this, 'productId');
	const none = 'No service: devices without a codec need none';
	if (!productId) return optional(none, asEntered(this, SERVICE_PARAM, 'Product'));
	const services = await serviceCapabilities(this, productId);
	return optional(
		none,
		services.map((s) => ({
			name: String(s.service_id),
			value: String(s.service_id),
			description: typeof s.description === 'string' && s.description ? s.description : undefined,
		})),
	);
}

/** Commands of the service chosen in `serviceId` of the product chosen in `productId`. */
export async function getCommands(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const productId = currentValue(this, 'productId');
	const serviceId = currentValue(this, SERVICE_PARAM);
	const none = 'No command name: devices without a codec need none';
	if (!productId || !serviceId)
		return optional(none, asEntered(this, COMMAND, productId ? 'Service' : 'Product'));
	const service = (await serviceCapabilities(this, productId)).find(
		(s) => s.service_id === serviceId,
	);
	const commands = (service?.commands as IDataObject[] | undefined) ?? [];
	return optional(
		none,
		commands.map((c) => {
			const paras = ((c.paras as IDataObject[] | undefined) ?? []).map(
				(p) => `${String(p.para_name)}: ${String(p.data_type)}`,
			);
			return {
				name: String(c.command_name),
				value: String(c.command_name),
				description: paras.length ? `Parameters: ${paras.join(', ')}` : 'No parameters',
			};
		}),
	);
}
