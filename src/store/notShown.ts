import type { TraceEventType } from '../runtime';
import type { NodeEvent } from '../worker/protocol';
import type { Draft } from './draft';
import type { NotShown } from './types';

type Batch = Extract<NodeEvent, { type: 'batch' }>;

/** The log says what was not shown at most once per this much node time, per node. */
export const NOT_SHOWN_LOG_MS = 1000;

/**
 * What a batch says the worker only counted (messages over the cap in
 * `summary`, every other kind in `skipped`) and its live process count: added
 * to the node's totals, and put in the log in one line a second at most (a
 * flood makes a batch a frame, and a line for each would be a flood of its own).
 */
export function foldNotShown(d: Draft, batch: Batch): void {
  const n = d.node(batch.node);
  if (n === undefined) return;
  const s = batch.summary;
  const fresh: Partial<Record<TraceEventType, number>> = { ...batch.skipped };
  if (s !== undefined) {
    if (s.sends > 0) fresh.send = s.sends;
    if (s.receives > 0) fresh.receive = s.receives;
    if (s.dropped > 0) fresh.send_dropped = s.dropped;
  }
  const any = Object.keys(fresh).length > 0;
  const unlogged = Object.keys(n.notLogged).length > 0;
  if (!any && !unlogged && batch.processes === n.processes) return;
  let notLogged = any ? add(n.notLogged, fresh) : n.notLogged;
  let loggedAt = n.notShownLoggedAt;
  const due = loggedAt === undefined || batch.now - loggedAt >= NOT_SHOWN_LOG_MS;
  // Logged once a second while it goes on, and at once when it stops.
  if (Object.keys(notLogged).length > 0 && (due || !any)) {
    d.log({
      t: batch.now,
      node: batch.node,
      kind: 'summary',
      category: 'system',
      level: 'warning',
      pids: [],
      text: notShownLine(n.name, notLogged, batch.processes ?? n.processes),
    });
    notLogged = {};
    loggedAt = batch.now;
  }
  const u = n.uncounted;
  d.setNode({
    ...n,
    uncounted:
      s === undefined
        ? u
        : {
            sends: u.sends + s.sends,
            receives: u.receives + s.receives,
            dropped: u.dropped + s.dropped,
          },
    notShown: any ? add(n.notShown, batch.skipped ?? {}) : n.notShown,
    notLogged,
    notShownLoggedAt: loggedAt,
    processes: batch.processes ?? n.processes,
  });
}

const WORDS: Partial<Record<TraceEventType, string>> = {
  log: 'log lines',
  spawn: 'spawns',
  exit: 'exits',
  send: 'sends',
  receive: 'receives',
  send_dropped: 'sends to dead processes',
  state: 'state changes',
};

/** `node1: 1,234 log lines, 56 spawns not shown (node1 has 99,812 processes)`. */
export function notShownLine(node: string, counts: NotShown, processes?: number): string {
  const parts = Object.entries(counts)
    .filter(([, v]) => v !== undefined && v > 0)
    .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))
    .map(([k, v]) => `${fmt(v ?? 0)} ${WORDS[k as TraceEventType] ?? `${k} events`}`);
  const has = processes === undefined ? '' : ` (${node} has ${fmt(processes)} processes)`;
  return `${node}: ${parts.join(', ')} not shown, too many to follow${has}`;
}

/** Everything counted for a node: its message totals and the rest, as one {@link NotShown}. */
export function notShownTotal(n: {
  uncounted: { sends: number; receives: number; dropped: number };
  notShown: NotShown;
}): number {
  const u = n.uncounted;
  return (
    u.sends + u.receives + u.dropped + Object.values(n.notShown).reduce((a, b) => a + (b ?? 0), 0)
  );
}

function add(a: NotShown, b: NotShown): NotShown {
  const out: Partial<Record<TraceEventType, number>> = { ...a };
  for (const [k, v] of Object.entries(b) as [TraceEventType, number | undefined][])
    if (v !== undefined && v > 0) out[k] = (out[k] ?? 0) + v;
  return out;
}

const fmt = (v: number): string => v.toLocaleString('en');
