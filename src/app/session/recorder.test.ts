import { describe, expect, it } from 'vitest';
import { Journal } from '../../worker/journal';
import type { JournalInput } from '../../worker/journal';
import { MAX_JOURNAL } from '../../worker/protocol';
import type { NodeEvent } from '../../worker/protocol';
import { Recorder } from './recorder';
import { batchAround, prefixAt } from './records';

type Batch = Extract<NodeEvent, { type: 'batch' }>;
const boot = { k: 'boot', at: 0, peers: [], cmd: {} } as unknown as JournalInput;
const slice = (at: number): JournalInput => ({ k: 'slice', at, turns: 1, idle: true });
const batch = (inputs?: JournalInput[], recordingOff?: string): Batch => ({
  type: 'batch',
  node: 1,
  now: 0,
  events: [],
  summary: undefined,
  states: [],
  ...(inputs === undefined ? {} : { inputs }),
  ...(recordingOff === undefined ? {} : { recordingOff }),
});
const traces = (from: number, to: number) => to - from;

describe('the page keeps each node’s record, batch by batch', () => {
  it('knows which inputs lie before a point, and the batch a point falls inside', () => {
    const r = new Recorder();
    r.started(1, 0);
    r.batch(1, batch([boot, slice(1)]), 1, 5);
    // A batch folded in two pieces is one batch: only its last piece carries the record.
    r.batch(1, batch(), 5, 8);
    r.batch(1, batch([slice(2), slice(3)]), 8, 12);
    expect(batchAround(r, 6)).toEqual({ from: 5, to: 12, inputs: 4 });
    expect(prefixAt(r, 1, 5, traces)).toMatchObject({ ok: true, part: undefined });
    const p = prefixAt(r, 1, 7, traces);
    if (!p.ok) throw new Error(p.why);
    expect(p.inputs).toHaveLength(2);
    expect(p.part).toEqual({ inputs: [slice(2), slice(3)], events: 2 });
    expect(prefixAt(r, 2, 7, traces)).toEqual({ ok: false, why: 'node 2 had not started' });
  });

  it('a run whose node stopped recording cannot be resumed, and says why', () => {
    const r = new Recorder();
    r.started(1, 0);
    r.batch(1, batch([boot]), 1, 2);
    r.batch(1, batch(undefined, 'its record passed 300,000 inputs'), 2, 3);
    expect(prefixAt(r, 1, 2, traces)).toEqual({
      ok: false,
      why: 'node 1 stopped recording: its record passed 300,000 inputs',
    });
  });

  it('a node stops recording past MAX_JOURNAL, says so once, and keeps nothing more', () => {
    const j = new Journal();
    for (let i = 0; i < MAX_JOURNAL; i++) j.add(slice(i));
    expect(j.take().inputs).toHaveLength(MAX_JOURNAL);
    j.add(slice(1));
    expect(j.take()).toEqual({
      recordingOff: `its record passed ${MAX_JOURNAL.toLocaleString('en')} inputs`,
    });
    j.add(slice(2));
    expect(j.take()).toEqual({});
  });
});

describe('a recorded session as a file', () => {
  it('exports a session started after a reset (indices counted from its first step), not one whose start was dropped', async () => {
    const { History, MAX_STEPS, CHECKPOINT_EVERY } = await import('../../store/history');
    const { initialViewState } = await import('../../store/viewState');
    const { recordingOf } = await import('./sessionFile');
    const h = new History(initialViewState());
    const prune = { k: 'prune', node: 1, now: 0 } as const;
    h.append([prune, prune, prune], 0);
    // A reset: the history starts again, its indices go on.
    h.clear(initialViewState());
    h.append([{ k: 'add_node', id: 1, name: 'n1', rootId: 'app' }, prune], 0);
    const r = new Recorder();
    r.started(1, h.start);
    r.batch(1, batch([boot]), h.start + 1, h.end);
    const rec = recordingOf(h, r.runs);
    if (!rec.ok) throw new Error(rec.error);
    expect(rec.value.told.map((t) => t.k)).toEqual(['add_node', 'prune']);
    expect(rec.value.runs[0]).toMatchObject({ start: 0, marks: [{ from: 1, to: 2, inputs: 1 }] });
    // Past MAX_STEPS the oldest go: the session's start is gone, and the export says so.
    h.append(
      Array.from({ length: MAX_STEPS + CHECKPOINT_EVERY }, () => prune),
      0,
    );
    expect(recordingOf(h, r.runs)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/its start is gone/),
    });
  });
});
