/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// Row counting of uploaded batch files: real .xlsx (zip) worksheets and text stand-ins.
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from '.';
import { rowsOfFile } from './file-rows';
import { call } from './sdk-test-client';
import { worksheet, zip } from '../helpers/xlsx';

const sheet = (rows: number) => worksheet(rows);

describe('rows of an uploaded file', () => {
	it('counts worksheet rows of a real xlsx minus the header row', () => {
		const xlsx = zip({
			'[Content_Types].xml': '<Types/>',
			'xl/workbook.xml': '<workbook/>',
			'xl/worksheets/sheet1.xml': sheet(26),
		});
		expect(rowsOfFile(xlsx)).toHaveLength(25);
		expect(rowsOfFile(xlsx)[0]).toBe('row-00001');
	});

	it('reads text stand-ins line by line, first cell as target when it is an id', () => {
		expect(rowsOfFile(Buffer.from('node_id,name\nnodeA,A\n\nbad id!,B\n'))).toEqual([
			'nodeA',
			'row-00002',
		]);
	});

	it('a file task over an uploaded xlsx has one sub-task per row', async () => {
		const emu: Emulator = await startEmulator();
		try {
			const up = await call(emu.url, {
				account: DEFAULT_ACCOUNT,
				method: 'POST',
				path: '/batchtask-files',
				file: {
					name: 'BatchCreateDevices.xlsx',
					content: zip({ 'xl/worksheets/sheet1.xml': sheet(101) }),
				},
			});
			expect(up.status).toBe(201);
			const r = await call(emu.url, {
				account: DEFAULT_ACCOUNT,
				method: 'POST',
				path: '/batchtasks',
				json: {
					task_name: 'from_xlsx',
					task_type: 'createDevices',
					document_source: up.body.file_id,
				},
			});
			expect(r.status).toBe(201);
			expect(r.body.task_progress.total).toBe(100);
			emu.clock.advance(60_000);
			const shown = await call(emu.url, {
				account: DEFAULT_ACCOUNT,
				method: 'GET',
				path: `/batchtasks/${r.body.task_id}`,
			});
			expect(shown.body.batchtask.status).toBe('Success');
		} finally {
			await emu.close();
		}
	});
});
