import type { JournalInput } from '../../worker/journal';
import type { Recorder, Run } from './recorder';

/**
 * Reading and cutting the page's records (recorder.ts) for a resume or a session file: loaded
 * with them, not with the page.
 */

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

/** The batch (of any node) that history index `index` falls strictly inside, if any. */
export function batchAround(r: Recorder, index: number): { from: number; to: number } | undefined {
  for (const run of r.runs) for (const m of run.marks) if (m.from < index && index < m.to) return m;
  return undefined;
}

/** The run of `node` under way at history index `at` (undefined before its first start). */
export function runAt(r: Recorder, node: number, at: number): Run | undefined {
  let found: Run | undefined;
  for (const run of r.runs) if (run.node === node && run.start <= at) found = run;
  return found;
}

/**
 * The record of `node`'s run at history index `at`: its whole batches before it, and the batch
 * `at` falls inside (`events`: how many of its events the page shows before `at`, counted by
 * `eventsBetween`).
 */
export function prefixAt(
  r: Recorder,
  node: number,
  at: number,
  eventsBetween: (from: number, to: number) => number,
): Prefix {
  const run = runAt(r, node, at);
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
export function truncateRuns(r: Recorder, at: number): void {
  r.runs = r.runs.filter((run) => run.start < at);
}

/** A node resumed from `inputs` at history index `at` (its record goes on from them). */
export function resumedRun(r: Recorder, node: number, at: number, inputs: JournalInput[]): void {
  const marks = [{ from: at, to: at, inputs: inputs.length }];
  r.runs.push({ node, start: at, inputs: [...inputs], marks, off: undefined });
}

/** Runs from a session file, whose history indices start at `base` here. */
export function loadRuns(r: Recorder, runs: readonly Run[], base: number): void {
  r.runs = runs.map((run) => ({
    ...run,
    start: run.start + base,
    inputs: [...run.inputs],
    marks: run.marks.map((m) => ({ from: m.from + base, to: m.to + base, inputs: m.inputs })),
  }));
}
