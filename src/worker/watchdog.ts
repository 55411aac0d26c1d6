export interface WatchdogOptions {
  /** How often to ping each node (ms). */
  intervalMs?: number;
  /** How long a ping may go unanswered before the node counts as hung (ms). */
  timeoutMs?: number;
  /** Wall-clock ms; default `Date.now` (which fake timers control in tests). */
  now?: () => number;
  ping(node: number, seq: number): void;
  /** The node did not answer for `silentMs`; it is no longer watched. */
  onUnresponsive(node: number, silentMs: number): void;
}

interface Watched {
  timeoutMs: number;
  /** The oldest ping not yet answered. */
  waiting: { seq: number; sentAt: number } | undefined;
}

/**
 * Notices a node whose worker stopped answering: a process in a tight loop
 * cannot be preempted inside a worker, so the only cure is to terminate it.
 * A node is hung when a ping has gone unanswered for `timeoutMs` — measured
 * from the ping, not from the last answer, so a main thread that was itself
 * asleep (a background tab throttling timers) does not condemn healthy nodes.
 */
export class Watchdog {
  private readonly watched = new Map<number, Watched>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private seq = 0;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly o: WatchdogOptions) {
    this.intervalMs = o.intervalMs ?? 250;
    this.timeoutMs = o.timeoutMs ?? 1000;
    this.now = o.now ?? (() => Date.now());
  }

  /** Starts (or restarts) watching `node`; `timeoutMs` overrides the default, e.g. while a worker loads. */
  watch(node: number, timeoutMs = this.timeoutMs): void {
    this.watched.set(node, { timeoutMs, waiting: undefined });
    this.timer ??= setInterval(() => this.tick(), this.intervalMs);
  }

  unwatch(node: number): void {
    this.watched.delete(node);
    if (this.watched.size === 0) this.stop();
  }

  /** A pong: answers every ping up to `seq` (a worker answers in order). */
  pong(node: number, seq: number): void {
    const w = this.watched.get(node);
    if (w?.waiting !== undefined && seq >= w.waiting.seq) w.waiting = undefined;
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = this.now();
    for (const [node, w] of [...this.watched]) {
      if (w.waiting === undefined) {
        w.waiting = { seq: ++this.seq, sentAt: now };
        this.o.ping(node, w.waiting.seq);
        continue;
      }
      const silent = now - w.waiting.sentAt;
      if (silent >= w.timeoutMs) {
        this.unwatch(node);
        this.o.onUnresponsive(node, silent);
      }
    }
  }
}

/** The reason a hung node is shown with. */
export const unresponsiveReason = (silentMs: number): string =>
  `unresponsive: no heartbeat for ${(silentMs / 1000).toFixed(1)} s — a process may be in an endless loop`;
