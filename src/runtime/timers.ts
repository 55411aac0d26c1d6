import type { TimerRef } from './ctx';
import { ErlangError } from './errors';
import type { NodeSystem } from './system';
import type { Pid, Ref, Term } from './term';
import { isPid } from './term';

/** A timer entry; `cancelled` entries stay in the heap and are skipped. */
export interface Timer {
  at: number;
  seq: number;
  cancelled: boolean;
  fire: () => void;
}

/** A binary min-heap of timers ordered by (at, seq), so equal times fire in creation order. */
export class TimerHeap {
  private heap: Timer[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  add(at: number, fire: () => void): Timer {
    const t: Timer = { at, seq: this.seq++, cancelled: false, fire };
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(t, h[p] as Timer)) break;
      h[i] = h[p] as Timer;
      i = p;
    }
    h[i] = t;
    return t;
  }

  /** The earliest live timer's time, or undefined. */
  peekTime(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.at;
  }

  /** Removes and returns the earliest live timer due at or before `now`. */
  popDue(now: number): Timer | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top || top.at > now) return undefined;
    this.pop();
    return top;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && (this.heap[0] as Timer).cancelled) this.pop();
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop() as Timer;
    if (h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && less(h[r] as Timer, h[l] as Timer) ? r : l;
      if (!less(h[c] as Timer, last)) break;
      h[i] = h[c] as Timer;
      i = c;
    }
    h[i] = last;
  }
}

const less = (a: Timer, b: Timer): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/**
 * A node's timers on its injected clock: `erlang:send_after/3` and
 * `cancel_timer/1` for processes, receive timeouts for the scheduler.
 */
export class NodeTimers {
  private readonly heap = new TimerHeap();
  /** Timers a process can still cancel, by their ref's id. */
  private readonly byRef = new Map<number, Timer>();
  /**
   * send_after timers aimed at a local pid, by that pid: they go when it exits
   * (erlang:send_after/3, "the timer is automatically canceled if the process
   * referred to by the pid() is not alive, or if the process exits").
   * A timer aimed at a registered name is not cancelled (OTP looks the name up when it fires).
   */
  private readonly byTarget = new Map<Pid, Set<number>>();
  /** The local pid each of those timers is aimed at, by ref id. */
  private readonly targetOf = new Map<number, Pid>();
  private nextId = 0;

  constructor(private readonly sys: NodeSystem) {}

  /** Calls `fire` once the clock reaches `at` (unless the returned timer is cancelled). */
  at(at: number, fire: () => void): Timer {
    return this.heap.add(at, fire);
  }

  /** `erlang:send_after(Ms, To, Msg)`; the message comes from `from`. */
  sendAfter(from: Pid | undefined, ms: number, to: Pid | string | Ref, msg: Term): TimerRef {
    const id = ++this.nextId;
    const sys = this.sys;
    const local = isPid(to) && to.node === sys.id ? to : undefined;
    // As in OTP: a timer aimed at a pid that is not alive is cancelled at once (never set).
    if (local !== undefined && sys.lookup(local) === undefined) return { id };
    const timer = this.heap.add(sys.clock.now() + Math.max(0, ms), () => {
      this.byRef.delete(id);
      if (local !== undefined) this.untrack(local, id);
      try {
        sys.send(from, to, msg);
      } catch (e) {
        // A timer to a name that is gone: OTP drops it silently.
        if (!(e instanceof ErlangError)) throw e;
      }
    });
    this.byRef.set(id, timer);
    if (local !== undefined) {
      this.targetOf.set(id, local);
      const ids = this.byTarget.get(local);
      if (ids === undefined) this.byTarget.set(local, new Set([id]));
      else ids.add(id);
    }
    return { id };
  }

  /** The process exited: the send_after timers aimed at its pid are cancelled (OTP's erlang:send_after/3). */
  processExited(pid: Pid): void {
    const ids = this.byTarget.get(pid);
    if (ids === undefined) return;
    this.byTarget.delete(pid);
    for (const id of ids) {
      const timer = this.byRef.get(id);
      if (timer !== undefined) timer.cancelled = true;
      this.byRef.delete(id);
      this.targetOf.delete(id);
    }
  }

  private untrack(pid: Pid, id: number): void {
    this.targetOf.delete(id);
    const ids = this.byTarget.get(pid);
    if (ids === undefined) return;
    ids.delete(id);
    if (ids.size === 0) this.byTarget.delete(pid);
  }

  /** `erlang:cancel_timer/1`: the milliseconds that were left, or false. */
  cancel(ref: TimerRef): number | false {
    const timer = this.byRef.get(ref.id);
    if (timer === undefined) return false;
    timer.cancelled = true;
    this.byRef.delete(ref.id);
    const target = this.targetOf.get(ref.id);
    if (target !== undefined) this.untrack(target, ref.id);
    return Math.max(0, timer.at - this.sys.clock.now());
  }

  /** When the next timer is due, or undefined. */
  nextAt(): number | undefined {
    return this.heap.peekTime();
  }

  /** Fires every timer due at the clock's current time; returns how many fired. */
  fireDue(): number {
    let n = 0;
    const now = this.sys.clock.now();
    for (let t = this.heap.popDue(now); t !== undefined; t = this.heap.popDue(now)) {
      t.fire();
      n++;
    }
    return n;
  }
}
