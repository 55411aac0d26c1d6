import { describeError } from '../../base';
import type { Step } from '../../store/steps';
import type { PlaygroundStore } from '../../store/vanilla';
import type { Cluster } from '../../worker/client';
import type { ReplayReport, RestoreNode } from '../../worker/clusterRestore';
import { probeTurns, restore, rewire } from '../../worker/clusterRestore';
import type { JournalInput } from '../../worker/journal';
import type { UserModule } from '../../worker/protocol';
import { checkNodeEvent } from '../../worker/validateEvent';
import type { ResumeOutcome } from '../engine';
import type { Checked } from '../workspace/validate';
import type { Recorder } from './recorder';
import { batchAround, loadRuns, prefixAt, resumedRun, truncateRuns } from './records';
import { planPeers } from './resumePlan';
import type { Recording, Told } from './sessionFile';

/**
 * "Resume from here" and opening a recorded session (issue 7), loaded the first time either is
 * used (not in the page's or an embed's first JavaScript): the history is cut at the point, each
 * node running there replays its record to it in a fresh worker, and the nodes are wired so that
 * nothing in flight between them is lost or sent twice.
 */
export interface RestoreContext {
  cluster: Cluster;
  view: PlaygroundStore;
  recorder: Recorder;
  /** The modules each node booted with (the engine's `bootedModules`). */
  booted: Map<number, UserModule[]>;
}

/**
 * Resumes before history step `index`: a point past every event of a batch but not its end
 * (its states) takes the whole batch.
 */
export function resumeAt(ctx: RestoreContext, index: number): Promise<ResumeOutcome> {
  const h = ctx.view.getState().history();
  let at = Math.max(h.start, Math.min(h.end, index));
  const around = batchAround(ctx.recorder, at);
  if (
    around !== undefined &&
    eventsBetween(ctx, around.from, at) === eventsBetween(ctx, around.from, around.to)
  )
    at = around.to;
  if (at >= h.end)
    return Promise.resolve({ ok: false, why: 'the playhead is at the live end already' });
  return restoreAt(ctx, at);
}

/** Shows a session file's history and rebuilds its nodes where it ended (on an empty cluster). */
export function openRecording(ctx: RestoreContext, recording: Recording): Promise<ResumeOutcome> {
  const base = ctx.view.getState().history().end;
  const folded = foldTold(ctx, recording.told);
  if (!folded.ok) return Promise.resolve({ ok: false, why: folded.error });
  loadRuns(ctx.recorder, recording.runs, base);
  return restoreAt(ctx, ctx.view.getState().history().end, true);
}

/**
 * Folds the steps of a session file, each checked as a worker's post is (worker/validateEvent.ts:
 * a trace event as a batch of one, a batch's end as a batch without events).
 */
function foldTold(ctx: RestoreContext, told: readonly Told[]): Checked<undefined> {
  const steps: Step[] = [];
  for (const [i, t] of told.entries()) {
    const step = checkedStep(t);
    if (typeof step === 'string')
      return { ok: false, error: `the recording's entry ${i}: ${step}` };
    steps.push(step);
  }
  try {
    ctx.view.getState().appendSteps(steps);
  } catch (e) {
    return { ok: false, error: `the recording could not be shown: ${describeError(e)}` };
  }
  return { ok: true, value: undefined };
}

/** A file's step as the store may fold it, or what is wrong with it. */
function checkedStep(t: Told): Step | string {
  if (t.k === 'trace') {
    const raw = { type: 'batch', node: t.node, now: 0, events: [t.ev], states: [] };
    const { event, problems } = checkNodeEvent(t.node, raw);
    const ev = event?.type === 'batch' ? event.events[0] : undefined;
    if (ev === undefined || problems.length > 0) return problems[0]?.message ?? 'unreadable';
    return { k: 'trace', node: t.node, ev };
  }
  if (t.k === 'batch_end') {
    const { event, problems } = checkNodeEvent(t.batch.node, t.batch);
    if (event?.type !== 'batch' || problems.length > 0)
      return problems[0]?.message ?? 'not a batch';
    return { k: 'batch_end', batch: event };
  }
  if (t.k === 'node') {
    const { event, problems } = checkNodeEvent(t.node ?? 0, t.ev);
    if (event === undefined || problems.length > 0) return problems[0]?.message ?? 'unreadable';
    return { k: 'node', ev: event, node: t.node };
  }
  // The rest (cluster events, nodes added or removed, pruning) the file's schema checked whole.
  return t;
}

/** Trace events (not batch ends) among history steps `from`…`to - 1`. */
function eventsBetween(ctx: RestoreContext, from: number, to: number): number {
  const h = ctx.view.getState().history();
  let n = 0;
  for (let i = from; i < to; i++) if (h.step(i)?.k === 'trace') n++;
  return n;
}

/** Each node running before history step `at`, with its record up to there. */
function nodesAt(ctx: RestoreContext, at: number): { nodes: RestoreNode[]; missing: string[] } {
  const nodes: RestoreNode[] = [];
  const missing: string[] = [];
  for (const n of ctx.view.getState().history().stateAt(at).nodes.values()) {
    if (n.status !== 'up' && n.status !== 'starting') continue;
    const prefix = prefixAt(ctx.recorder, n.id, at, (from, to) => eventsBetween(ctx, from, to));
    if (!prefix.ok) missing.push(prefix.why);
    else if (prefix.part === undefined) nodes.push({ id: n.id, inputs: prefix.inputs });
    else
      nodes.push({
        id: n.id,
        inputs: [...prefix.inputs, ...prefix.part.inputs],
        until: { from: prefix.inputs.length, events: prefix.part.events },
      });
  }
  return { nodes, missing };
}

/**
 * Rebuilds the nodes as they were before history step `point` (or where the process turn it
 * falls in began) and goes on from there: each node replays its record, then the pairs are
 * wired from what each record says was sent and received.
 */
async function restoreAt(
  ctx: RestoreContext,
  point: number,
  opening = false,
): Promise<ResumeOutcome> {
  const c = ctx.cluster;
  const h = ctx.view.getState().history();
  let at = point;
  let { nodes, missing } = nodesAt(ctx, at);
  // Inside a batch, the replay can stop only between two process turns (a turn runs whole):
  // where the turn the point falls in began.
  const part = nodes.find((n) => n.until !== undefined);
  if (part?.until !== undefined && missing.length === 0) {
    let ends: number[];
    try {
      ends = await probeTurns(c, part.id, part.inputs, part.until);
    } catch (e) {
      return { ok: false, why: describeError(e) };
    }
    const target = part.until.events;
    const start = Math.max(0, ...ends.filter((e) => e <= target));
    if (start < target) {
      for (let seen = target; at > h.start && seen > start; at--)
        if (h.step(at - 1)?.k === 'trace') seen--;
      ({ nodes, missing } = nodesAt(ctx, at));
    }
  }
  if (missing.length > 0) return { ok: false, why: missing.join('; ') };
  // The page goes back first: what the nodes say from now on follows on from that point.
  ctx.view.getState().truncate(at);
  truncateRuns(ctx.recorder, at);
  for (const { id, inputs, until } of nodes) {
    // A node resumed inside a batch posts what it replayed of it with its first batch.
    resumedRun(ctx.recorder, id, at, until === undefined ? inputs : inputs.slice(0, until.from));
    const boot = inputs[0];
    if (boot?.k === 'boot') ctx.booted.set(id, boot.cmd.modules);
  }
  let reports: ReplayReport[];
  try {
    reports = await restore(c, nodes);
  } catch (e) {
    return { ok: false, why: describeError(e) };
  }
  // What each node's replay took in (whole batches, and of a part what it used) decides what
  // its peers must send it again.
  const records = new Map<number, JournalInput[]>();
  for (const { id, inputs, until } of nodes) {
    const used = reports.find((r) => r.node === id)?.used ?? 0;
    records.set(id, until === undefined ? inputs : inputs.slice(0, until.from + used));
  }
  const state = h.stateAt(at);
  const connected = (a: number, b: number): boolean =>
    state.nodes.get(a)?.peers.includes(b) === true;
  const ids = [...records.keys()];
  const split: [number, number][] = [];
  for (const a of ids) for (const b of ids) if (a < b && !connected(a, b)) split.push([a, b]);
  rewire(c, { ...planPeers(records, connected), split });
  const exact = reports.every(same);
  return { ok: true, at, reports, exact, text: resumeText(at, reports, opening) };
}

const same = (r: ReplayReport): boolean => r.diverged === 'none';

/** What a resume did, in words: per node, the inputs replayed and whether they made the recorded batches. */
function resumeText(at: number, reports: readonly ReplayReport[], opening: boolean): string {
  const nodes = reports.map(
    (r) =>
      `node ${r.node} replayed ${r.inputs.toLocaleString('en')} inputs into ${r.batches.toLocaleString('en')} batches${same(r) ? ', as recorded' : `, but differed from its record at ${r.diverged}`}`,
  );
  const what = nodes.length > 0 ? nodes.join('; ') : 'no node was running';
  return opening
    ? `Opened the recorded session at event ${at.toLocaleString('en')}: ${what}. Play to go on.`
    : `Resumed from event ${at.toLocaleString('en')}: ${what}. Later events are forgotten; play to go on.`;
}
