import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../runtime';
import type { NodeEvent } from '../worker/protocol';
import { applyBatch, applyNodeEvent } from './applyEvent';
import type { ViewState } from './types';
import { initialViewState } from './viewState';

type Batch = Extract<NodeEvent, { type: 'batch' }>;

const batch = (now: number, extra: Partial<Batch> = {}): Batch => ({
  type: 'batch',
  node: 1,
  now,
  events: [],
  summary: undefined,
  states: [],
  ...extra,
});
const summaries = (s: ViewState) => s.log.filter((e) => e.kind === 'summary').map((e) => e.text);

describe('what the worker only counted', () => {
  it('adds the counts to the node and logs them once a second, not once a frame', () => {
    let s: ViewState = initialViewState();
    for (let i = 0; i < 30; i++)
      s = applyBatch(
        s,
        batch(i * 16, {
          skipped: { log: 1000, spawn: 10 },
          summary: { sends: 5, receives: 4, dropped: 0 },
          processes: 5000 + i,
        }),
      );
    const n = s.nodes.get(1);
    expect(n?.notShown).toEqual({ log: 30_000, spawn: 300 });
    expect(n?.uncounted).toEqual({ sends: 150, receives: 120, dropped: 0 });
    expect(n?.processes).toBe(5029);
    expect(summaries(s)).toEqual([
      'node1: 1,000 log lines, 10 spawns, 5 sends, 4 receives not shown, too many to follow (node1 has 5,000 processes)',
    ]);
    // A second of node time later, the counts since the last line.
    s = applyBatch(s, batch(1000, { skipped: { log: 1 } }));
    expect(summaries(s)[1]).toBe(
      'node1: 29,001 log lines, 290 spawns, 145 sends, 116 receives not shown, too many to follow (node1 has 5,029 processes)',
    );
    // When the flood stops, what was left is logged at once.
    s = applyBatch(s, batch(1010, { skipped: { exit: 2 } }));
    s = applyBatch(s, batch(1020));
    expect(summaries(s)).toHaveLength(3);
    expect(summaries(s)[2]).toMatch(/^node1: 2 exits not shown/);
  });

  it('starts the counts over when the node starts again', () => {
    let s: ViewState = initialViewState();
    s = applyBatch(s, batch(1, { skipped: { log: 7 }, processes: 9 }));
    s = applyNodeEvent(s, { type: 'ready', version: 1, node: 1 });
    expect(s.nodes.get(1)).toMatchObject({ notShown: {}, processes: undefined, notLogged: {} });
  });

  it('keeps at most maxDead dead processes: a spawn/exit flood does not pile up', () => {
    let s: ViewState = initialViewState({ maxDead: 100, deadLingerMs: 60_000 });
    let id = 10;
    for (let frame = 0; frame < 20; frame++) {
      const events: TraceEvent[] = [];
      for (let i = 0; i < 500; i++, id++) {
        const pid = { node: 1, id } as never;
        events.push({
          type: 'spawn',
          t: frame,
          pid,
          parent: undefined,
          behaviour: 'x',
          linked: false,
        });
        events.push({ type: 'exit', t: frame, pid, reason: 'normal' });
      }
      s = applyBatch(s, batch(frame, { events }));
    }
    expect(s.graveyard.size).toBe(100);
    expect(s.processes.size).toBe(100);
    // The newest dead are the ones kept.
    expect(s.processes.has(`<1.${id - 1}.0>`)).toBe(true);
  });
});
