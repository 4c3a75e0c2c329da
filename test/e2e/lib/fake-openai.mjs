// A scripted OpenAI-compatible chat model on 127.0.0.1 for the AI Agent e2e (node:http only). n8n's OpenAI
// Chat Model node talks to it through its credential's Base URL (`http://127.0.0.1:<port>/v1`).
//
// POST /v1/chat/completions, with or without `stream: true`:
//   - no tool message yet  → a tool call to the one tool offered, with the arguments `firstTurn(request)` returns
//   - a tool message there → a final answer from `finalTurn(toolMessageText, request)`
// Every request body is kept in `requests` so the test can check what n8n sent the model (the tool's schema
// and description, the tool result or error it saw). GET /v1/models lists one model.
import http from 'node:http';

const MODEL = 'local-test-model';

function completion(message, finishReason) {
	return {
		id: `chatcmpl-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: MODEL,
		choices: [{ index: 0, message, finish_reason: finishReason }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

/** The same answer as server-sent events, one chunk carrying the whole message (what streaming clients accept). */
function streamChunks(message, finishReason) {
	const base = {
		id: `chatcmpl-${Date.now()}`,
		object: 'chat.completion.chunk',
		created: Math.floor(Date.now() / 1000),
		model: MODEL,
	};
	const delta = { role: 'assistant', content: message.content ?? null };
	if (message.tool_calls)
		delta.tool_calls = message.tool_calls.map((call, index) => ({ index, ...call }));
	return [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }] },
	];
}

/** Text of a message's content (a string, or an array of {type:'text', text} parts). */
export function messageText(message) {
	if (typeof message?.content === 'string') return message.content;
	if (Array.isArray(message?.content))
		return message.content.map((part) => part.text ?? '').join('');
	return '';
}

export class FakeOpenAi {
	/**
	 * firstTurn(request) → object of tool arguments for the first turn;
	 * finalTurn(toolText, request) → the final answer text.
	 */
	constructor({ firstTurn, finalTurn }) {
		this.firstTurn = firstTurn;
		this.finalTurn = finalTurn;
		this.requests = [];
		this.server = http.createServer((req, res) => this.handle(req, res));
	}

	async start() {
		await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.server.unref(); // a failed case must not keep the test process alive
		this.baseUrl = `http://127.0.0.1:${this.server.address().port}/v1`;
		return this;
	}

	async stop() {
		this.server.closeAllConnections?.();
		await new Promise((resolve) => this.server.close(resolve));
	}

	answer(request) {
		const toolMessages = request.messages.filter((m) => m.role === 'tool');
		if (toolMessages.length > 0) {
			return [
				{
					role: 'assistant',
					content: this.finalTurn(messageText(toolMessages[toolMessages.length - 1]), request),
				},
				'stop',
			];
		}
		const tool = request.tools?.[0]?.function;
		if (!tool) throw new Error('the request offers no tool');
		const call = {
			id: `call_${this.requests.length}`,
			type: 'function',
			function: { name: tool.name, arguments: JSON.stringify(this.firstTurn(request)) },
		};
		return [{ role: 'assistant', content: null, tool_calls: [call] }, 'tool_calls'];
	}

	handle(req, res) {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			try {
				if (req.method === 'GET' && req.url.endsWith('/models')) {
					return this.send(res, 200, {
						object: 'list',
						data: [{ id: MODEL, object: 'model', owned_by: 'local' }],
					});
				}
				if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
					return this.send(res, 404, {
						error: { message: `fake OpenAI: no route ${req.method} ${req.url}` },
					});
				}
				const request = JSON.parse(raw);
				this.requests.push(request);
				const [message, finishReason] = this.answer(request);
				if (!request.stream) return this.send(res, 200, completion(message, finishReason));
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				for (const chunk of streamChunks(message, finishReason))
					res.write(`data: ${JSON.stringify(chunk)}\n\n`);
				res.end('data: [DONE]\n\n');
			} catch (error) {
				this.send(res, 500, { error: { message: `fake OpenAI: ${error.message}` } });
			}
		});
	}

	send(res, status, body) {
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(body));
	}
}
