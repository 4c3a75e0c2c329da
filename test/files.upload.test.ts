/** Batch Task File: upload from a previous node's binary data (multipart, UNSIGNED-PAYLOAD), list, delete. */
import type { IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import type { Emulator } from './emulator';
import { deviceSheet } from './helpers/xlsx';
import { calls, runOn, startQuietEmulator } from './lifecycle.harness';

let emu: Emulator;
beforeAll(async () => {
	emu = await startQuietEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const xlsx = deviceSheet;

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
