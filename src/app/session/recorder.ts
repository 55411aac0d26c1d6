import type { JournalInput } from '../../worker/journal';
import { MAX_JOURNAL } from '../../worker/journal';
import type { NodeEvent } from '../../worker/protocol';

type Batch = Extract<NodeEvent, { type: 'batch' }>;

/** One run of a node (from a start or a restart): its record, and where its batches fell. */
export interface Run {
  node: number;
  /** The history index at which the run started (its `node_starting`, or a resume). */
  start: number;
  inputs: JournalInput[];
  /** Each batch: the history steps it became (`from`…`to - 1`) and the inputs recorded by then. */
  marks: { from: number; to: number; inputs: number }[];
  /** Why this run cannot be replayed (recording stopped), if so. */
  off: string | undefined;
  /** Where the pieces of a batch split for folding (client.ts FOLD_CHUNK) began, until its last. */
  pieceFrom?: number | undefined;
}

/**
 * A run's record up to a point: its whole batches before it, and when the point falls inside a
 * batch, that batch's inputs and how many of its events come before the point (`part`).
 */
export type Prefix =
  | {
      ok: true;
      inputs: JournalInput[];
      part: { inputs: JournalInput[]; events: number } | undefined;
    }
  | { ok: false; why: string };

/**
 * The page's half of record and replay (worker/journal.ts): every node's record, kept run by run,
 * and where in the history each batch fell, so that a point on the timeline can be turned into
 * "this node, these inputs". Kept next to the store's history (one per playground), fed by the
 * cluster engine after each batch is folded.
 */
export class Recorder {
  private runs: Run[] = [];

  /** A node (re)starts at history index `at`: a new run. */
  started(node: number, at: number): void {
    this.runs.push({ node, start: at, inputs: [], marks: [], off: undefined });
  }

  /** A node resumed from `inputs` at history index `at` (its record goes on from them). */
  resumed(node: number, at: number, inputs: JournalInput[]): void {
    const marks = [{ from: at, to: at, inputs: inputs.length }];
    this.runs.push({ node, start: at, inputs: [...inputs], marks, off: undefined });
  }

  /** A batch of `node` was folded into history steps `from`…`to - 1`. */
  batch(node: number, b: Batch, from: number, to: number): void {
    const run = this.current(node);
    if (run === undefined) return;
    if (b.recordingOff !== undefined)
      run.off ??= `node ${node} stopped recording: ${b.recordingOff}`;
    if (run.off !== undefined) return;
    // A batch folded in pieces: only the last carries the record (the pieces are one batch).
    if (b.inputs === undefined) {
      run.pieceFrom ??= from;
      return;
    }
    if (run.inputs.length + b.inputs.length > MAX_JOURNAL) {
      run.off = `node ${node}'s record passed ${MAX_JOURNAL.toLocaleString('en')} inputs`;
      run.inputs = [];
      return;
    }
    for (const i of b.inputs) run.inputs.push(i);
    run.marks.push({ from: run.pieceFrom ?? from, to, inputs: run.inputs.length });
    run.pieceFrom = undefined;
  }

  /** The batch (of any node) that history index `index` falls strictly inside, if any. */
  batchAround(index: number): { from: number; to: number } | undefined {
    for (const run of this.runs)
      for (const m of run.marks) if (m.from < index && index < m.to) return m;
    return undefined;
  }

  /** The run of `node` under way at history index `at` (undefined before its first start). */
  runAt(node: number, at: number): Run | undefined {
    let found: Run | undefined;
    for (const run of this.runs) if (run.node === node && run.start <= at) found = run;
    return found;
  }

  /**
   * The record of `node`'s run at history index `at`: its whole batches before it, and the batch
   * `at` falls inside (`events`: how many of its events the page shows before `at`, counted
   * by `eventsBetween`).
   */
  prefixAt(node: number, at: number, eventsBetween: (from: number, to: number) => number): Prefix {
    const run = this.runAt(node, at);
    if (run === undefined) return { ok: false, why: `node ${node} had not started` };
    if (run.off !== undefined) return { ok: false, why: run.off };
    let n = 0;
    let part: { inputs: JournalInput[]; events: number } | undefined;
    for (const m of run.marks) {
      if (m.to <= at) n = m.inputs;
      else if (m.from < at) {
        const events = eventsBetween(m.from, at);
        if (events > 0) part = { inputs: run.inputs.slice(n, m.inputs), events };
      }
    }
    if (n === 0 || run.inputs[0]?.k !== 'boot')
      return { ok: false, why: `node ${node} had not booted yet` };
    return { ok: true, inputs: run.inputs.slice(0, n), part };
  }

  /** Forgets what was recorded from history index `at` on (the runs resumed from there follow). */
  truncate(at: number): void {
    this.runs = this.runs.filter((r) => r.start < at);
  }

  /** Runs from a session file, whose history indices start at `base` here. */
  load(runs: readonly Run[], base: number): void {
    this.runs = runs.map((r) => ({
      ...r,
      start: r.start + base,
      inputs: [...r.inputs],
      marks: r.marks.map((m) => ({ from: m.from + base, to: m.to + base, inputs: m.inputs })),
    }));
  }

  /** Every run, oldest first (a session export). */
  all(): readonly Run[] {
    return this.runs;
  }

  private current(node: number): Run | undefined {
    for (let i = this.runs.length - 1; i >= 0; i--)
      if (this.runs[i]?.node === node) return this.runs[i];
    return undefined;
  }
}
