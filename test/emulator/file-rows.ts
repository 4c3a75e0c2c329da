/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// Sub-task rows of an uploaded batch file. A real .xlsx is a zip: we inflate its first worksheet and count
// <row> elements (first row = header). Anything else is read as text lines (first line = header), which lets
// tests craft "xlsx" files with an exact row count. The first cell of a row becomes the sub-task target when
// it is a valid id, else `row-00001`, ... (TaskDetail.target of file tasks is undocumented).
import * as zlib from 'node:zlib';

const ID_RE = /^[A-Za-z0-9_-]{1,128}$/;
const rowName = (n: number) => `row-${String(n).padStart(5, '0')}`;

export function rowsOfFile(data: Buffer): string[] {
	const sheet = data.readUInt32LE(0) === 0x04034b50 ? firstWorksheet(data) : undefined;
	if (sheet !== undefined) {
		const rows = sheet.match(/<row[\s>]/g)?.length ?? 0;
		return Array.from({ length: Math.max(0, rows - 1) }, (_, i) => rowName(i + 1));
	}
	const lines = data
		.toString('utf8')
		.split(/\r?\n/)
		.filter((l) => l.trim() !== '')
		.slice(1);
	return lines.map((line, i) => {
		const first = line.split(/[,;\t]/)[0].trim();
		return ID_RE.test(first) ? first : rowName(i + 1);
	});
}

/** Text of xl/worksheets/sheet1.xml of a zip, via the central directory; undefined if not found. */
function firstWorksheet(zip: Buffer): string | undefined {
	try {
		let eocd = zip.length - 22;
		while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
		if (eocd < 0) return undefined;
		const entries = zip.readUInt16LE(eocd + 10);
		let p = zip.readUInt32LE(eocd + 16);
		for (let e = 0; e < entries; e++) {
			const method = zip.readUInt16LE(p + 10);
			const compressedSize = zip.readUInt32LE(p + 20);
			const nameLen = zip.readUInt16LE(p + 28);
			const extraLen = zip.readUInt16LE(p + 30);
			const commentLen = zip.readUInt16LE(p + 32);
			const localOffset = zip.readUInt32LE(p + 42);
			const name = zip.slice(p + 46, p + 46 + nameLen).toString('utf8');
			if (/^xl\/worksheets\/sheet\d*\.xml$/.test(name)) {
				const start =
					localOffset +
					30 +
					zip.readUInt16LE(localOffset + 26) +
					zip.readUInt16LE(localOffset + 28);
				const raw = zip.slice(start, start + compressedSize);
				return (method === 8 ? zlib.inflateRawSync(raw) : raw).toString('utf8');
			}
			p += 46 + nameLen + extraLen + commentLen;
		}
	} catch {
		// Not a readable zip: fall back to text rows.
	}
	return undefined;
}
