/**
 * Builds a multipart/form-data body with one file part, as bytes. No form-data dependency (packages may
 * not have runtime dependencies); the credential signs such a request with UNSIGNED-PAYLOAD, as the SDKs do.
 */
import { randomBytes } from 'crypto';

export interface MultipartFile {
	fieldName: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

export interface MultipartBody {
	body: Buffer;
	contentType: string;
}

/** Quotes and line breaks would end the header value early; everything else (e.g. CJK) is sent as UTF-8. */
const headerSafe = (value: string) => value.replace(/["\\\r\n]/g, '_');

export function multipartBody(file: MultipartFile): MultipartBody {
	let boundary: string;
	// A boundary must not occur in the content; 24 random hex characters practically never do.
	do boundary = `----n8nIotda${randomBytes(12).toString('hex')}`;
	while (file.data.includes(boundary));
	const head =
		`--${boundary}\r\n` +
		`Content-Disposition: form-data; name="${headerSafe(file.fieldName)}"; filename="${headerSafe(file.fileName)}"\r\n` +
		`Content-Type: ${headerSafe(file.contentType)}\r\n\r\n`;
	return {
		body: Buffer.concat([Buffer.from(head, 'utf8'), file.data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}
