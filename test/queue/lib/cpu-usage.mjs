// CPU used during a time window (Linux /proc): the whole machine, and single processes by pid.
// Tells whether a throughput figure was limited by the cores or by something else.
import fs from 'node:fs';
import os from 'node:os';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function machineTicks() {
	const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
	const values = fields.map(Number);
	const idle = values[3] + (values[4] ?? 0);
	return {
		busy: values.reduce((a, b) => a + b, 0) - idle,
		total: values.reduce((a, b) => a + b, 0),
	};
}

function processTicks(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return Number(fields[11]) + Number(fields[12]); // utime + stime
	} catch {
		return undefined;
	}
}

/** processes: {name: pid}. Returns stop() → {machineBusyPercent, cores, cpuSeconds: {name: s}}. */
export function startCpuWindow(processes) {
	const machine = machineTicks();
	const before = Object.fromEntries(
		Object.entries(processes).map(([name, pid]) => [name, processTicks(pid)]),
	);
	return () => {
		const after = machineTicks();
		const cpuSeconds = {};
		for (const [name, pid] of Object.entries(processes)) {
			const now = processTicks(pid);
			if (now !== undefined && before[name] !== undefined)
				cpuSeconds[name] = Math.round(((now - before[name]) / TICKS_PER_SECOND) * 10) / 10;
		}
		const total = after.total - machine.total;
		return {
			machineBusyPercent: total ? Math.round(((after.busy - machine.busy) / total) * 100) : 0,
			cores: os.cpus().length,
			cpuSeconds,
		};
	};
}
