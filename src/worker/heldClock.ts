import type { Clock } from '../runtime';

/**
 * The node's clock in the worker: node time that moves only when the host says, once per input
 * (a slice, a command, a peer's packet, a batch). Within an input the node sees one time, so
 * the input can be replayed from the time written in the journal (journal.ts). Never goes back.
 */
export class HeldClock implements Clock {
  private t = 0;

  now(): number {
    return this.t;
  }

  /** Moves to `t` (never backwards); returns the time now held. */
  advanceTo(t: number): number {
    if (t > this.t) this.t = t;
    return this.t;
  }
}
