import type { Scheduler } from '../scheduler';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * A fake real-time source and scheduler in one, for host tests: time moves
 * only in {@link advance}, which runs every callback that falls due, in time
 * order, including ones scheduled while advancing.
 */
export class FakeTime implements Scheduler {
  private t = 0;
  private seq = 0;
  private pending: Pending[] = [];

  /** The time source to inject as `now`. */
  readonly now = (): number => this.t;

  after(ms: number, fn: () => void): () => void {
    const p: Pending = { at: this.t + Math.max(0, ms), seq: this.seq++, fn };
    this.pending.push(p);
    return () => {
      this.pending = this.pending.filter((x) => x !== p);
    };
  }

  /** Moves time forward by `ms`, running what falls due on the way. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.pending
        .filter((p) => p.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (next === undefined) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = end;
  }

  /** Lets work take time: a slice that calls `now()` sees the clock move. */
  spend(ms: number): void {
    this.t += ms;
  }

  get scheduled(): number {
    return this.pending.length;
  }
}
