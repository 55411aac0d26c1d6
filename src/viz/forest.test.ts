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

describe('a restart in the picture', () => {
  it('draws the slot once while the supervisor restarts it: the new pid appears at child_started', async () => {
    const { LiveNode, sup, worker } = await import('../store/testing/liveNode');
    const { at } = await import('../store/testing/find');
    const live = new LiveNode(1);
    const tree = sup('app', { strategy: 'one_for_one', intensity: 10 }, [worker('cache')]);
    let s = applyEvents(initialViewState(), 1, live.start(tree).batch().events);
    const old = at(s, 'root/cache').key;
    const events = live.crash(at(s, 'root/cache').pid, 'boom').settle().batch().events;
    const respawn = events.findIndex(
      (e) => e.type === 'spawn' && (e.pid as unknown as P).id !== Number(old.split('.')[1]),
    );
    expect(respawn).toBeGreaterThan(0);
    // Between the new child's spawn and its child_started: one node for the slot, the old one.
    const mid = applyEvents(s, 1, events.slice(0, respawn + 1));
    const paths = layout(mid).nodes.map((n) => n.path);
    expect(paths.filter((p) => p.startsWith('root/'))).toEqual(['root/cache']);
    expect(paths.some((p) => p.includes('<'))).toBe(false);
    // After it: the slot, now its new pid.
    s = applyEvents(s, 1, events);
    expect(layout(s).nodes.filter((n) => n.path === 'root/cache')).toHaveLength(1);
    expect(at(s, 'root/cache').key).not.toBe(old);
  });
});
