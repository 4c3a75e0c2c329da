/**
 * Issue #14 item 4: a task file's name arrives exactly as given (RFC 7578 quoted-string with `"` and `\`
 * escaped, plus filename* for non-ASCII names) or is refused before sending, naming the file and the
 * characters; a lost upload response is recovered by the name actually sent, never uploaded twice.
 * Uploads run through n8n's engine. The emulator reads names like a real RFC 7578 server (busboy's rules, test/emulator/multipart.ts).
 */
import type { IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import {
	contentDisposition,
	multipartBody,
} from '../../../../nodes/HuaweiCloudIotda/transport/multipart';
import { parseMultipart, partNames } from '../../../emulator/multipart';
import { useEmulator } from '../../../fixtures/emulator';
import { fileItem as binaryItem } from '../../../fixtures/files';
import { deviceSheet } from '../../../helpers/xlsx';

const fixture = useEmulator({ seed: 11 });
const fileItem = (fileName: string): INodeExecutionData => binaryItem(fileName, deviceSheet(2));

const upload = (
	items: INodeExecutionData[],
	sent?: IHttpRequestOptions[],
	continueOnFail = false,
) =>
	fixture.run({
		items,
		sent,
		continueOnFail,
		parameters: { resource: 'batchTaskFile', operation: 'upload' },
	});

/** Names that must arrive unchanged: quotes, CJK, spaces, reserved and percent-looking text, emoji. */
const NAMES = [
	'设备 "v2".xlsx',
	'批量创建设备.xls',
	'a "quoted" name.xlsx',
	"it's; name=x.xlsx",
	'100% done %22.xlsx',
	'tab-free ü ß Ж.xlsx',
	'rocket 🚀.xlsx',
	'x*(1)!~.xlsx',
	'plain.xlsx',
];

describe('file names on the wire (multipart.ts) as an RFC 7578 server reads them (emulator/multipart.ts)', () => {
	it('设备 "v2".xlsx: UTF-8 quoted with escaped quotes, plus filename*', () => {
		expect(contentDisposition('file', '设备 "v2".xlsx')).toBe(
			`form-data; name="file"; filename="设备 \\"v2\\".xlsx"; filename*=UTF-8''%E8%AE%BE%E5%A4%87%20%22v2%22.xlsx`,
		);
		expect(contentDisposition('file', 'plain.xlsx')).toBe(
			'form-data; name="file"; filename="plain.xlsx"',
		);
	});

	it.each(NAMES)('%s round-trips through the body unchanged', (name) => {
		const built = multipartBody({
			fieldName: 'file',
			fileName: name,
			contentType: 'application/vnd.ms-excel',
			data: Buffer.from('x'),
		});
		const [part] = parseMultipart(built.body, built.contentType);
		expect([part.fieldName, part.fileName, part.data.toString()]).toEqual(['file', name, 'x']);
	});

	it('multipartBody refuses, rather than changes, a name a server would cut or could not read', () => {
		for (const name of ['a/b.xlsx', 'a\\b.xlsx', 'a\nb.xlsx']) {
			expect(() =>
				multipartBody({
					fieldName: 'file',
					fileName: name,
					contentType: 'x',
					data: Buffer.alloc(0),
				}),
			).toThrow(/cannot send/);
		}
	});

	it('the emulator parser follows busboy: escapes, filename* first, charsets, basename, malformed → 400', () => {
		const names = (disposition: string) =>
			partNames(`Content-Disposition: ${disposition}\r\nContent-Type: x`);
		expect(names('form-data; name="file"; filename="a \\"b\\" \\\\c.xlsx"')).toEqual({
			fieldName: 'file',
			fileName: 'c.xlsx',
		});
		expect(names('form-data; name="file"; filename="a \\"b\\".xlsx"')).toEqual({
			fieldName: 'file',
			fileName: 'a "b".xlsx',
		});
		expect(
			names('form-data; name=file; filename="old.xlsx"; filename*=UTF-8\'\'%E8%AE%BE.xlsx'),
		).toEqual({ fieldName: 'file', fileName: '设.xlsx' });
		expect(names("form-data; filename*=iso-8859-1'en'%E4.xlsx; name=file")).toEqual({
			fieldName: 'file',
			fileName: 'ä.xlsx',
		});
		expect(
			names('form-data; name="file"; filename="C:\\\\Users\\\\me\\\\devices.xlsx"').fileName,
		).toBe('devices.xlsx');
		expect(names('form-data; name="file"; filename="dir/devices.xlsx"').fileName).toBe(
			'devices.xlsx',
		);
		expect(names('form-data; name="file"; filename="设备.xlsx"').fileName).toBe('设备.xlsx');
		expect(names('form-data; name="file"').fileName).toBeUndefined();
		for (const bad of [
			'form-data; name="file"; filename="open',
			'form-data; name="file" filename="x"',
			"form-data; name=file; filename*=UTF-8''%zz",
		]) {
			expect(() => names(bad)).toThrow(expect.objectContaining({ status: 400 }));
		}
	});
});

describe('Batch Task File → Upload: names', () => {
	it.each(NAMES)('%s is stored under exactly that name', async (name) => {
		const [out] = await upload([fileItem(name)]);
		expect(out.json.file_name).toBe(name);
		expect(fixture.emu.state().files.map((f) => f.file_name)).toEqual([name]);
	});

	it('a lost upload response is recovered by the name sent: one stored file, no error, no second upload', async () => {
		const name = '设备 "v2".xlsx';
		fixture.emu.faults.add({
			kind: 'commitThenDrop',
			match: { method: 'POST', path: /\/batchtask-files$/ },
		});
		const out = await upload([fileItem(name)]);
		const stored = fixture.emu.state().files;
		expect(stored.map((f) => f.file_name)).toEqual([name]);
		expect(
			out.map((o) => [o.json.file_id, o.json.file_name, typeof o.json.recovered_after]),
		).toEqual([[stored[0].file_id, name, 'string']]);
		expect(fixture.calls('POST', /\/batchtask-files$/)).toHaveLength(1);
	});

	it('spaces around a file name are trimmed: the trimmed name is sent, stored and output', async () => {
		const sent: IHttpRequestOptions[] = [];
		const out = await upload([fileItem('a.xlsx '), fileItem(' b.xls')], sent);
		expect(out.map((o) => o.json.file_name)).toEqual(['a.xlsx', 'b.xls']);
		expect(fixture.emu.state().files.map((f) => f.file_name)).toEqual(['a.xlsx', 'b.xls']);
	});

	it('a lost upload response of a trimmed name is recovered by the trimmed name: no second upload', async () => {
		fixture.emu.faults.add({
			kind: 'commitThenDrop',
			match: { method: 'POST', path: /\/batchtask-files$/ },
		});
		const out = await upload([fileItem('  devices.xlsx  ')]);
		const stored = fixture.emu.state().files;
		expect(stored.map((f) => f.file_name)).toEqual(['devices.xlsx']);
		expect(
			out.map((o) => [o.json.file_id, o.json.file_name, typeof o.json.recovered_after]),
		).toEqual([[stored[0].file_id, 'devices.xlsx', 'string']]);
		expect(fixture.calls('POST', /\/batchtask-files$/)).toHaveLength(1);
	});

	it.each([
		['devices/v2.xlsx', '"/"'],
		['C:\\exports\\devices.xlsx', '"\\"'],
		['a\nb\r.xlsx', 'U+000A, U+000D'],
	])('%j is refused before sending, naming the file and the characters', async (name, listed) => {
		const sent: IHttpRequestOptions[] = [];
		const error = (await upload([fileItem(name)], sent).catch((e: Error) => e)) as Error;
		expect(error.message).toContain(
			`File Name contains ${listed}, which an upload cannot carry unchanged`,
		);
		expect(error.message).toContain(`: "${JSON.stringify(name).slice(1, -1)}" [item 0]`);
		expect(sent).toHaveLength(0);
		expect(fixture.emu.log).toHaveLength(0);
	});
});
