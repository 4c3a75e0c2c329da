// multipart/form-data parser for UploadBatchTaskFile that reads part names the way a real RFC 7578 server
// does — modelled on busboy 1.6 (the parser behind multer/fastify), configured for UTF-8:
//  - Content-Disposition parameters: token or quoted-string values; in a quoted string `\x` stands for `x`
//    (RFC 2183 / RFC 822), so `filename="a \"b\".xlsx"` is `a "b".xlsx`;
//  - `filename*=charset'lang'percent-encoded` (RFC 5987/8187; UTF-8 or ISO-8859-1) wins over `filename`;
//  - plain values are read as UTF-8 (busboy `defParamCharset: 'utf8'`);
//  - the file name is cut to what follows its last `/` or `\` (busboy's default, preservePath: false), as
//    servers do with the paths old browsers sent — that is why the node refuses those characters up front.
// A malformed Content-Disposition is a 400, like a server that cannot read the part.
import { badFormat } from './errors';

export interface FilePart {
	fieldName: string;
	fileName?: string;
	data: Buffer;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

/** Reads `; name=value` parameters after the disposition type; undefined when malformed (as busboy). */
export function parseDispositionParams(header: string): Record<string, string> | undefined {
	const params: Record<string, string> = {};
	let i = header.indexOf(';');
	if (i < 0) return params;
	while (i < header.length) {
		while (header[i] === ' ' || header[i] === '\t') i++;
		if (i >= header.length) break;
		if (header[i++] !== ';') return undefined;
		while (header[i] === ' ' || header[i] === '\t') i++;
		const nameStart = i;
		while (i < header.length && TOKEN.test(header[i])) i++;
		if (header[i] !== '=' || i === nameStart) return undefined;
		const name = header.slice(nameStart, i++).toLowerCase();
		let value: string | undefined;
		if (name.endsWith('*')) [value, i] = extendedValue(header, i);
		else if (header[i] === '"') [value, i] = quotedString(header, i + 1);
		else {
			const start = i;
			while (i < header.length && TOKEN.test(header[i])) i++;
			value = i === start ? undefined : header.slice(start, i);
		}
		if (value === undefined) return undefined;
		if (!(name in params)) params[name] = value;
	}
	return params;
}

/** A quoted-string body from `i` (after the opening quote): `\x` → `x`; returns [value, index after quote]. */
function quotedString(s: string, i: number): [string | undefined, number] {
	let value = '';
	for (; i < s.length; i++) {
		if (s[i] === '\\' && i + 1 < s.length) value += s[++i];
		else if (s[i] === '"') return [value, i + 1];
		else value += s[i];
	}
	return [undefined, i]; // unterminated
}

/** `charset'lang'pct-encoded` (RFC 8187); returns [decoded value, index after it]. */
function extendedValue(s: string, i: number): [string | undefined, number] {
	const m =
		/^([A-Za-z0-9!#$%&+^_`{}~-]+)'[^']*'((?:[A-Za-z0-9!#$&+.^_`|~-]|%[0-9A-Fa-f]{2})+)/.exec(
			s.slice(i),
		);
	if (!m) return [undefined, i];
	const bytes = Buffer.from(
		m[2].replace(/%([0-9A-Fa-f]{2})|./gs, (all, hex: string | undefined) =>
			hex ? String.fromCharCode(parseInt(hex, 16)) : all,
		),
		'latin1',
	);
	const charset = m[1].toLowerCase();
	const value =
		charset === 'utf-8' || charset === 'utf8'
			? bytes.toString('utf8')
			: charset === 'iso-8859-1' || charset === 'latin1'
				? bytes.toString('latin1')
				: undefined;
	return [value, i + m[0].length];
}

/** busboy's basename: the part after the last `/` or `\`; `.` and `..` become ''. */
function basename(path: string): string {
	const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
	const base = cut < 0 ? path : path.slice(cut + 1);
	return base === '.' || base === '..' ? '' : base;
}

/** The field name and (for a file part) the file name a server reads from a part's header block. */
export function partNames(headers: string): { fieldName: string; fileName?: string } {
	const line = /^content-disposition:[ \t]*([^\r\n]*)/im.exec(headers)?.[1] ?? '';
	if (!/^form-data\b/i.test(line))
		throw badFormat('multipart part without Content-Disposition: form-data');
	const params = parseDispositionParams(line);
	if (params === undefined) throw badFormat('malformed Content-Disposition in a multipart part');
	if (params.name === undefined) throw badFormat('multipart part without a name');
	const fileName = params['filename*'] ?? params.filename;
	return {
		fieldName: params.name,
		fileName: fileName === undefined ? undefined : basename(fileName),
	};
}

export function parseMultipart(body: Buffer, contentType: string): FilePart[] {
	const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	if (!m) throw badFormat('multipart/form-data without a boundary');
	const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
	const parts: FilePart[] = [];
	let pos = body.indexOf(delimiter);
	if (pos < 0) throw badFormat('multipart body does not contain its boundary');
	for (;;) {
		pos += delimiter.length;
		if (body.slice(pos, pos + 2).toString() === '--') break; // closing delimiter
		const headerEnd = body.indexOf('\r\n\r\n', pos);
		const next = body.indexOf(delimiter, pos);
		if (headerEnd < 0 || next < 0 || headerEnd > next) throw badFormat('malformed multipart part');
		const names = partNames(body.slice(pos, headerEnd).toString('utf8'));
		// The part data ends with CRLF before the next delimiter.
		parts.push({ ...names, data: body.slice(headerEnd + 4, next - 2) });
		pos = next;
	}
	return parts;
}
