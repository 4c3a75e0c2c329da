/**
 * Builds a multipart/form-data body with one file part, as bytes. No form-data dependency (packages may
 * not have runtime dependencies); the credential signs such a request with UNSIGNED-PAYLOAD, as the SDKs do.
 *
 * File names arrive unchanged or are refused: a name is never rewritten on the way (issue #14 item 4).
 */
import { randomBytes } from 'crypto';

export interface MultipartFile {
	fieldName: string;
	/** Sent exactly; must pass unsendableFileNameCharacters (multipartBody throws otherwise). */
	fileName: string;
	contentType: string;
	data: Buffer;
}

export interface MultipartBody {
	body: Buffer;
	contentType: string;
}

/**
 * Characters of a file name that a multipart server would not hand on unchanged, each listed once in order
 * of appearance (e.g. `['/', '\\']`); [] when the name can be sent as it is.
 * - `/` and `\`: servers keep only the part after the last one, as a browser-sent path (busboy's default
 *   `basename`, commons-fileupload, Tomcat), so `a/b.xlsx` would be stored as `b.xlsx`;
 * - control characters (U+0000–U+001F, U+007F): a header field cannot carry CR/LF, and RFC 7578 §4.2 gives
 *   no encoding for them.
 */
export function unsendableFileNameCharacters(fileName: string): string[] {
	const found = new Set<string>();
	for (const c of fileName) if (c === '/' || c === '\\' || isControlCharacter(c)) found.add(c);
	return [...found];
}

/** C0 controls and DEL (U+0000–U+001F, U+007F). */
export function isControlCharacter(c: string): boolean {
	const code = c.charCodeAt(0);
	return code <= 0x1f || code === 0x7f;
}

/**
 * The Content-Disposition value of a file part, per RFC 7578 §4.2: the name as UTF-8 in a quoted string with
 * `"` and `\` backslash-escaped (RFC 2183 / RFC 822 quoted-string). When the name is not plain ASCII or holds a
 * `"`, `filename*=UTF-8''<percent-encoded>` (RFC 5987/8187) is added too: servers that read it (busboy,
 * Spring's ContentDisposition) prefer it to `filename` and it needs no charset guess (busboy decodes a plain
 * `filename` as Latin-1 unless told otherwise); servers that do not, read the same name from `filename`.
 * Example: `设备 "v2".xlsx` → `form-data; name="file"; filename="设备 \"v2\".xlsx"; filename*=UTF-8''%E8%AE%BE…`.
 * Throws an Error naming the characters for a name unsendableFileNameCharacters refuses.
 */
export function contentDisposition(fieldName: string, fileName: string): string {
	const bad = unsendableFileNameCharacters(fileName).concat(
		unsendableFileNameCharacters(fieldName),
	);
	if (bad.length)
		throw new Error(`multipart: cannot send ${JSON.stringify(bad)} in a name unchanged`);
	const quoted = (value: string) => `"${value.replace(/["\\]/g, (c) => '\\' + c)}"`;
	let value = `form-data; name=${quoted(fieldName)}; filename=${quoted(fileName)}`;
	if (/[^\x20-\x7e]|"/.test(fileName)) value += `; filename*=UTF-8''${extendedValue(fileName)}`;
	return value;
}

/** RFC 8187 ext-value characters: attr-char kept, everything else (UTF-8 bytes) as upper-case %XX. */
function extendedValue(value: string): string {
	return encodeURIComponent(value).replace(
		/['()*]/g,
		(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
	);
}

/** One file part and the closing delimiter; the boundary is random and checked against the content. */
export function multipartBody(file: MultipartFile): MultipartBody {
	const disposition = contentDisposition(file.fieldName, file.fileName);
	let boundary: string;
	// A boundary must not occur in the content; 24 random hex characters practically never do.
	do boundary = `----n8nIotda${randomBytes(12).toString('hex')}`;
	while (file.data.includes(boundary));
	const head =
		`--${boundary}\r\n` +
		`Content-Disposition: ${disposition}\r\n` +
		`Content-Type: ${file.contentType.replace(/[\r\n]/g, '')}\r\n\r\n`;
	return {
		body: Buffer.concat([
			Buffer.from(head, 'utf8'),
			file.data,
			Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
		]),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}
