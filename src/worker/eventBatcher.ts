import type { TraceEvent } from '../runtime';

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
 * Collects a node's trace events between two flushes (one animation frame).
 * Everything that changes the tree (spawn, exit, links, reports…) is always
 * kept; message events beyond `maxMessageEvents` per batch are only counted,
 * so a node doing a million messages a second never floods the main thread.
 */
export class EventBatcher {
  private events: TraceEvent[] = [];
  private messageEvents = 0;
  private summary: TrafficSummary | undefined;

  constructor(private readonly maxMessageEvents = 2000) {}

  /** The observer to attach with `node.observe`. */
  readonly observe = (ev: TraceEvent): void => {
    if (ev.type === 'send' || ev.type === 'receive' || ev.type === 'send_dropped') {
      if (this.messageEvents >= this.maxMessageEvents) {
        const s = (this.summary ??= { sends: 0, receives: 0, dropped: 0 });
        if (ev.type === 'send') s.sends++;
        else if (ev.type === 'receive') s.receives++;
        else s.dropped++;
        return;
      }
      this.messageEvents++;
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
    return batch;
  }
}
