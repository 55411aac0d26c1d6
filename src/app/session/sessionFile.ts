import * as v from 'valibot';
import type { History } from '../../store/history';
import type { Batch } from '../../store/applyEvent';
import { journalInputSchema } from '../../worker/protocolSchema';
import type { Step } from '../../store/steps';
import { parseJson } from '../workspace/parse';
import type { Session } from '../workspace/session';
import { validateSession } from '../workspace/session';
import type { Checked } from '../workspace/validate';
import type { Run } from './recorder';
import { SESSION_FORMAT } from './format';

/**
 * A recorded session as a file (Export…, "Recorded session"): the workspace, what the page was
 * told in order (each node's batches, the cluster's events, nodes added and removed) and each
 * node's record (worker/journal.ts). Import folds the first through the store's usual checks and
 * fold, so the page shows the same history, and replays the records, so the nodes are where
 * they were and go on from there.
 */
export { SESSION_FORMAT };
/** Characters of a session file read at most (a few minutes of a busy tree is some MB). */
export const MAX_SESSION_CHARS = 64_000_000;

/**
 * One step of the history as the file keeps it: the store's own `Step`, a batch's end without its
 * events (they are the trace steps before it) or its record (`applied` is in-thread use only).
 */
export type Told = Exclude<Step, { k: 'applied' }>;

/** A node's run as the file keeps it: history indices counted from the recording's first step. */
export type RunData = Omit<Run, 'pieceFrom'>;

export interface Recording {
  told: Told[];
  runs: RunData[];
}

export interface SessionFile {
  format: typeof SESSION_FORMAT;
  version: 1;
  workspace: Session['workspace'];
  speed: number;
  recording: Recording;
}

/**
 * What the page has recorded since the workspace started, or why it cannot be exported: the
 * history must be whole (the page keeps the last 200,000 events; a longer one has lost its start).
 */
export function recordingOf(history: History, runs: readonly Run[]): Checked<Recording> {
  if (history.trimmed)
    return {
      ok: false,
      error: `the page keeps only the last ${history.end - history.start} events of this session; its start is gone`,
    };
  const told: Told[] = [];
  for (let i = history.start; i < history.end; i++) {
    const s = history.step(i);
    if (s === undefined || s.k === 'applied') continue;
    if (s.k !== 'batch_end') {
      told.push(s);
      continue;
    }
    const {
      inputs: _inputs,
      recordingOff: _off,
      ...batch
    } = s.batch as Batch & { inputs?: unknown; recordingOff?: unknown };
    told.push({ k: 'batch_end', batch: { ...batch, events: [] } });
  }
  const shift = (n: number) => n - history.start;
  return {
    ok: true,
    value: {
      told,
      runs: runs.map((r) => ({
        node: r.node,
        start: shift(r.start),
        inputs: r.inputs,
        marks: r.marks.map((m) => ({ from: shift(m.from), to: shift(m.to), inputs: m.inputs })),
        off: r.off,
      })),
    },
  };
}

/**
 * The file's text. JSON has no `undefined` in a list and no NaN or Infinity: those are written
 * as `{"$u":1}` and `{"$n":"NaN"}` and read back as they were.
 */
export function sessionFileText(file: SessionFile): string {
  return JSON.stringify(file, (_k, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) return { $n: String(value) };
    if (Array.isArray(value) && value.includes(undefined))
      return value.map((x: unknown) => (x === undefined ? { $u: 1 } : x));
    return value;
  });
}

const revive = (_k: string, value: unknown): unknown => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && o.$u === 1) return undefined;
  if (keys.length === 1 && typeof o.$n === 'string') return Number(o.$n);
  return value;
};

const int = v.pipe(v.number(), v.integer(), v.minValue(0));
const runSchema = v.object({
  node: int,
  start: int,
  inputs: v.array(journalInputSchema),
  marks: v.array(v.object({ from: int, to: int, inputs: int })),
  off: v.optional(v.string()),
});
const toldSchema = v.variant('k', [
  v.object({ k: v.literal('trace'), node: int, ev: v.looseObject({ type: v.string() }) }),
  v.object({
    k: v.literal('batch_end'),
    batch: v.looseObject({ type: v.literal('batch'), node: int }),
  }),
  v.object({
    k: v.literal('cluster'),
    ev: v.variant('type', [
      v.object({ type: v.picklist(['node_starting', 'node_up']), node: int }),
      v.object({
        type: v.literal('node_down'),
        node: int,
        reason: v.pipe(v.string(), v.maxLength(2000)),
      }),
      v.object({ type: v.literal('nodes_connected'), a: int, b: int }),
      v.object({
        type: v.literal('nodes_disconnected'),
        a: int,
        b: int,
        why: v.picklist(['netsplit', 'node_down']),
      }),
    ]),
  }),
  v.object({
    k: v.literal('node'),
    node: v.optional(int),
    ev: v.looseObject({ type: v.string() }),
  }),
  v.object({
    k: v.literal('add_node'),
    id: int,
    name: v.pipe(v.string(), v.maxLength(200)),
    rootId: v.optional(v.pipe(v.string(), v.maxLength(200))),
  }),
  v.object({ k: v.literal('remove_node'), id: int }),
  v.object({ k: v.literal('prune'), node: int, now: v.pipe(v.number(), v.finite()) }),
]);
const recordingSchema = v.object({ told: v.array(toldSchema), runs: v.array(runSchema) });

/** Whether a parsed JSON value says it is a recorded session (not a workspace). */
export const isSessionFile = (data: unknown): boolean =>
  typeof data === 'object' &&
  data !== null &&
  (data as { format?: unknown }).format === SESSION_FORMAT;

/**
 * A session file's text, checked: its workspace through the one workspace validator, its
 * recording's shape here. What a batch or a cluster event holds is checked again as it is folded
 * (the store's checks on anything a worker posts: worker/validateEvent.ts).
 */
export function parseSessionFile(
  text: string,
  what: string,
): Checked<{ session: Session; recording: Recording }> {
  const json = parseJson(text, what, MAX_SESSION_CHARS, revive);
  if (!json.ok) return json;
  const data = json.value;
  if (!isSessionFile(data)) return { ok: false, error: `${what}: not a recorded session` };
  const d = data as {
    version?: unknown;
    workspace?: unknown;
    speed?: unknown;
    recording?: unknown;
  };
  if (d.version !== 1)
    return { ok: false, error: `${what}: recorded session version ${String(d.version)} is not 1` };
  const session = validateSession({ workspace: d.workspace, speed: d.speed });
  if (!session.ok) return { ok: false, error: `${what}: ${session.error}` };
  const rec = v.safeParse(recordingSchema, d.recording);
  if (!rec.success) {
    const issue = rec.issues[0];
    const where = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
    return {
      ok: false,
      error: `${what}: the recording is malformed at ${where}: ${issue?.message ?? ''}`,
    };
  }
  return {
    ok: true,
    value: { session: session.value, recording: rec.output as unknown as Recording },
  };
}
