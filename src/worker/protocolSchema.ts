/**
 * The protocol's events (node → main thread) as valibot schemas: what the
 * main thread checks every worker message against before anything folds it
 * (`validateEvent.ts`). They mirror `protocol.ts` and the runtime's
 * `TraceEvent`; a test checks the two stay in step.
 *
 * Terms (`msg`, `reason`, `state`, a reply's value) are any structured-clone
 * data, but a worker can post a cyclic or absurdly large one: they pass
 * through {@link boundTerm}, which cuts them to a bounded tree. Text
 * (`log` lines, names) is cut to a bounded length.
 */
import * as v from 'valibot';

/** Nesting deeper than this is cut (a cyclic term comes out finite). */
export const MAX_TERM_DEPTH = 32;
/** Nodes per term (each array element, map value or leaf counts one). */
export const MAX_TERM_NODES = 50_000;
/** Characters kept of a log line or error message. */
export const MAX_TEXT = 2_000;
/** Characters kept of a name, behaviour label or child id. */
export const MAX_NAME = 200;

/**
 * A term cut to at most {@link MAX_TERM_DEPTH} levels and {@link MAX_TERM_NODES}
 * nodes: the same object when it fits (one walk, no copy), else a copy whose
 * cut parts are the atom `'...'`. Never throws, whatever the input.
 */
export function boundTerm(t: unknown): unknown {
  const budget = { left: MAX_TERM_NODES };
  if (fits(t, 0, budget)) return t;
  return cut(t, 0, { left: MAX_TERM_NODES });
}

function fits(t: unknown, depth: number, b: { left: number }): boolean {
  if (--b.left < 0) return false;
  if (typeof t !== 'object' || t === null) return typeof t !== 'string' || t.length <= MAX_TEXT;
  if (depth >= MAX_TERM_DEPTH) return false;
  if (Array.isArray(t)) {
    for (const x of t) if (!fits(x, depth + 1, b)) return false;
    return true;
  }
  if (!isPlainObject(t)) return false;
  for (const k in t) if (!fits((t as Record<string, unknown>)[k], depth + 1, b)) return false;
  return true;
}

function cut(t: unknown, depth: number, b: { left: number }): unknown {
  if (--b.left < 0) return '...';
  if (typeof t === 'string') return t.length <= MAX_TEXT ? t : `${t.slice(0, MAX_TEXT)}...`;
  if (typeof t !== 'object' || t === null) return t;
  if (depth >= MAX_TERM_DEPTH) return '...';
  if (Array.isArray(t)) {
    const out: unknown[] = [];
    for (const x of t) {
      if (b.left <= 0) {
        out.push('...');
        break;
      }
      out.push(cut(x, depth + 1, b));
    }
    return out;
  }
  // Dates, Maps, typed arrays… cannot come from our host (it posts plain terms).
  if (!isPlainObject(t)) return '...';
  const out: Record<string, unknown> = {};
  for (const k in t) {
    if (b.left <= 0) break;
    out[k] = cut((t as Record<string, unknown>)[k], depth + 1, b);
  }
  return out;
}

function isPlainObject(t: object): boolean {
  const proto = Object.getPrototypeOf(t) as unknown;
  return proto === Object.prototype || proto === null;
}

const cutText = (max: number) => (s: string) => (s.length > max ? `${s.slice(0, max)}...` : s);

const int = v.pipe(v.number(), v.integer());
const time = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const term = v.pipe(v.unknown(), v.transform(boundTerm));
const name = v.pipe(v.string(), v.transform(cutText(MAX_NAME)));
const text = v.pipe(v.string(), v.transform(cutText(MAX_TEXT)));
/** A pid or ref after structured clone. */
export const pidSchema = v.object({ node: int, id: int });
const pid = pidSchema;
const maybePid = v.optional(pid);
const maybeName = v.optional(name);

/** A child's spec as a report gives it (`ChildInfo`). */
const maybeChildInfo = v.optional(
  v.object({
    mfargs: term,
    restartType: v.picklist(['permanent', 'transient', 'temporary']),
    significant: v.boolean(),
    shutdown: v.union([count, v.picklist(['brutal_kill', 'infinity'])]),
    childType: v.picklist(['worker', 'supervisor']),
  }),
);

const ev = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) =>
  v.object({ type: v.literal(type), t: time, ...entries });

/** One `TraceEvent` (src/runtime/traceEvent.ts), as it arrives in a batch. */
export const traceEventSchema = v.variant('type', [
  ev('spawn', { pid, parent: maybePid, behaviour: name, linked: v.boolean() }),
  ev('exit', { pid, reason: term }),
  ev('send', { from: maybePid, to: pid, msg: term }),
  ev('send_dropped', { from: maybePid, to: pid, msg: term }),
  ev('receive', { pid, msg: term }),
  ev('link', { a: pid, b: pid }),
  ev('unlink', { a: pid, b: pid }),
  ev('monitor', { ref: pid, watcher: pid, target: pid }),
  ev('demonitor', { ref: pid, watcher: pid, target: pid }),
  ev('down', { ref: pid, watcher: pid, target: pid, reason: term }),
  ev('exit_signal', {
    from: maybePid,
    to: pid,
    reason: term,
    link: v.boolean(),
    outcome: v.picklist(['trapped', 'ignored', 'dies']),
  }),
  ev('trap_exit', { pid, on: v.boolean() }),
  ev('register', { pid, name }),
  ev('unregister', { pid, name }),
  ev('init', { pid, result: v.picklist(['ok', 'ignore', 'stop']), reason: v.optional(term) }),
  ev('state', { pid }),
  ev('crash_report', {
    pid,
    reason: term,
    lastMessage: v.optional(term),
    state: v.optional(term),
  }),
  ev('supervisor_report', {
    sup: pid,
    context: v.picklist(['child_terminated', 'start_error', 'shutdown_error', 'shutdown']),
    reason: term,
    childId: maybeName,
    childPid: maybePid,
    childPids: v.optional(v.pipe(v.array(pid), v.maxLength(MAX_TERM_NODES))),
    child: maybeChildInfo,
  }),
  ev('child_started', { sup: pid, childId: maybeName, pid, child: maybeChildInfo }),
  ev('child_deleted', { sup: pid, childId: name }),
  ev('restart', {
    sup: pid,
    childId: maybeName,
    restarts: count,
    intensity: count,
    period: time,
  }),
  ev('supervisor_gave_up', {
    sup: pid,
    why: v.picklist(['reached_max_restart_intensity', 'auto_shutdown']),
  }),
  ev('log', { pid, text }),
]);

/** Counts per event type of what a batch only counted (see `eventBatcher.ts`). */
const skippedSchema = v.record(v.string(), count);

/**
 * A `batch` with its events left unchecked: each event is checked on its own,
 * so one bad event drops only itself, not the batch.
 */
export const batchSchema = v.object({
  type: v.literal('batch'),
  node: int,
  now: time,
  events: v.array(v.unknown()),
  summary: v.optional(v.object({ sends: count, receives: count, dropped: count })),
  states: v.array(v.unknown()),
  skipped: v.optional(skippedSchema),
  processes: v.optional(count),
  inputs: v.optional(v.array(v.unknown())),
  recordingOff: v.optional(text),
});

/**
 * One journal input (journal.ts) as a batch carries it. Only its shape is checked: it goes back
 * only to a worker of the same node (a replay, which checks what it runs as any command) and into
 * an exported session; the recorder drops an input that does not fit and stops recording.
 */
export const journalInputSchema = v.looseObject({
  k: v.picklist(['boot', 'cmd', 'slice', 'step', 'recv', 'connect', 'disconnect', 'flush']),
  at: time,
});

export const stateSnapshotSchema = v.object({ pid, state: term });

/** Every `NodeEvent` but the batch's contents. */
export const nodeEventSchema = v.variant('type', [
  v.object({ type: v.literal('ready'), version: int, node: int }),
  batchSchema,
  v.object({ type: v.literal('reply'), rid: int, ok: v.literal(true), value: v.optional(term) }),
  v.object({ type: v.literal('reply'), rid: int, ok: v.literal(false), error: text }),
  v.object({ type: v.literal('pong'), seq: int }),
  v.object({ type: v.literal('error'), message: text, fatal: v.optional(v.boolean()) }),
]);

export type CheckedTraceEvent = v.InferOutput<typeof traceEventSchema>;
export type CheckedNodeEvent = v.InferOutput<typeof nodeEventSchema>;
