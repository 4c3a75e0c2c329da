// Local stand-ins for where the report example sends its report: a mail server (SMTP on 127.0.0.1, the
// devDependency smtp-server, each message parsed with mailparser) and a chat webhook (node:http). Both keep
// what they received so the e2e can check it and the demo can save the chart. Nothing leaves the machine.
import http from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** The n8n SMTP credential that points the Send Email node at the sink: plain SMTP, no TLS, no login. */
export function smtpCredentialData(port) {
	return {
		host: '127.0.0.1',
		port,
		secure: false,
		disableStartTls: true,
		user: '',
		password: '',
	};
}

/** SMTP sink: `mails` holds every delivered message as mailparser's ParsedMail (attachments as Buffers). */
export async function startMailSink() {
	const mails = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, _session, callback) {
			// skipImageLinks: keep `cid:` references as sent (by default mailparser inlines them as data: URLs).
			simpleParser(stream, { skipImageLinks: true }).then(
				(mail) => {
					mails.push(mail);
					callback();
				},
				(error) => callback(error),
			);
		},
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	server.server.unref(); // a failed case must not keep the test process alive
	return {
		mails,
		port: server.server.address().port,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

/** Chat webhook sink: `posts` holds {path, contentType, body (parsed JSON)} of every POST. */
export async function startChatSink() {
	const posts = [];
	const server = http.createServer((req, res) => {
		let text = '';
		req.setEncoding('utf8');
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			let body;
			try {
				body = JSON.parse(text);
			} catch {
				body = { unparsed: text };
			}
			posts.push({ path: req.url, contentType: req.headers['content-type'], body });
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	server.unref();
	return {
		posts,
		url: `http://127.0.0.1:${server.address().port}/hooks/iotda-report`,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}
