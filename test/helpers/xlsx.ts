/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
/** Minimal .xlsx files for tests: a zip (deflate, with CRCs) holding worksheet XML, as spreadsheet tools write. */
import { crc32, deflateRawSync } from 'zlib';

export function zip(entries: Record<string, string>): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, text] of Object.entries(entries)) {
		const raw = Buffer.from(text);
		const data = deflateRawSync(raw);
		const nameBytes = Buffer.from(name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(crc32(raw), 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(raw.length, 22);
		local.writeUInt16LE(nameBytes.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(crc32(raw), 16);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(raw.length, 24);
		central.writeUInt16LE(nameBytes.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, nameBytes, data);
		centrals.push(central, nameBytes);
		offset += 30 + nameBytes.length + data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(Object.keys(entries).length, 8);
	end.writeUInt16LE(Object.keys(entries).length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/** A worksheet with `rows` rows; `cell(r)` is the text of row r's first cell (none when undefined). */
export function worksheet(rows: number, cell?: (row: number) => string): string {
	const row = (r: number) =>
		cell
			? `<row r="${r + 1}"><c r="A${r + 1}" t="inlineStr"><is><t>${cell(r)}</t></is></c></row>`
			: `<row r="${r + 1}"><c r="A${r + 1}"/></row>`;
	return `<?xml version="1.0"?><worksheet><sheetData>${Array.from({ length: rows }, (_, r) => row(r)).join('')}</sheetData></worksheet>`;
}

/** An .xlsx whose first sheet has a header row (`node_id`) and `rows` device rows. */
export function deviceSheet(rows: number): Buffer {
	return zip({
		'[Content_Types].xml':
			'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
		'xl/worksheets/sheet1.xml': worksheet(rows + 1, (r) => (r === 0 ? 'node_id' : `dev-${r}`)),
	});
}
