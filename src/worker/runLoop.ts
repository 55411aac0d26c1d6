import type { Node, ScaledClock, VirtualClock } from '../runtime';
import type { Scheduler } from './scheduler';

/** Where the loop reports its inputs (journal.ts): the host records them, or a replay feeds them. */
export interface LoopInputs {
  /** An input starts: hold node time (now, or the replayed input's time); returns it. */
  begin(): number;
  slice(at: number, turns: number, idle: boolean): void;
  step(at: number): void;
}

export interface RunLoopOptions {
  node: Node;
  /** Real time scaled by speed, paused with the loop: when slices are due. */
  clock: ScaledClock;
  /** The node's own clock, moved only when an input starts (journal.ts). */
  nodeClock: VirtualClock;
  inputs: LoopInputs;
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
  /** A replay runs the inputs itself: nothing is scheduled. */
  private frozen = false;
  private readonly sliceMs: number;

  constructor(private readonly o: RunLoopOptions) {
    this.sliceMs = o.sliceMs ?? 8;
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  /** While a replay feeds the inputs, the loop schedules nothing; thawing runs what is due. */
  setFrozen(on: boolean): void {
    this.frozen = on;
    if (on) this.unschedule();
    else this.reschedule();
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
    const { node, clock, nodeClock, inputs } = this.o;
    let did = false;
    const at = inputs.begin();
    inputs.step(at);
    try {
      node.fireDueTimers();
      did = node.step(1);
      if (!did) {
        const next = node.nextTimerAt();
        if (next !== undefined) {
          if (!this.frozen) clock.advanceTo(next);
          nodeClock.advanceTo(next);
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
    const { node, now, inputs } = this.o;
    const at = inputs.begin();
    const deadline = now() + this.sliceMs;
    let turns = 0;
    let idle = false;
    try {
      for (;;) {
        node.fireDueTimers();
        if (!node.step()) {
          idle = true;
          break;
        }
        // Reading the clock costs; a turn is up to 2000 messages, so every few turns is enough.
        if ((++turns & 7) === 0 && now() >= deadline) break;
      }
    } catch (e) {
      this.o.onError(e);
    }
    // Recorded once it is known where the slice stopped (it can only be replayed that way).
    inputs.slice(at, turns, idle);
    this.o.afterWork();
    this.reschedule();
  }

  /**
   * Replays a recorded slice: the same turns, stopping where the original stopped, or earlier
   * once `stop()` says so (a resume inside a batch). `same`: the node did what was recorded
   * (no fewer turns to run, no work left at an idle end); `turns`: how many it ran.
   */
  replaySlice(
    turns: number,
    idle: boolean,
    stop: () => boolean = () => false,
  ): { same: boolean; turns: number; stopped: boolean } {
    const { node } = this.o;
    let same = true;
    let ran = 0;
    let stopped = false;
    try {
      while (ran < turns) {
        if (stop()) {
          stopped = true;
          break;
        }
        node.fireDueTimers();
        if (!node.step()) {
          same = false;
          break;
        }
        ran++;
      }
      if (same && idle && !stopped) {
        if (stop()) stopped = true;
        else {
          node.fireDueTimers();
          same = !node.step();
        }
      }
    } catch (e) {
      this.o.onError(e);
    }
    this.o.afterWork();
    return { same, turns: ran, stopped };
  }

  private reschedule(): void {
    if (this.pausedFlag || this.frozen) return;
    const { node, clock } = this.o;
    if (node.runnable > 0) return this.schedule(0);
    const next = node.nextTimerAt();
    if (next === undefined) return;
    // Node ms → real ms at the current speed; rounded up so we do not wake just before it is due.
    this.schedule(Math.max(0, Math.ceil((next - clock.now()) / clock.speed)));
  }

  private schedule(delay: number): void {
    if (this.frozen) return;
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
