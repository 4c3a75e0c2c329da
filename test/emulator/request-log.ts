// What the emulator saw, for assertions in tests (bounded, so long benchmarks do not grow memory forever).
export interface LogEntry {
	/** Wall-clock ISO time the request arrived. */
	time: string;
	method: string;
	path: string;
	query: string;
	/** HTTP status sent, or null when the socket was destroyed (reset / commit-then-drop). */
	status: number | null;
	ak?: string;
	requestId: string;
	faultApplied?: string;
	bodySize: number;
	errorCode?: string;
	/** task_name of a CreateBatchTask request, when parseable. */
	taskName?: string;
	/** The `sql` of a SearchDevices request, when parseable (tests tell a count(*) from a page by it). */
	searchSql?: string;
}

export const MAX_LOG_ENTRIES = 50_000;

export class RequestLog {
	entries: LogEntry[] = [];

	push(e: LogEntry): void {
		this.entries.push(e);
		if (this.entries.length > MAX_LOG_ENTRIES)
			this.entries.splice(0, this.entries.length - MAX_LOG_ENTRIES);
	}

	clear(): void {
		this.entries = [];
	}
}
