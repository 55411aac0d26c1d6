import { exhaustiveSwitchError } from '../base';
import type { Pid, TraceEvent, TraceEventType } from '../runtime';

/** Message traffic that did not fit in a batch, counted instead of sent one by one. */
export interface TrafficSummary {
  sends: number;
  receives: number;
  dropped: number;
}

/** Trace events only counted, by type (over their kind's cap, or about a process not shown). */
export type SkippedCounts = Partial<Record<TraceEventType, number>>;

export interface EventBatch {
  events: TraceEvent[];
  /** Set when message events were over the cap and were only counted. */
  summary: TrafficSummary | undefined;
  /** Set when any other events were only counted. */
  skipped: SkippedCounts | undefined;
}

/** The kinds of event, each with its own cap. */
export type EventKind =
  'message' | 'log' | 'spawn' | 'process' | 'signal' | 'report' | 'other' | 'state';

/**
 * A token bucket: a batch may hold up to `burst` events of a kind when the
 * kind has been quiet, and `perBatch` a batch when it is busy (the bucket
 * gains `perBatch` tokens at each flush, up to `burst`). The burst lets a
 * person's 10,000-child tree arrive whole; the rate keeps a flood from
 * costing the main thread more than a few ms a frame.
 */
export interface Cap {
  burst: number;
  perBatch: number;
}

/**
 * Every kind of trace event is capped per batch (one frame); what is over is
 * counted. Every event costs the main thread a structured clone, a fold, a
 * log line and perhaps a dot; a new process also a place in the next layout.
 * At 60 batches a second the rates are still more than anyone can follow:
 * 18,000 messages, 1,800 log lines, 1,800 new processes a second (a spawn
 * flood at 6,000 a second kept the page's event loop 100–200 ms behind).
 * Spawns of plain processes (`process`, not a gen_server or supervisor) have
 * a burst of their own, smaller: a tree's start is behaviours, a fork bomb's
 * first burst is plain processes, and laying out 12,000 of them at once held
 * the page for a second on a slow machine. Messages have no burst (a burst of 2,000 a frame made
 * the page stutter); the kinds a tree's start makes one of per process
 * (spawn, link, init, child_started) burst up to a 10,000-child tree.
 */
export const BATCH_CAPS: Readonly<Record<EventKind, Readonly<Cap>>> = {
  message: { burst: 300, perBatch: 300 },
  log: { burst: 500, perBatch: 30 },
  spawn: { burst: 12_000, perBatch: 30 },
  process: { burst: 2_000, perBatch: 30 },
  signal: { burst: 15_000, perBatch: 200 },
  report: { burst: 30_000, perBatch: 200 },
  other: { burst: 5_000, perBatch: 50 },
  state: { burst: 15_000, perBatch: 1_000 },
};

/** Message events per batch sent one by one (the message kind's cap). */
export const MAX_MESSAGE_EVENTS = BATCH_CAPS.message.perBatch;

/**
 * Live processes the main thread is told about, per node. Spawns beyond it
 * are counted, not shown (a fork bomb's 100,000 processes are shown as
 * 12,000 and a count; a 10,000-child tree is shown whole), until some shown ones exit.
 */
export const MAX_SHOWN_PROCESSES = 12_000;

const KIND: Readonly<Record<TraceEventType, EventKind | 'exit'>> = {
  send: 'message',
  send_dropped: 'message',
  receive: 'message',
  log: 'log',
  spawn: 'spawn',
  exit: 'exit',
  exit_signal: 'signal',
  down: 'signal',
  link: 'signal',
  unlink: 'signal',
  monitor: 'signal',
  demonitor: 'signal',
  init: 'report',
  crash_report: 'report',
  supervisor_report: 'report',
  child_started: 'report',
  child_deleted: 'report',
  restart: 'report',
  supervisor_gave_up: 'report',
  trap_exit: 'other',
  register: 'other',
  unregister: 'other',
  state: 'state',
};

const keyOf = (p: Pid): string => `${p.node}.${p.id}`;

export interface BatcherOptions {
  caps?: Partial<Record<EventKind, Cap>>;
  maxShown?: number;
}

/**
 * Collects a node's trace events between two flushes (one animation frame),
 * each kind of event capped ({@link BATCH_CAPS}); what is over is counted by
 * type, so the page can say "1,234 log lines not shown".
 *
 * The picture must stay true under the caps, so:
 * - A process whose `spawn` was not shown is *hidden*: every later event
 *   about it is counted, not shown, including its exit, and so is every
 *   process it spawns (drawn without its parent, each would be a root). A shown process's
 *   `exit` is always sent (it is bounded by the spawns shown), so nothing
 *   stays drawn alive after it died.
 * - The main thread estimates each mailbox as messages it was told were sent
 *   (or arrived as a trapped EXIT or a DOWN) minus those it was told were
 *   received. So a `receive` whose message it was told about is always kept,
 *   over the cap too: otherwise a busy process would look ever busier.
 * - A `state` event (a behaviour's state changed) is kept once per process per
 *   batch: the batch carries the new state itself, and a process handling
 *   10,000 messages a frame changes it 10,000 times.
 */
export class EventBatcher {
  private events: TraceEvent[] = [];
  private summary: TrafficSummary | undefined;
  private skipped: SkippedCounts | undefined;
  private readonly caps: Record<EventKind, Cap>;
  private readonly tokens: Record<EventKind, number>;
  private readonly maxShown: number;
  /** By receiver: messages the main thread was told about and not yet told were received. */
  private readonly owed = new Map<string, number>();
  /** Processes with a `state` event in this batch. */
  private readonly stated = new Set<string>();
  /** This node's number (from its first spawn): only its own pids can be hidden. */
  private local: number | undefined;
  /** Live local processes whose spawn was not shown, by pid id (pids are never reused). */
  private readonly hidden = new BitSet();
  private shownLive = 0;

  constructor(opts: BatcherOptions = {}) {
    this.caps = { ...BATCH_CAPS, ...opts.caps };
    this.tokens = Object.fromEntries(
      Object.entries(this.caps).map(([k, c]) => [k, c.burst]),
    ) as Record<EventKind, number>;
    this.maxShown = opts.maxShown ?? MAX_SHOWN_PROCESSES;
  }

  /** The observer to attach with `node.observe`. */
  readonly observe = (ev: TraceEvent): void => {
    if (this.keep(ev)) this.events.push(ev);
  };

  /** False for a process whose spawn was not shown (its state need not be sent either). */
  isShown(pid: Pid): boolean {
    return !this.isHidden(pid);
  }

  /** Events kept, plus one when something was only counted (the count must be sent too). */
  /** Events collected for the next batch (shown, not only counted). */
  get shown(): number {
    return this.events.length;
  }

  get pending(): number {
    return this.events.length + (this.summary !== undefined || this.skipped !== undefined ? 1 : 0);
  }

  /** Takes what was collected since the last flush; each kind's cap refills. */
  flush(): EventBatch {
    const batch = { events: this.events, summary: this.summary, skipped: this.skipped };
    this.events = [];
    this.summary = undefined;
    this.skipped = undefined;
    this.stated.clear();
    for (const k of Object.keys(this.caps) as EventKind[]) {
      const c = this.caps[k];
      this.tokens[k] = Math.min(c.burst, Math.max(0, this.tokens[k]) + c.perBatch);
    }
    return batch;
  }

  private keep(ev: TraceEvent): boolean {
    switch (ev.type) {
      case 'spawn':
        this.local ??= ev.pid.node;
        // Under a hidden process everything is hidden: shown, it would hang alone as a root.
        if (
          this.shownLive < this.maxShown &&
          !this.isHidden(ev.parent) &&
          this.take(ev.behaviour === 'process' ? 'process' : 'spawn')
        ) {
          this.shownLive++;
          return true;
        }
        this.hidden.add(ev.pid.id);
        return this.skip(ev);
      case 'exit':
        this.owed.delete(keyOf(ev.pid));
        if (this.isLocal(ev.pid) && this.hidden.delete(ev.pid.id)) return this.skip(ev);
        if (this.isLocal(ev.pid)) this.shownLive--;
        return true;
      case 'send':
      case 'send_dropped':
        if (this.isHidden(ev.to) || this.isHidden(ev.from) || !this.take('message'))
          return this.count(ev.type === 'send' ? 'sends' : 'dropped');
        if (ev.type === 'send') this.owe(ev.to);
        return true;
      case 'receive': {
        if (this.isHidden(ev.pid)) return this.count('receives');
        const k = keyOf(ev.pid);
        const owed = this.owed.get(k) ?? 0;
        if (owed > 0) {
          if (owed === 1) this.owed.delete(k);
          else this.owed.set(k, owed - 1);
          this.tokens.message--;
          return true;
        }
        return this.take('message') || this.count('receives');
      }
      case 'state': {
        const k = keyOf(ev.pid);
        if (this.stated.has(k)) return false;
        if (this.isHidden(ev.pid) || !this.take('state')) return this.skip(ev);
        this.stated.add(k);
        return true;
      }
      // The rest are kept or counted by their kind's cap, below.
      case 'exit_signal':
      case 'down':
      case 'link':
      case 'unlink':
      case 'monitor':
      case 'demonitor':
      case 'trap_exit':
      case 'register':
      case 'unregister':
      case 'init':
      case 'crash_report':
      case 'supervisor_report':
      case 'child_started':
      case 'child_deleted':
      case 'restart':
      case 'supervisor_gave_up':
      case 'log':
        break;
      default:
        return exhaustiveSwitchError(ev);
    }
    if (this.mentionsHidden(ev)) return this.skip(ev);
    const kind = KIND[ev.type];
    if (kind === 'exit' || !this.take(kind)) return this.skip(ev);
    if (ev.type === 'exit_signal' && ev.outcome === 'trapped') this.owe(ev.to);
    else if (ev.type === 'down') this.owe(ev.watcher);
    return true;
  }

  private mentionsHidden(ev: TraceEvent): boolean {
    if (this.hidden.size === 0) return false;
    switch (ev.type) {
      case 'link':
      case 'unlink':
        return this.isHidden(ev.a) || this.isHidden(ev.b);
      case 'monitor':
      case 'demonitor':
      case 'down':
        return this.isHidden(ev.watcher) || this.isHidden(ev.target);
      case 'exit_signal':
        return this.isHidden(ev.to) || this.isHidden(ev.from);
      case 'supervisor_report':
        return this.isHidden(ev.sup) || this.isHidden(ev.childPid);
      case 'child_started':
        return this.isHidden(ev.sup) || this.isHidden(ev.pid);
      case 'child_deleted':
      case 'restart':
      case 'supervisor_gave_up':
        return this.isHidden(ev.sup);
      case 'log':
        // A hidden process's log line is still worth reading ("spawn failed: system_limit").
        return false;
      case 'spawn':
      case 'exit':
      case 'send':
      case 'send_dropped':
      case 'receive':
      case 'state':
      case 'trap_exit':
      case 'register':
      case 'unregister':
      case 'init':
      case 'crash_report':
        return 'pid' in ev && this.isHidden(ev.pid);
      default:
        return exhaustiveSwitchError(ev);
    }
  }

  private isLocal(p: Pid): boolean {
    return p.node === this.local;
  }

  private isHidden(p: Pid | undefined): boolean {
    return p !== undefined && this.hidden.size > 0 && this.isLocal(p) && this.hidden.has(p.id);
  }

  private take(kind: EventKind): boolean {
    if (this.tokens[kind] <= 0) return false;
    this.tokens[kind]--;
    return true;
  }

  /** Counts an event that is not sent; always false (not kept). */
  private skip(ev: TraceEvent): false {
    const s = (this.skipped ??= {});
    s[ev.type] = (s[ev.type] ?? 0) + 1;
    return false;
  }

  private count(what: keyof TrafficSummary): false {
    (this.summary ??= { sends: 0, receives: 0, dropped: 0 })[what]++;
    return false;
  }

  private owe(pid: Pid): void {
    const k = keyOf(pid);
    this.owed.set(k, (this.owed.get(k) ?? 0) + 1);
  }
}

/**
 * A set of small non-negative integers, one bit each: a fork bomb hides
 * millions of pids, and a `Set` of them cost ~40 bytes each.
 */
class BitSet {
  private bits = new Uint32Array(1024);
  size = 0;

  has(i: number): boolean {
    return ((this.bits[i >>> 5] ?? 0) & (1 << (i & 31))) !== 0;
  }

  add(i: number): void {
    const w = i >>> 5;
    if (w >= this.bits.length) {
      let n = this.bits.length * 2;
      while (n <= w) n *= 2;
      const grown = new Uint32Array(n);
      grown.set(this.bits);
      this.bits = grown;
    }
    const m = 1 << (i & 31);
    if (((this.bits[w] as number) & m) !== 0) return;
    this.bits[w] = (this.bits[w] as number) | m;
    this.size++;
  }

  /** True if it was there. */
  delete(i: number): boolean {
    if (!this.has(i)) return false;
    const w = i >>> 5;
    this.bits[w] = (this.bits[w] as number) & ~(1 << (i & 31));
    this.size--;
    return true;
  }
}
