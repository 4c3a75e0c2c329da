// A visible progress line for long steps (the first n8n install takes minutes).
// On a terminal the line is redrawn in place every second; in logs (CI) a line is
// printed every 15 seconds so that the run never looks stuck.

const isTty = Boolean(process.stderr.isTTY);

function formatSeconds(ms) {
	const s = Math.round(ms / 1000);
	return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export function startProgress(title) {
	const startedAt = Date.now();
	let step = '';
	let stepStartedAt = startedAt;
	const render = () => {
		const line = `${title} | ${step} (${formatSeconds(Date.now() - stepStartedAt)}, total ${formatSeconds(Date.now() - startedAt)})`;
		if (isTty) process.stderr.write(`\r\x1b[2K${line}`);
		else process.stderr.write(`${line}\n`);
	};
	const timer = setInterval(render, isTty ? 1000 : 15000);
	timer.unref();
	return {
		step(name) {
			if (isTty && step) process.stderr.write('\n');
			step = name;
			stepStartedAt = Date.now();
			render();
		},
		done(message) {
			clearInterval(timer);
			if (isTty) process.stderr.write('\n');
			process.stderr.write(
				`${title} | ${message} (total ${formatSeconds(Date.now() - startedAt)})\n`,
			);
		},
		fail() {
			clearInterval(timer);
			if (isTty) process.stderr.write('\n');
		},
	};
}

export function elapsed(startedAt) {
	return formatSeconds(Date.now() - startedAt);
}
