// Row counting of uploaded batch files: real .xlsx (zip) worksheets and text stand-ins.
import * as zlib from 'node:zlib';
import { DEFAULT_ACCOUNT, startEmulator, type Emulator } from './emulator';
import { rowsOfFile } from './emulator/file-rows';
import { call } from './emulator/sdk-test-client';

/** A minimal zip (deflate) with the given entries, laid out like an .xlsx. */
function zip(entries: Record<string, string>): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, text] of Object.entries(entries)) {
		const data = zlib.deflateRawSync(Buffer.from(text));
		const nameBuf = Buffer.from(name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(text.length, 22);
		local.writeUInt16LE(nameBuf.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(text.length, 24);
		central.writeUInt16LE(nameBuf.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, nameBuf, data);
		centrals.push(central, nameBuf);
		offset += 30 + nameBuf.length + data.length;
	}
	const cd = Buffer.concat(centrals);
	const eocd = Buffer.alloc(22);
	eocd.writeUInt32LE(0x06054b50, 0);
	eocd.writeUInt16LE(Object.keys(entries).length, 8);
	eocd.writeUInt16LE(Object.keys(entries).length, 10);
	eocd.writeUInt32LE(cd.length, 12);
	eocd.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, cd, eocd]);
}

const sheet = (rows: number) => `<worksheet><sheetData>${Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"/></row>`).join('')}</sheetData></worksheet>`;

describe('rows of an uploaded file', () => {
	it('counts worksheet rows of a real xlsx minus the header row', () => {
		const xlsx = zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': sheet(26) });
		expect(rowsOfFile(xlsx)).toHaveLength(25);
		expect(rowsOfFile(xlsx)[0]).toBe('row-00001');
	});

	it('reads text stand-ins line by line, first cell as target when it is an id', () => {
		expect(rowsOfFile(Buffer.from('node_id,name\nnodeA,A\n\nbad id!,B\n'))).toEqual(['nodeA', 'row-00002']);
	});

	it('a file task over an uploaded xlsx has one sub-task per row', async () => {
		const emu: Emulator = await startEmulator();
		try {
			const up = await call(emu.url, { account: DEFAULT_ACCOUNT, method: 'POST', path: '/batchtask-files', file: { name: 'BatchCreateDevices.xlsx', content: zip({ 'xl/worksheets/sheet1.xml': sheet(101) }) } });
			expect(up.status).toBe(201);
			const r = await call(emu.url, { account: DEFAULT_ACCOUNT, method: 'POST', path: '/batchtasks', json: { task_name: 'from_xlsx', task_type: 'createDevices', document_source: up.body.file_id } });
			expect(r.status).toBe(201);
			expect(r.body.task_progress.total).toBe(100);
			emu.clock.advance(60_000);
			const shown = await call(emu.url, { account: DEFAULT_ACCOUNT, method: 'GET', path: `/batchtasks/${r.body.task_id}` });
			expect(shown.body.batchtask.status).toBe('Success');
		} finally {
			await emu.close();
		}
	});
});
