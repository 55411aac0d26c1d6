import type { Pid, TraceEvent } from '../runtime';

/** Message traffic that did not fit in a batch, counted instead of sent one by one. */
export interface TrafficSummary {
  sends: number;
  receives: number;
  dropped: number;
}

export interface EventBatch {
  events: TraceEvent[];
  /** Set when message events were over the cap and were only counted. */
  summary: TrafficSummary | undefined;
}

/**
 * Message events per batch (one frame) sent one by one; the rest are counted. Every event
 * costs the main thread a structured clone, a fold, a log line and perhaps a dot: 300 a
 * frame (18,000 a second) is more than anyone can follow and keeps a frame's work small.
 */
export const MAX_MESSAGE_EVENTS = 300;

const keyOf = (p: Pid): string => `${p.node}.${p.id}`;

/**
 * Collects a node's trace events between two flushes (one animation frame).
 * Everything that changes the tree (spawn, exit, links, reports…) is always
 * kept; message events beyond `maxMessageEvents` per batch are only counted,
 * so a node doing a million messages a second never floods the main thread.
 * A `state` event (a behaviour's state changed) is kept once per process per
 * batch: the batch carries the new state itself, and a process handling
 * 10,000 messages a frame changes it 10,000 times.
 *
 * The main thread estimates each mailbox as messages it was told were sent
 * (or arrived as a trapped EXIT or a DOWN) minus those it was told were
 * received. So a `receive` whose message it was told about is always kept,
 * over the cap too: otherwise a busy process would look ever busier. Only
 * receives of messages it never heard of are counted instead.
 */
export class EventBatcher {
  private events: TraceEvent[] = [];
  private messageEvents = 0;
  private summary: TrafficSummary | undefined;
  /** By receiver: messages the main thread was told about and not yet told were received. */
  private readonly owed = new Map<string, number>();
  /** Processes with a `state` event in this batch. */
  private readonly stated = new Set<string>();

  constructor(private readonly maxMessageEvents = MAX_MESSAGE_EVENTS) {}

  /** The observer to attach with `node.observe`. */
  readonly observe = (ev: TraceEvent): void => {
    switch (ev.type) {
      case 'send':
      case 'send_dropped':
        if (this.messageEvents >= this.maxMessageEvents) {
          const s = this.counted();
          if (ev.type === 'send') s.sends++;
          else s.dropped++;
          return;
        }
        this.messageEvents++;
        if (ev.type === 'send') this.owe(ev.to);
        break;
      case 'receive': {
        const k = keyOf(ev.pid);
        const owed = this.owed.get(k) ?? 0;
        if (owed > 0) {
          if (owed === 1) this.owed.delete(k);
          else this.owed.set(k, owed - 1);
        } else if (this.messageEvents >= this.maxMessageEvents) {
          this.counted().receives++;
          return;
        }
        this.messageEvents++;
        break;
      }
      case 'exit_signal':
        if (ev.outcome === 'trapped') this.owe(ev.to);
        break;
      case 'down':
        this.owe(ev.watcher);
        break;
      case 'exit':
        this.owed.delete(keyOf(ev.pid));
        break;
      case 'state': {
        const k = keyOf(ev.pid);
        if (this.stated.has(k)) return;
        this.stated.add(k);
        break;
      }
      default:
        break;
    }
    this.events.push(ev);
  };

  get pending(): number {
    return this.events.length;
  }

  /** Takes what was collected since the last flush. */
  flush(): EventBatch {
    const batch = { events: this.events, summary: this.summary };
    this.events = [];
    this.messageEvents = 0;
    this.summary = undefined;
    this.stated.clear();
    return batch;
  }

  private owe(pid: Pid): void {
    const k = keyOf(pid);
    this.owed.set(k, (this.owed.get(k) ?? 0) + 1);
  }

  private counted(): TrafficSummary {
    return (this.summary ??= { sends: 0, receives: 0, dropped: 0 });
  }
}
