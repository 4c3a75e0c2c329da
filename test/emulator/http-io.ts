/* eslint-disable -- outside the strict community-node scope: `npm run lint:tests` lints this file (test/eslint.config.mjs) */
// Reading request bodies with a size cap and writing IoTDA-shaped responses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badFormat } from './errors';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Past this we stop draining and drop the connection, so a runaway client cannot hold the emulator. */
const HARD_DRAIN_LIMIT = 64 * 1024 * 1024;

/** Resolves with the body, or with `tooLarge` after draining (a 413 can then be delivered cleanly). */
export function readBody(
	req: IncomingMessage,
): Promise<{ body: Buffer; tooLarge: boolean; size: number }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
			else if (size > HARD_DRAIN_LIMIT) req.destroy();
		});
		req.on('end', () =>
			resolve({
				body: size > MAX_BODY_BYTES ? Buffer.alloc(0) : Buffer.concat(chunks),
				tooLarge: size > MAX_BODY_BYTES,
				size,
			}),
		);
		req.on('error', reject);
		req.on('aborted', () => reject(new Error('request aborted')));
	});
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	if (res.writableEnded || res.destroyed) return;
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		...headers,
		...(text
			? {
					'Content-Type': 'application/json;charset=UTF-8',
					'Content-Length': String(Buffer.byteLength(text)),
				}
			: { 'Content-Length': '0' }),
	});
	res.end(text);
}

export function sendError(res: ServerResponse, err: ApiError): void {
	sendJson(
		res,
		err.status,
		err.body ?? { error_code: err.errorCode, error_msg: err.errorMsg },
		err.headers,
	);
}

export function parseJsonBody(
	body: Buffer,
	contentType: string | undefined,
	opts: { emptyAs?: unknown } = {},
): unknown {
	if (body.length === 0 && opts.emptyAs !== undefined) return opts.emptyAs;
	if (!contentType || !/^application\/json\b/i.test(contentType.trim())) {
		throw badFormat(`Content-Type must be application/json, got ${contentType ?? 'none'}`);
	}
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		throw badFormat('the request body is not valid JSON');
	}
}
