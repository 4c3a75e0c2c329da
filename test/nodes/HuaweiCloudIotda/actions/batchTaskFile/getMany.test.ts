/** Batch Task File → Get Many and Delete through n8n's engine against the emulator. */
import { locator, useEmulator } from '../../../../fixtures/emulator';
import { fileItem } from '../../../../fixtures/files';
import { deviceSheet as xlsx } from '../../../../helpers/xlsx';

const fixture = useEmulator({ seed: 11 });
const upload = (name: string) =>
	fixture.run({
		items: [fileItem(name, xlsx(1))],
		parameters: { resource: 'batchTaskFile', operation: 'upload' },
	});

describe('Batch Task File → Get Many and Delete', () => {
	it('lists what was uploaded (Return All, Limit) and deletes a file', async () => {
		const [a] = await upload('a.xlsx');
		await upload('b.xlsx');
		const listed = await fixture.run({
			parameters: { resource: 'batchTaskFile', operation: 'getAll', returnAll: true },
		});
		expect(listed.map((o) => o.json.file_name)).toEqual(['a.xlsx', 'b.xlsx']);
		const limited = await fixture.run({
			parameters: { resource: 'batchTaskFile', operation: 'getAll', limit: 1 },
		});
		expect(limited).toHaveLength(1);

		const fileId = a.json.file_id as string;
		const deleted = await fixture.run({
			parameters: {
				resource: 'batchTaskFile',
				operation: 'delete',
				fileId: locator(fileId, 'list'),
			},
		});
		expect(deleted[0].json).toEqual({ file_id: fileId, deleted: true });
		expect(fixture.emu.state().files.map((f) => f.file_name)).toEqual(['b.xlsx']);

		const again = await fixture
			.run({
				parameters: { resource: 'batchTaskFile', operation: 'delete', fileId: locator(fileId) },
			})
			.catch((e: Error) => e);
		expect((again as Error).message).toMatch(
			new RegExp(`^Delete batch task file ${fileId} failed: IOTDA.000029`),
		);
	});
});
