import {
	DEFAULT_LIMIT,
	returnAllOrLimit,
} from '../../../../nodes/HuaweiCloudIotda/actions/returnAll.description';

describe('Return All / Limit', () => {
	it("the form's Limit default is the DEFAULT_LIMIT the operations fall back to", () => {
		const limit = returnAllOrLimit.find((p) => p.name === 'limit');
		expect(limit?.default).toBe(DEFAULT_LIMIT);
	});
});
