/**
 * Time is injected: the runtime never reads a real clock. Tests and
 * scenarios use {@link VirtualClock}; the worker supplies a real one.
 */
export interface Clock {
  /** Milliseconds since the node started. */
  now(): number;
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
