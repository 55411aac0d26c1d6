import * as v from 'valibot';
import { exhaustiveSwitchError } from '../base';
import type { TraceEvent } from '../runtime';
import type { NodeEvent, StateSnapshot } from './protocol';
import { PROTOCOL_VERSION } from './protocol';
import {
  nodeEventSchema,
  stateSnapshotSchema,
  journalInputSchema,
  traceEventSchema,
} from './protocolSchema';

/**
 * More events than an honest batch can hold (the host's per-kind caps add up
 * to well under this): the rest of such a batch is not even looked at.
 */
export const MAX_BATCH_EVENTS = 100_000;
/** State snapshots per batch (one per process whose state changed). */
export const MAX_BATCH_STATES = 100_000;

/** Something wrong with what a worker posted. */
export interface Problem {
  /**
   * What went wrong, as a key to report each kind once per node: `message` (not a protocol
   * event at all), `event:<type>` (a malformed trace event; `event:?` for an unknown type),
   * `state` (a malformed snapshot), `spoofed` (about another node), `oversized`, `ready`.
   */
  readonly kind: string;
  readonly message: string;
}

export interface Checked {
  /** The event, safe to fold; `undefined` when none of it can be used. */
  readonly event: NodeEvent | undefined;
  readonly problems: readonly Problem[];
}

/**
 * Checks what node `sender`'s worker posted against the protocol before the
 * page uses any of it. A worker runs a person's code, so nothing it posts is
 * trusted: the message must be a protocol event; a batch may only describe
 * `sender` (its `node`, every event's subject, every snapshot's pid); a
 * malformed or unknown trace event is dropped on its own and the rest of the
 * batch still applies. Terms and texts come back bounded (`protocolSchema.ts`).
 * Never throws.
 */
export function checkNodeEvent(sender: number, raw: unknown): Checked {
  try {
    return check(sender, raw);
  } catch (e) {
    // A getter or a proxy cannot cross postMessage; still, nothing may escape from here.
    return reject('message', `node ${sender} sent a message that could not be read: ${String(e)}`);
  }
}

function check(sender: number, raw: unknown): Checked {
  const top = v.safeParse(nodeEventSchema, raw);
  if (!top.success) {
    const type = typeOf(raw);
    return reject(
      'message',
      `node ${sender} sent ${type === undefined ? 'a message that is not a protocol event' : `a malformed '${type}' event`} (${describe(top.issues)})`,
    );
  }
  const ev = top.output;
  switch (ev.type) {
    case 'ready':
      if (ev.node !== sender)
        return reject('spoofed', `node ${sender} said it was node ${ev.node} (ready)`);
      if (ev.version !== PROTOCOL_VERSION)
        return reject(
          'ready',
          `node ${sender} speaks protocol version ${ev.version}, not ${PROTOCOL_VERSION}`,
        );
      return { event: ev, problems: [] };
    case 'batch':
      return checkBatch(sender, ev);
    case 'reply':
    case 'pong':
    case 'error':
      return { event: ev as NodeEvent, problems: [] };
    default:
      return exhaustiveSwitchError(ev);
  }
}

type BatchIn = Extract<v.InferOutput<typeof nodeEventSchema>, { type: 'batch' }>;

function checkBatch(sender: number, b: BatchIn): Checked {
  if (b.node !== sender)
    return reject('spoofed', `node ${sender} sent a batch claiming to be node ${b.node}`);
  const problems: Problem[] = [];
  const once = new Set<string>();
  const problem = (kind: string, message: string): void => {
    if (once.has(kind)) return;
    once.add(kind);
    problems.push({ kind, message });
  };
  const events: TraceEvent[] = [];
  const n = Math.min(b.events.length, MAX_BATCH_EVENTS);
  if (b.events.length > n)
    problem(
      'oversized',
      `node ${sender} sent a batch of ${b.events.length} events; only the first ${n} were read`,
    );
  for (let i = 0; i < n; i++) {
    const raw = b.events[i];
    const r = v.safeParse(traceEventSchema, raw);
    if (!r.success) {
      const type = typeOf(raw);
      const known = type !== undefined && KNOWN.has(type);
      problem(
        known ? `event:${type}` : 'event:?',
        known
          ? `node ${sender} sent a malformed '${type}' trace event (${describe(r.issues)}); such events are ignored`
          : `node ${sender} sent an unknown trace event ${type === undefined ? '(no type)' : `'${type}'`}; such events are ignored`,
      );
      continue;
    }
    const e = r.output as unknown as TraceEvent;
    if (!aboutSender(sender, e)) {
      problem(
        'spoofed',
        `node ${sender} sent a '${e.type}' event about another node's process; such events are ignored`,
      );
      continue;
    }
    events.push(e);
  }
  const states: StateSnapshot[] = [];
  const m = Math.min(b.states.length, MAX_BATCH_STATES);
  for (let i = 0; i < m; i++) {
    const r = v.safeParse(stateSnapshotSchema, b.states[i]);
    if (!r.success) {
      problem('state', `node ${sender} sent a malformed state snapshot (${describe(r.issues)})`);
      continue;
    }
    if (r.output.pid.node !== sender) {
      problem('spoofed', `node ${sender} sent the state of another node's process`);
      continue;
    }
    states.push(r.output as StateSnapshot);
  }
  const event = { ...b, events, states } as Extract<NodeEvent, { type: 'batch' }>;
  if (b.inputs !== undefined && !b.inputs.every((i) => v.is(journalInputSchema, i))) {
    // A record that does not fit cannot be replayed: the run stops being resumable, nothing else.
    delete event.inputs;
    event.recordingOff = `node ${sender} sent a malformed record`;
    problem('journal', `node ${sender} sent a malformed record; its run cannot be resumed`);
  }
  return { event, problems };
}

const KNOWN: ReadonlySet<string> = new Set(
  traceEventSchema.options.map((o) => o.entries.type.literal),
);

/**
 * An event may only describe its own node's processes: its subject (the
 * process it happened to) must be on `sender`. A message may cross nodes, so
 * a send names either end; a `send_dropped` is also traced by the receiving node.
 */
function aboutSender(sender: number, e: TraceEvent): boolean {
  switch (e.type) {
    case 'send':
    case 'send_dropped':
      return e.from?.node === sender || e.to.node === sender;
    case 'link':
    case 'unlink':
      return e.a.node === sender;
    case 'monitor':
    case 'demonitor':
    case 'down':
      return e.watcher.node === sender;
    case 'exit_signal':
      return e.to.node === sender;
    case 'spawn':
      return e.pid.node === sender && (e.parent === undefined || e.parent.node === sender);
    case 'child_started':
      return e.sup.node === sender && e.pid.node === sender;
    case 'supervisor_report':
    case 'child_deleted':
    case 'restart':
    case 'supervisor_gave_up':
      return e.sup.node === sender;
    case 'exit':
    case 'receive':
    case 'trap_exit':
    case 'register':
    case 'unregister':
    case 'init':
    case 'state':
    case 'crash_report':
    case 'log':
      return e.pid.node === sender;
    default:
      return exhaustiveSwitchError(e);
  }
}

function reject(kind: string, message: string): Checked {
  return { event: undefined, problems: [{ kind, message }] };
}

function typeOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const t = (raw as { type?: unknown }).type;
  return typeof t === 'string' ? t.slice(0, 40) : undefined;
}

/** The first issue, as `path: message`. */
function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const i = issues[0];
  if (i === undefined) return 'invalid';
  const path = v.getDotPath(i);
  return (path === null ? i.message : `${path}: ${i.message}`).slice(0, 200);
}
