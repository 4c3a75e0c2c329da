/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** Every task operation reads the task first: unknown and malformed ids are explained, naming the id and item. */
import { DEFAULT_ACCOUNT } from '../../../../emulator';
import { locator, useEmulator } from '../../../../fixtures/emulator';

const fixture = useEmulator({ seed: 11 });
const UNKNOWN = 'ffffffffffffffffffff0042';

const failure = async (
	parameters: Record<string, unknown>,
	credentials?: Record<string, unknown>,
) => {
	const error = await fixture.run({ parameters: parameters as never, credentials }).then(
		() => undefined,
		(e: Error & { description?: string; context?: { itemIndex?: number } }) => e,
	);
	if (!error) throw new Error('expected the node to fail');
	return error;
};

describe('task lookup', () => {
	it.each(['get', 'stop', 'retry', 'confirm', 'delete'])(
		'%s of an unknown task id names the id',
		async (operation) => {
			const error = await failure({ resource: 'batchTask', operation, taskId: locator(UNKNOWN) });
			expect(error).toMatchObject({ name: 'NodeApiError' });
			const verb = operation[0].toUpperCase() + operation.slice(1);
			expect(error.message).toBe(
				`${verb} batch task ${UNKNOWN} failed: IOTDA.014301 – Batch task ${UNKNOWN} does not exist. [item 0]`,
			);
			expect(error.context?.itemIndex).toBe(0);
		},
	);

	it("a malformed task id typed into the field: n8n refuses the workflow by the locator's pattern, nothing is sent", async () => {
		const error = await failure({
			resource: 'batchTask',
			operation: 'get',
			taskId: locator('NOT-A-TASK'),
		});
		expect(error).toMatchObject({ name: 'WorkflowHasIssuesError' });
		expect(error.message).toContain('Not a batch task ID: up to 24 lower-case hex characters');
		expect(fixture.emu.log).toHaveLength(0);
	});

	it('a malformed task id from an expression is refused by the node before sending, naming the item', async () => {
		const error = await failure({
			resource: 'batchTask',
			operation: 'get',
			taskId: locator('={{ "NOT-A-TASK" }}'),
		});
		expect(error.message).toBe(
			'Batch Task must be up to 24 lower-case hex characters: "NOT-A-TASK" [item 0]',
		);
		expect(fixture.emu.log).toHaveLength(0);
	});

	it('errors never contain the secret key', async () => {
		const error = await failure(
			{ resource: 'batchTask', operation: 'get', taskId: locator(UNKNOWN) },
			{
				accessKeyId: DEFAULT_ACCOUNT.ak,
				secretAccessKey: 'WrongSecretKey000000000000000000000000000',
			},
		);
		expect(error.message).toMatch(/^Get batch task .* failed: IOTDA.000002/);
		expect(JSON.stringify({ m: error.message, d: error.description })).not.toContain(
			'WrongSecretKey',
		);
	});
});
