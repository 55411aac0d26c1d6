/**
 * Paces a costly step the data asks for every frame, such as a new layout
 * while a flood of processes comes and goes: after a run that took `t` ms, the
 * next may start `t × (1 / share − 1)` ms later, so the step takes at most
 * `share` of the main thread however often it is asked for. A cheap run (a
 * small tree lays out in a millisecond or two) is not held back at all.
 */
export class Pacer {
  private nextAt = -Infinity;

  constructor(
    private readonly share = 0.25,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** How long to wait before the next run (0: it may run now). */
  wait(): number {
    return Math.max(0, this.nextAt - this.now());
  }

  /**
   * Starts a run whose end is known later (a repaint ends when the browser has
   * drawn it, at the next animation frame); call the returned function then.
   * Until it is called the next run waits (a second at most, should it never be).
   */
  begin(): () => void {
    const t0 = this.now();
    this.nextAt = t0 + 1000;
    return () => {
      const end = this.now();
      this.nextAt = end + (end - t0) * (1 / this.share - 1);
    };
  }

  /** Runs `f` now and times it. */
  run<T>(f: () => T): T {
    const t0 = this.now();
    try {
      return f();
    } finally {
      const end = this.now();
      this.nextAt = end + (end - t0) * (1 / this.share - 1);
    }
  }
}
