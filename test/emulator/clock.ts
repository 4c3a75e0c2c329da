// The emulator's task clock: runs `speed` times faster than the wall clock and can be advanced by tests.
// Task states are derived from it lazily, so no timers exist per task. Authentication (clock skew) uses the
// real wall clock instead, because clients sign with their real time.
export class EmulatorClock {
	private baseReal = Date.now();
	private baseEmu = this.baseReal;

	constructor(private currentSpeed = 1) {}

	now(): number {
		return this.baseEmu + (Date.now() - this.baseReal) * this.currentSpeed;
	}

	get speed(): number {
		return this.currentSpeed;
	}

	setSpeed(speed: number): void {
		if (!(speed > 0) || !Number.isFinite(speed))
			throw new Error(`speed must be a positive number, got ${speed}`);
		this.rebase();
		this.currentSpeed = speed;
	}

	/** Moves emulator time forward by `ms` (emulator milliseconds); it never goes backwards. */
	advance(ms: number): void {
		if (!(ms >= 0)) throw new Error(`advance() needs a non-negative number, got ${ms}`);
		this.rebase();
		this.baseEmu += ms;
	}

	private rebase(): void {
		const emu = this.now();
		this.baseReal = Date.now();
		this.baseEmu = emu;
	}
}
