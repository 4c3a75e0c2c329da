/**
 * Review finding: the throttling hints told users to use "the node's Retry On Fail setting", but the node
 * retries a throttled request itself within its Options → Max Attempts / Max Retry Time (Seconds). The hint
 * must name those options, as the Options collection spells them.
 */
import type { INode } from 'n8n-workflow';

import { retryOptions } from '../../../../nodes/HuaweiCloudIotda/actions/requestOptions.description';
import { iotdaApiError } from '../../../../nodes/HuaweiCloudIotda/transport/errors';

const node: INode = {
	id: '1',
	name: 'IoTDA',
	type: 'n8n-nodes-huaweicloud-iotda.huaweiCloudIotda',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe.each([
	[
		'403 IOTDA.021101',
		{
			statusCode: 403,
			errorCode: 'IOTDA.021101',
			errorMsg: 'Request reached the maximum rate limit.',
		},
	],
	['429 APIG.0308', { statusCode: 429, errorCode: 'APIG.0308' }],
])('the hint of a throttled request (%s)', (_name, response) => {
	const description = String(
		iotdaApiError(node, response, { action: 'Create batch task' }).description,
	);

	it('names the node’s own retry options, as the Options collection spells them', () => {
		for (const option of retryOptions)
			expect(description).toContain(`Options → ${option.displayName}`);
	});

	it('does not send the user to a setting the node does not use for this', () => {
		expect(description).not.toContain('Retry On Fail');
	});
});
