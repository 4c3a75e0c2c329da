// Minimal multipart/form-data parser: enough for the one `file` part of UploadBatchTaskFile.
import { badFormat } from './errors';

export interface FilePart {
	fieldName: string;
	fileName?: string;
	data: Buffer;
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
		const headers = body.slice(pos, headerEnd).toString('utf8');
		const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
		const fieldName = /\bname="([^"]*)"/i.exec(disposition)?.[1];
		if (fieldName === undefined) throw badFormat('multipart part without a name');
		const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
		// The part data ends with CRLF before the next delimiter.
		parts.push({ fieldName, fileName, data: body.slice(headerEnd + 4, next - 2) });
		pos = next;
	}
	return parts;
}
