/** The fields every Rollout operation shows: settings, targets, request options. */
import type { INodeProperties } from 'n8n-workflow';

import { requestOptionsCollection } from '../requestOptions.description';
import { rolloutSettingsProperties } from './rollout.description';
import { rolloutTargetProperties } from './targets.description';

export const rolloutProperties: INodeProperties[] = [
	...rolloutSettingsProperties,
	...rolloutTargetProperties,
	requestOptionsCollection(),
];
