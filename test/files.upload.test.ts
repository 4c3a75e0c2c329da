/** Batch Task File: upload from a previous node's binary data (multipart, UNSIGNED-PAYLOAD), list, delete. */
import type { IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import type { Emulator } from './emulator';
import { calls, runOn, startQuietEmulator } from './lifecycle.harness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startQuietEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
const crc32 = (data: Buffer) => {
	let c = 0xffffffff;
	for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
};

/** A minimal .xlsx (a stored zip) whose first sheet has a header row and `rows` device rows. */
function xlsx(rows: number): Buffer {
	const sheetRows = Array.from({ length: rows + 1 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="inlineStr"><is><t>${r === 0 ? 'node_id' : `dev-${r}`}</t></is></c></row>`).join('');
	const entries: Array<[string, Buffer]> = [
		['[Content_Types].xml', Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')],
		['xl/worksheets/sheet1.xml', Buffer.from(`<?xml version="1.0"?><worksheet><sheetData>${sheetRows}</sheetData></worksheet>`)],
	];
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, data] of entries) {
		const nameBytes = Buffer.from(name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt32LE(crc32(data), 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(nameBytes.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt32LE(crc32(data), 16);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(data.length, 24);
		central.writeUInt16LE(nameBytes.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, nameBytes, data);
		centrals.push(central, nameBytes);
		offset += 30 + nameBytes.length + data.length;
	}
	const centralSize = centrals.reduce((n, b) => n + b.length, 0);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(centralSize, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, ...centrals, end]);
}

/** An item as n8n's Convert to File node emits it. */
function fileItem(fileName: string, data: Buffer, property = 'data'): INodeExecutionData {
	return { json: {}, binary: { [property]: { data: data.toString('base64'), fileName, mimeType: 'application/octet-stream' } } };
}

const upload = (items: INodeExecutionData[], extra: Record<string, unknown> = {}, sent?: IHttpRequestOptions[], continueOnFail = false) =>
	runOn(emu, { items, sent, continueOnFail, parameters: { resource: 'batchTaskFile', operation: 'upload', ...extra } });

describe('Batch Task File → Upload', () => {
	it('uploads an .xlsx from binary data as multipart signed with UNSIGNED-PAYLOAD', async () => {
		const sent: IHttpRequestOptions[] = [];
		const out = await upload([fileItem('BatchCreateDevices.xlsx', xlsx(3))], {}, sent);
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({ file_id: expect.any(String), file_name: 'BatchCreateDevices.xlsx', upload_time: expect.stringMatching(/^\d{8}T\d{6}Z$/) });
		expect(out[0].pairedItem).toEqual({ item: 0 });
		const held = emu.state().files;
		expect(held.map((f) => [f.file_id, f.rows.length])).toEqual([[out[0].json.file_id, 3]]);
		const headers = sent[0].headers as Record<string, string>;
		expect(headers['Content-Type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(headers['X-Sdk-Content-Sha256']).toBe('UNSIGNED-PAYLOAD');
		expect(headers.Authorization).toContain('x-sdk-content-sha256');
		expect(headers.Authorization).not.toMatch(/SignedHeaders=[^,]*content-type/);
	});

	it('uses another binary field and Options → File Name, keeping non-ASCII names', async () => {
		const out = await upload([fileItem('export', xlsx(1), 'sheet')], { binaryPropertyName: 'sheet', options: { fileName: '批量创建设备.xls' } });
		expect(out[0].json.file_name).toBe('批量创建设备.xls');
	});

	it('refuses a .csv before sending, naming the file', async () => {
		const sent: IHttpRequestOptions[] = [];
		const error = await upload([fileItem('devices.csv', Buffer.from('node_id\ndev-1\n'))], {}, sent).catch((e: Error) => e);
		expect((error as Error).message).toBe('File must be an Excel file (.xls or .xlsx); IoTDA accepts no other task files: "devices.csv" [item 0]');
		expect(sent).toHaveLength(0);
		expect(emu.log).toHaveLength(0);
	});

	it('explains a missing binary field', async () => {
		const error = await upload([{ json: {} }]).catch((e: Error) => e);
		expect((error as Error).message).toContain("binary file 'data'");
	});

	it('with continueOnFail, a refused file is an error item and the next file is uploaded', async () => {
		const out = await upload([fileItem('notes.txt', Buffer.from('x')), fileItem('ok.xlsx', xlsx(2))], {}, undefined, true);
		expect(out[0]).toMatchObject({ pairedItem: { item: 0 } });
		expect(String(out[0].json.error)).toContain('"notes.txt"');
		expect(out[1].json.file_name).toBe('ok.xlsx');
		expect(calls(emu, 'POST', /\/batchtask-files$/)).toHaveLength(1);
	});
});

describe('Batch Task File → Get Many and Delete', () => {
	it('lists what was uploaded and deletes a file', async () => {
		const [a] = await upload([fileItem('a.xlsx', xlsx(1))]);
		await upload([fileItem('b.xlsx', xlsx(1))]);
		const listed = await runOn(emu, { parameters: { resource: 'batchTaskFile', operation: 'getAll', returnAll: true } });
		expect(listed.map((o) => o.json.file_name)).toEqual(['a.xlsx', 'b.xlsx']);
		const limited = await runOn(emu, { parameters: { resource: 'batchTaskFile', operation: 'getAll', limit: 1 } });
		expect(limited).toHaveLength(1);

		const fileId = a.json.file_id as string;
		const deleted = await runOn(emu, { parameters: { resource: 'batchTaskFile', operation: 'delete', fileId: { __rl: true, mode: 'list', value: fileId } } });
		expect(deleted[0].json).toEqual({ file_id: fileId, deleted: true });
		expect(emu.state().files.map((f) => f.file_name)).toEqual(['b.xlsx']);

		const again = await runOn(emu, { parameters: { resource: 'batchTaskFile', operation: 'delete', fileId: { __rl: true, mode: 'id', value: fileId } } }).catch((e: Error) => e);
		expect((again as Error).message).toMatch(new RegExp(`^Delete batch task file ${fileId} failed: IOTDA.000029`));
	});
});
