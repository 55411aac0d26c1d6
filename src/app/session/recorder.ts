import type { JournalInput } from '../../worker/journal';
import { MAX_JOURNAL } from '../../worker/protocol';
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
 * The page's half of record and replay (worker/journal.ts): every node's record, kept run by run,
 * and where in the history each batch fell, so that a point on the timeline can be turned into
 * "this node, these inputs" (records.ts, loaded with a resume). Kept next to the store's history
 * (one per playground), fed by the cluster engine after each batch is folded.
 */
export class Recorder {
  /** Every run, oldest first (records.ts reads and cuts them on a resume). */
  runs: Run[] = [];

  /** A node (re)starts at history index `at`: a new run. */
  started(node: number, at: number): void {
    this.runs.push({ node, start: at, inputs: [], marks: [], off: undefined });
  }

  /** A batch of `node` was folded into history steps `from`…`to - 1`. */
  batch(node: number, b: Batch, from: number, to: number): void {
    let run: Run | undefined;
    for (let i = this.runs.length - 1; i >= 0 && run === undefined; i--)
      if (this.runs[i]?.node === node) run = this.runs[i];
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
}
