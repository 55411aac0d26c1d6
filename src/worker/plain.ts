import type { ProcessInfo, Term, TraceEvent } from '../runtime';
import { Pid, Ref } from '../runtime';
import type { WirePid } from '../base';
import type { InspectInfo } from './protocol';
import { termSize } from './termSize';

/** Deeper than this, a term is cut (a cyclic or absurdly deep state must not hang the host). */
const MAX_DEPTH = 32;

/**
 * A term made safe for `postMessage`: functions (a child spec's start fun
 * inside a `start_child` call, a user's state) become `'#Fun<name>'`,
 * symbols strings, Maps and Sets plain data, refs `{ $ref: [node, id] }`.
 * Returns the same object when nothing needed changing, so the common case
 * costs one walk and no copy. Pids are left for structured clone to make `{ node, id }`.
 */
export function toPlain(t: unknown, depth = 0): Term {
  switch (typeof t) {
    case 'function':
      return `#Fun<${(t as { name?: string }).name || 'anonymous'}>`;
    case 'symbol':
      return String(t);
    case 'bigint':
      return Number(t);
    case 'object':
      break;
    case 'undefined':
    case 'boolean':
    case 'number':
    case 'string':
      return t as Term;
  }
  if (t === null || t instanceof Pid) return (t ?? undefined) as Term;
  // A ref keeps a shape of its own (the distribution wire's, so `rehydrate` makes it a Ref again):
  // after structured clone a bare `{ node, id }` would read as a pid, and the log must print `#Ref<…>`.
  if (t instanceof Ref) return { $ref: [t.node, t.id] };
  if (depth >= MAX_DEPTH) return '...';
  if (Array.isArray(t)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < t.length; i++) {
      const v = toPlain(t[i], depth + 1);
      if (v !== t[i]) (out ??= t.slice())[i] = v;
    }
    return (out ?? t) as Term;
  }
  if (t instanceof Map)
    return toPlain(Object.fromEntries([...t].map(([k, v]) => [String(k), v])), depth);
  if (t instanceof Set) return toPlain([...t], depth);
  const o = t as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(o)) {
    const v = toPlain(o[k], depth + 1);
    if (v !== o[k]) (out ??= { ...o })[k] = v;
  }
  return (out ?? o) as Term;
}

/** The fields of trace events that hold terms (a crash report's `state`, a report's `child` too). */
const TERM_FIELDS = ['msg', 'reason', 'lastMessage', 'state', 'child'] as const;

/**
 * A crash report's state bigger than this many terms is posted as `'...'`: a supervisor of 10,000
 * children that crashes would otherwise clone them all for one log line.
 */
const MAX_REPORT_STATE_TERMS = 2_000;

/** Trace events with their terms made safe to post (see {@link toPlain}). */
export function plainEvents(events: TraceEvent[]): TraceEvent[] {
  for (let i = 0; i < events.length; i++) {
    const ev = events[i] as TraceEvent & Partial<Record<(typeof TERM_FIELDS)[number], unknown>>;
    for (const f of TERM_FIELDS) {
      if (!(f in ev)) continue;
      const v = ev[f];
      const safe =
        f === 'state' && termSize(v, MAX_REPORT_STATE_TERMS) > MAX_REPORT_STATE_TERMS
          ? '...'
          : toPlain(v);
      if (safe !== v) events[i] = { ...ev, [f]: safe } as TraceEvent;
    }
  }
  return events;
}

/** A pid (or ref) as plain data, exactly as structured clone would leave it. */
export const wire = (p: Pid | Ref): WirePid => ({ node: p.node, id: p.id });

/** `inspect`'s answer: the process info with every pid plain and terms safe. */
export function inspectInfo(info: ProcessInfo): InspectInfo {
  return {
    pid: wire(info.pid),
    name: info.name,
    behaviour: info.behaviour,
    status: info.status,
    parent: info.parent === undefined ? undefined : wire(info.parent),
    trapExit: info.trapExit,
    mailbox: info.mailbox.map((m) => toPlain(m)),
    links: info.links.map(wire),
    monitors: info.monitors.map((m) => ({ ref: wire(m.ref), target: wire(m.target) })),
    monitoredBy: info.monitoredBy.map((m) => ({ ref: wire(m.ref), watcher: wire(m.watcher) })),
    state: toPlain(info.state),
  };
}
