/**
 * Time is injected: the runtime never reads a real clock. Tests and
 * scenarios use {@link VirtualClock}; the worker supplies a real one.
 */
export interface Clock {
  /** Milliseconds since the node started. */
  now(): number;
  /** Moves time forward (virtual time, or stepping while paused); optional. */
  advanceTo?(t: number): void;
}

/** A clock that only moves when told to. */
export class VirtualClock implements Clock {
  private t = 0;
  now(): number {
    return this.t;
  }
  /** Moves time forward to `t` (never backwards). */
  advanceTo(t: number): void {
    if (t > this.t) this.t = t;
  }
  advanceBy(ms: number): void {
    this.t += Math.max(0, ms);
  }
}

/**
 * Real time with a speed factor and pause, for the playground. The runtime
 * never reads a real clock itself: the worker passes `source` (its
 * `performance.now`). Changing speed or pausing keeps node time continuous.
 */
export class ScaledClock implements Clock {
  private baseReal: number;
  private baseNode = 0;
  private speedFactor: number;
  private paused = false;

  constructor(
    private readonly source: () => number,
    speed = 1,
  ) {
    this.baseReal = source();
    this.speedFactor = speed;
  }

  now(): number {
    if (this.paused) return this.baseNode;
    return this.baseNode + (this.source() - this.baseReal) * this.speedFactor;
  }

  get speed(): number {
    return this.speedFactor;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  setSpeed(speed: number): void {
    this.rebase();
    this.speedFactor = speed;
  }

  pause(): void {
    this.rebase();
    this.paused = true;
  }

  resume(): void {
    this.rebase();
    this.paused = false;
  }

  /** While paused (stepping): move node time forward by hand, e.g. to the next timer. */
  advanceTo(t: number): void {
    if (t > this.now()) {
      this.baseNode = t;
      this.baseReal = this.source();
    }
  }

  private rebase(): void {
    this.baseNode = this.now();
    this.baseReal = this.source();
  }
}
