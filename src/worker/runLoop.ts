import type { Node, ScaledClock } from '../runtime';
import type { Scheduler } from './scheduler';

export interface RunLoopOptions {
  node: Node;
  clock: ScaledClock;
  scheduler: Scheduler;
  /** Real time in ms (the worker's performance.now). */
  now: () => number;
  /** Real ms of work per slice before yielding to the worker's event loop (commands, pings). */
  sliceMs?: number;
  /** After every slice or step: flush peers, schedule a batch. */
  afterWork: () => void;
  /** A runtime bug (InvariantError) surfaced by a step. */
  onError: (e: unknown) => void;
}

/**
 * Drives a node in real time: runs it in slices of about `sliceMs`, firing
 * due timers, then yields so the worker can take commands and answer the
 * watchdog; sleeps until the next timer (in real time, scaled by the clock's
 * speed) when nothing is runnable. Pause stops the clock and the loop; step
 * runs exactly one process turn.
 */
export class RunLoop {
  private cancel: (() => void) | undefined;
  /** Real time the scheduled slice is due at (Infinity: none). */
  private dueAt = Infinity;
  private pausedFlag = false;
  private readonly sliceMs: number;

  constructor(private readonly o: RunLoopOptions) {
    this.sliceMs = o.sliceMs ?? 8;
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  /** Something may have become runnable (a command, a signal from a peer): run soon. */
  kick(): void {
    if (!this.pausedFlag) this.schedule(0);
  }

  pause(): void {
    this.pausedFlag = true;
    this.o.clock.pause();
    this.unschedule();
  }

  resume(): void {
    if (!this.pausedFlag) return;
    this.pausedFlag = false;
    this.o.clock.resume();
    this.reschedule();
  }

  setSpeed(speed: number): void {
    this.o.clock.setSpeed(speed);
    // The next timer is now nearer or further away in real time.
    this.unschedule();
    this.reschedule();
  }

  /**
   * One process turn (one message handled); pauses first if running. With
   * nothing runnable, moves node time to the next timer and fires it.
   * Returns false when there was nothing at all to do.
   */
  step(): boolean {
    if (!this.pausedFlag) this.pause();
    const { node, clock } = this.o;
    let did = false;
    try {
      node.fireDueTimers();
      did = node.step(1);
      if (!did) {
        const next = node.nextTimerAt();
        if (next !== undefined) {
          clock.advanceTo(next);
          node.fireDueTimers();
          node.step(1);
          did = true;
        }
      }
    } catch (e) {
      this.o.onError(e);
    }
    this.o.afterWork();
    return did;
  }

  stop(): void {
    this.pausedFlag = true;
    this.unschedule();
  }

  private slice(): void {
    this.cancel = undefined;
    this.dueAt = Infinity;
    if (this.pausedFlag) return;
    const { node, now } = this.o;
    const deadline = now() + this.sliceMs;
    let turns = 0;
    try {
      for (;;) {
        node.fireDueTimers();
        if (!node.step()) break;
        // Reading the clock costs; a turn is up to 2000 messages, so every few turns is enough.
        if ((++turns & 7) === 0 && now() >= deadline) break;
      }
    } catch (e) {
      this.o.onError(e);
    }
    this.o.afterWork();
    this.reschedule();
  }

  private reschedule(): void {
    if (this.pausedFlag) return;
    const { node, clock } = this.o;
    if (node.runnable > 0) return this.schedule(0);
    const next = node.nextTimerAt();
    if (next === undefined) return;
    // Node ms → real ms at the current speed; rounded up so we do not wake just before it is due.
    this.schedule(Math.max(0, Math.ceil((next - clock.now()) / clock.speed)));
  }

  private schedule(delay: number): void {
    const at = this.o.now() + delay;
    if (this.cancel !== undefined && this.dueAt <= at) return;
    this.unschedule();
    this.dueAt = at;
    this.cancel = this.o.scheduler.after(delay, () => this.slice());
  }

  private unschedule(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.dueAt = Infinity;
  }
}
