/** Batch Task File → Upload through n8n's engine: binary data from the previous node, multipart, UNSIGNED-PAYLOAD. */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { useEmulator } from '../../../../fixtures/emulator';
import { fileItem } from '../../../../fixtures/files';
import { errorMessage } from '../../../../helpers/errorItem';
import { deviceSheet as xlsx } from '../../../../helpers/xlsx';

const fixture = useEmulator({ seed: 11 });
const upload = { resource: 'batchTaskFile', operation: 'upload' };

describe('Batch Task File → Upload', () => {
	it('uploads an .xlsx from binary data as multipart signed with UNSIGNED-PAYLOAD', async () => {
		const sent: IHttpRequestOptions[] = [];
		const out = await fixture.run({
			items: [fileItem('BatchCreateDevices.xlsx', xlsx(3))],
			parameters: upload,
			sent,
		});
		expect(out).toHaveLength(1);
		expect(out[0].json).toMatchObject({
			file_id: expect.any(String),
			file_name: 'BatchCreateDevices.xlsx',
			upload_time: expect.stringMatching(/^\d{8}T\d{6}Z$/),
		});
		expect(out[0].pairedItem).toEqual({ item: 0 });
		const held = fixture.emu.state().files;
		expect(held.map((f) => [f.file_id, f.rows.length])).toEqual([[out[0].json.file_id, 3]]);
		const headers = sent[0].headers as Record<string, string>;
		expect(headers['Content-Type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(headers['X-Sdk-Content-Sha256']).toBe('UNSIGNED-PAYLOAD');
		expect(headers.Authorization).toContain('x-sdk-content-sha256');
		expect(headers.Authorization).not.toMatch(/SignedHeaders=[^,]*content-type/);
	});

	it('uses another binary field and Options → File Name, keeping non-ASCII names', async () => {
		const out = await fixture.run({
			items: [fileItem('export', xlsx(1), 'sheet')],
			parameters: {
				...upload,
				binaryPropertyName: 'sheet',
				options: { fileName: '批量创建设备.xls' },
			},
		});
		expect(out[0].json.file_name).toBe('批量创建设备.xls');
	});

	it('refuses a .csv before sending, naming the file', async () => {
		const sent: IHttpRequestOptions[] = [];
		const error = await fixture
			.run({
				items: [fileItem('devices.csv', Buffer.from('node_id\ndev-1\n'))],
				parameters: upload,
				sent,
			})
			.catch((e: Error) => e);
		expect((error as Error).message).toBe(
			'File must be an Excel file (.xls or .xlsx); IoTDA accepts no other task files: "devices.csv" [item 0]',
		);
		expect(sent).toHaveLength(0);
		expect(fixture.emu.log).toHaveLength(0);
	});

	it("explains a missing binary field (n8n-core's own message), before sending", async () => {
		const error = await fixture
			.run({ items: [{ json: {} }], parameters: upload })
			.catch((e: Error) => e);
		expect((error as Error).message).toMatch(/binary file 'data'.*\[item 0\]/);
		expect(fixture.emu.log).toHaveLength(0);
	});

	it('with Continue On Fail, a refused file is an error item and the next file is uploaded', async () => {
		const out = await fixture.run({
			items: [fileItem('notes.txt', Buffer.from('x')), fileItem('ok.xlsx', xlsx(2))],
			parameters: upload,
			continueOnFail: true,
		});
		expect(out[0]).toMatchObject({ pairedItem: { item: 0 } });
		expect(errorMessage(out[0])).toContain('"notes.txt"');
		expect(out[1].json.file_name).toBe('ok.xlsx');
		expect(fixture.calls('POST', /\/batchtask-files$/)).toHaveLength(1);
	});

	it('"Continue (using error output)": the refused file lands on n8n\'s error output', async () => {
		const { outputs } = await fixture.execute({
			items: [fileItem('notes.txt', Buffer.from('x')), fileItem('ok.xlsx', xlsx(2))],
			parameters: upload,
			onError: 'continueErrorOutput',
		});
		const [success, failed] = outputs;
		expect(success.map((o) => o.json.file_name)).toEqual(['ok.xlsx']);
		expect(failed.map((o) => o.pairedItem)).toEqual([{ item: 0 }]);
		expect(errorMessage(failed[0])).toContain('"notes.txt"');
	});
});
