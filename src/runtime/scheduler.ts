import { InvariantError, describeError } from '../base';
import type { VirtualClock } from './clock';
import { ErlangError, InputError, KilledBySignal, ProcessExit } from './errors';
import type { Proc } from './proc';
import { NO_EXIT, Status } from './proc';
import { RunQueue } from './runQueue';
import type { NodeSystem } from './system';
import type { Term } from './term';

export interface RunOptions {
  /** Advance a {@link VirtualClock} to the next timer when nothing can run. */
  advanceTime?: boolean;
  /** Stop after this many process turns (default: unlimited). */
  maxTurns?: number;
  /** Do not advance virtual time beyond this (ms). */
  until?: number;
}

/**
 * A node's scheduler: a FIFO run queue (or a seeded pick, to explore
 * interleavings) and process turns with a reduction budget, as BEAM runs
 * a process until its reductions run out or it waits in a receive.
 */
export class Scheduler {
  private readonly queue = new RunQueue<Proc>();
  /** The process whose turn it is, or null between turns. */
  private running: Proc | null = null;
  /**
   * Processes killed by their own exit signal this turn: ERTS handles a
   * signal to self when the process is next scheduled, so processes it woke
   * meanwhile run (and print) before its exit signals go out.
   */
  private readonly dieNextTurn = new Set<Proc>();
  /** Signals the runtime sends the running process about a dead target, delivered when its turn ends. */
  private readonly afterTurn: [Proc, Term][] = [];
  /** Requests a process answers when its next turn starts (is_process_alive/1). */
  private readonly atNextTurn = new Map<Proc, (() => void)[]>();
  /**
   * Processes sent a signal other than a message since their last turn (an
   * exit, link, …). Kept only once someone asked (hasSignalsPending): the
   * trace command does, from a settled start; a restart storm need not pay.
   */
  private readonly signalsPending = new Set<Proc>();
  private trackSignals = false;
  /**
   * Reductions charged to this turn besides messages: a log line costs one,
   * as io:format does on BEAM, so a process logging 1,000 lines a message
   * yields after a couple of messages instead of 2,000 (a turn is not
   * preempted); a person's module charges what its code counted.
   */
  private logCost = 0;

  constructor(
    private readonly sys: NodeSystem,
    private readonly budget: number,
    private readonly shuffle: boolean,
  ) {}

  /** Processes waiting for their turn. */
  get runnable(): number {
    return this.queue.size;
  }

  /** Makes `p` runnable (the caller checked it is not queued already). */
  wake(p: Proc): void {
    p.queued = true;
    this.queue.push(p);
  }

  isRunning(p: Proc): boolean {
    return this.running === p;
  }

  /**
   * A signal other than a message reached `p` (a link, unlink, demonitor, an
   * exit signal it ignores; not a monitor): as in ERTS, a waiting process is
   * scheduled to handle it, even when nothing then matches its receive. That
   * moves it up the run queue, which decides who runs first later on.
   */
  signalled(p: Proc): void {
    this.nonMessageSignal(p);
    if (!p.queued && p.status !== Status.Dead && this.running !== p) this.wake(p);
  }

  /** `p` got a signal other than a message (an exit signal, whatever it does): see {@link hasSignalsPending}. */
  nonMessageSignal(p: Proc): void {
    if (this.trackSignals && this.running !== p) this.signalsPending.add(p);
  }

  /**
   * Whether `p` has signals other than messages it has not handled yet: ERTS's
   * `SIG_Q`/`SIG_IN_Q` flags, which make is_process_alive/1 wait for it.
   */
  hasSignalsPending(p: Proc): boolean {
    this.trackSignals = true;
    return this.signalsPending.has(p);
  }

  /**
   * A signal to `p` about a dead target (monitor's `DOWN` noproc, link's
   * `{'EXIT', Pid, noproc}`): it comes as a signal, which `p` handles only
   * when next scheduled, as in ERTS (a gen_server:call to a dead pid yields
   * before it exits). Delivered at once when `p` is not running.
   */
  deliverAfterTurn(p: Proc, msg: Term): void {
    if (this.running === p) this.afterTurn.push([p, msg]);
    else this.sys.deliver(p, msg);
  }

  /** Runs `fn` when `p`'s next turn starts, before it handles anything. */
  onNextTurn(p: Proc, fn: () => void): void {
    const fns = this.atNextTurn.get(p);
    if (fns === undefined) this.atNextTurn.set(p, [fn]);
    else fns.push(fn);
  }

  /** Charges the running process's turn `n` more reductions (see {@link logCost}). */
  charge(n: number): void {
    if (n > 0) this.logCost += n;
  }

  /**
   * Runs one process for up to `reductions` messages (default: the turn's
   * budget). Returns false when no process was runnable.
   */
  step(reductions = this.budget): boolean {
    const q = this.queue;
    const p =
      this.shuffle && q.size > 1
        ? q.takeAt(Math.floor(this.sys.random.next() * q.size))
        : q.shift();
    if (p === undefined) return false;
    p.queued = false;
    if (this.signalsPending.size > 0) this.signalsPending.delete(p);
    if (this.atNextTurn.size > 0) {
      const fns = this.atNextTurn.get(p);
      if (fns !== undefined) {
        this.atNextTurn.delete(p);
        for (const fn of fns) fn();
      }
    }
    if (p.status === Status.Dead) return true;
    this.running = p;
    const more = this.runProc(p, reductions);
    this.running = null;
    if (this.afterTurn.length > 0) {
      for (const [to, msg] of this.afterTurn) this.sys.deliver(to, msg);
      this.afterTurn.length = 0;
    }
    if (p.pendingExit !== NO_EXIT) {
      if (this.dieNextTurn.size > 0 && this.dieNextTurn.delete(p)) {
        if (!p.queued) this.wake(p);
      } else this.sys.signals.finish(p, p.pendingExit);
    } else if (more && !p.queued) this.wake(p);
    return true;
  }

  /**
   * Runs until nothing is runnable. With `advanceTime` (virtual clock only),
   * also moves time to each next timer until none is left or `until` is reached.
   * Returns the number of process turns taken.
   */
  runUntilIdle(opts: RunOptions = {}): number {
    const max = opts.maxTurns ?? Infinity;
    const timers = this.sys.timers;
    let turns = 0;
    for (;;) {
      timers.fireDue();
      while (turns < max && this.step()) turns++;
      if (turns >= max || !opts.advanceTime) return turns;
      const next = timers.nextAt();
      if (next === undefined || (opts.until !== undefined && next > opts.until)) {
        if (opts.until !== undefined) this.advanceClock(opts.until);
        return turns;
      }
      this.advanceClock(next);
    }
  }

  private advanceClock(t: number): void {
    const c = this.sys.clock as Partial<VirtualClock>;
    if (typeof c.advanceTo !== 'function')
      throw new InputError('advanceTime needs a clock that can be advanced');
    c.advanceTo(t);
  }

  /** Returns true if the process still has work (its budget ran out). */
  private runProc(p: Proc, budget: number): boolean {
    this.logCost = 0;
    try {
      if (p.body !== null) {
        const body = p.body;
        p.body = null;
        budget--;
        body(p);
      }
      while (budget > this.logCost && p.pendingExit === NO_EXIT) {
        if (p.timedOut) {
          p.timedOut = false;
          const cb = p.onTimeout;
          p.leaveReceive();
          budget--;
          if (cb !== null) cb();
          continue;
        }
        const handler = p.handler;
        if (handler === null) {
          p.pendingExit = 'normal';
          break;
        }
        const msg = take(p);
        if (msg === NOTHING) {
          // `after 0` fires at once, in the same turn: Erlang evaluates it without yielding.
          if (p.after === 0) {
            p.timedOut = true;
            continue;
          }
          this.block(p);
          return false;
        }
        if (this.sys.tracing) this.sys.emit({ type: 'receive', pid: p.self, msg });
        budget--;
        handler(msg);
      }
      return budget <= this.logCost;
    } catch (e) {
      if (e instanceof ProcessExit) p.pendingExit = e.reason;
      else if (e instanceof KilledBySignal) {
        this.dieNextTurn.add(p); // pendingExit is the signal's reason
        return false;
      } else if (e instanceof ErlangError) p.pendingExit = e.reason;
      else if (e instanceof InvariantError) throw e;
      else p.pendingExit = ['error', describeError(e, { withName: true })];
      return false;
    }
  }

  /** Nothing matched: wait, arming the receive's `after` if it has one. */
  private block(p: Proc): void {
    if (p.after < 0 || p.rcvTimer !== null) return;
    if (p.after === 0) {
      p.timedOut = true;
      this.wake(p);
      return;
    }
    const gen = p.rcvGen;
    p.rcvTimer = this.sys.timers.at(this.sys.clock.now() + p.after, () => {
      if (p.status === Status.Dead || p.rcvGen !== gen) return;
      p.rcvTimer = null;
      p.timedOut = true;
      if (!p.queued) this.wake(p);
    });
  }
}

const NOTHING: unique symbol = Symbol('nothing');

/** Takes the first message the current receive accepts, or NOTHING. */
function take(p: Proc): Term | typeof NOTHING {
  const mb = p.mailbox;
  if (mb === null) return NOTHING;
  const n = mb.size;
  const match = p.match;
  let start = p.scan;
  if (p.since > 0) {
    const sinceIndex = p.since - (mb.pushed - n);
    if (sinceIndex > start) start = sinceIndex;
  }
  for (let i = start; i < n; i++) {
    const msg = mb.at(i);
    if (match === null || match(msg)) {
      mb.removeAt(i);
      p.leaveReceive();
      return msg;
    }
  }
  p.scan = n;
  return NOTHING;
}
