import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../runtime';
import type { NodeEvent } from '../worker/protocol';
import { applyNodeEvent } from './applyEvent';
import type { ViewState } from './types';
import { initialViewState } from './viewState';

/** A batch from `node` at node time `now`, with one log line at each of `times`. */
const batch = (node: number, now: number, times: number[]): NodeEvent => ({
  type: 'batch',
  node,
  now,
  events: times.map(
    (t) => ({ type: 'log', t, pid: { node, id: 2 }, text: `at ${t}` }) as unknown as TraceEvent,
  ),
  summary: undefined,
  states: [],
});

const ready = (node: number): NodeEvent => ({ type: 'ready', version: 1, node });

const times = (s: ViewState): number[] => s.log.map((e) => e.t);

describe('the log has one cluster clock', () => {
  it("stamps a node that joined later from the cluster's time, not from its own 0", () => {
    let s = applyNodeEvent(initialViewState(), ready(1));
    s = applyNodeEvent(s, batch(1, 5000, [1000, 5000]));
    s = applyNodeEvent(s, ready(2));
    s = applyNodeEvent(s, batch(2, 300, [100, 300]));
    expect(s.log.filter((e) => e.node === 2 && e.kind === 'log').map((e) => e.t)).toEqual([
      5100, 5300,
    ]);
  });

  it('goes on from where it was when a node restarts (its clock starts again at 0)', () => {
    let s = applyNodeEvent(initialViewState(), ready(1));
    s = applyNodeEvent(s, batch(1, 8000, [8000]));
    s = applyNodeEvent(s, ready(1));
    s = applyNodeEvent(s, batch(1, 50, [20, 50]));
    expect(s.log.filter((e) => e.kind === 'log').map((e) => e.t)).toEqual([8000, 8020, 8050]);
  });

  it('never goes back, whatever order two nodes report in', () => {
    let s = applyNodeEvent(initialViewState(), ready(1));
    s = applyNodeEvent(s, ready(2));
    s = applyNodeEvent(s, batch(1, 900, [500, 900]));
    s = applyNodeEvent(s, batch(2, 700, [600, 700]));
    s = applyNodeEvent(s, batch(1, 1000, [1000]));
    const t = times(s);
    expect(t).toEqual([...t].sort((a, b) => a - b));
    expect(s.clock).toBe(1000);
  });
});
