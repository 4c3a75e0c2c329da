import type { INodeProperties } from 'n8n-workflow';

import { forOperation, updateDisplayOptions } from '../../helpers/displayOptions';
import type { OperationsOf } from '../node.type';

import * as count from './count.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as search from './search.operation';

export const deviceOperations: OperationsOf<'device'> = { count, get, getAll, search };

const FILTERS_TEXT =
	'product, status (ONLINE, OFFLINE, ABNORMAL, INACTIVE, FROZEN), firmware or software version is / is not (one or more), device group, resource space, tag — or SQL conditions';

const operationSelector: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Count',
			value: 'count',
			description: `Count the devices matching filters: ${FILTERS_TEXT}. E.g. "how many devices of product P are not on firmware 2.0.1": Product ID = P, Firmware Version Is Not 2.0.1. One search request; Standard/Enterprise instances, Basic counts by listing the product.`,
			action: 'Count devices matching filters',
		},
		{
			name: 'Get',
			value: 'get',
			description:
				'Get one device by its device ID: product, resource space, status, firmware and software versions, tags',
			action: 'Get a device by device ID',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description:
				'List devices, optionally of one product, resource space, gateway, node ID or name (every edition)',
			action: 'Get many devices',
		},
		{
			name: 'Search',
			value: 'search',
			description: `List the devices matching filters: ${FILTERS_TEXT}. One output item per device. IoTDA allows 1 search request per second, 50 devices each (30,000 devices ≈ 10 minutes).`,
			action: 'Search devices by filters or SQL',
		},
	],
	default: 'get',
};

export const deviceDescription: INodeProperties[] = [
	...updateDisplayOptions(forOperation('device'), [operationSelector]),
	...get.description,
	...getAll.description,
	...search.description,
	...count.description,
];
