import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../runtime';
import { applyEvents } from '../store/applyEvent';
import { initialViewState } from '../store/viewState';
import { BELOW, MAX_PARENTS } from './forest';
import { layout } from './layout';

type P = { node: number; id: number };
const spawn = (pid: P, parent: P | undefined): TraceEvent =>
  ({ type: 'spawn', t: 0, pid, parent, behaviour: 'bomb', linked: false }) as unknown as TraceEvent;

/** A state with the processes `edges` describes: [child id, parent id] (parent 0: none). */
function spawned(edges: [number, number][]) {
  const events = edges.map(([c, p]) =>
    spawn({ node: 1, id: c }, p === 0 ? undefined : { node: 1, id: p }),
  );
  return applyEvents(initialViewState(), 1, events);
}

describe('a fork bomb in the picture', () => {
  it('draws a binary tree of 20,000 processes as a few hundred nodes and groups', () => {
    const edges: [number, number][] = [[1, 0]];
    for (let id = 2; id <= 20_000; id++) edges.push([id, id >> 1]);
    const s = spawned(edges);
    const t0 = performance.now();
    const l = layout(s);
    const ms = performance.now() - t0;
    expect(l.nodes.length).toBeLessThan(2 * MAX_PARENTS + 2);
    const groups = l.nodes.filter((n) => n.path.endsWith(`/${BELOW}`));
    expect(groups.length).toBeGreaterThan(0);
    // Every process is drawn somewhere: one by one, or as a member of a group.
    const members = new Set(l.nodes.flatMap((n) => n.members));
    expect(members.size).toBe(20_000);
    expect(ms).toBeLessThan(2000);
  });

  it('draws a spawn chain 100,000 deep without overflowing the stack', () => {
    const edges: [number, number][] = [[1, 0]];
    for (let id = 2; id <= 100_000; id++) edges.push([id, id - 1]);
    const l = layout(spawned(edges));
    expect(l.nodes.length).toBeLessThanOrEqual(MAX_PARENTS + 2);
    expect(new Set(l.nodes.flatMap((n) => n.members)).size).toBe(100_000);
  });

  it('leaves a tree with few parents as it was', () => {
    const edges: [number, number][] = [[1, 0]];
    for (let id = 2; id <= 200; id++) edges.push([id, 1]);
    for (let id = 201; id <= 5_000; id++) edges.push([id, 2 + (id % 199)]);
    const l = layout(spawned(edges));
    expect(l.nodes.some((n) => n.path.endsWith(`/${BELOW}`))).toBe(false);
  });
});
