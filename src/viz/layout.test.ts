import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../runtime';
import { applyBatch, applyEvents } from '../store/applyEvent';
import type { ViewState } from '../store/types';
import { initialViewState } from '../store/viewState';
import { at } from '../store/testing/find';
import { LiveNode, sup, worker } from '../store/testing/liveNode';
import type { Layout, LayoutNode } from './layout';
import { layout } from './layout';

function live(
  tree: Parameters<LiveNode['start']>[0],
  id = 0,
): { node: LiveNode; state: ViewState } {
  const node = new LiveNode(id).start(tree);
  return { node, state: applyBatch(initialViewState({ deadLingerMs: 60_000 }), node.batch()) };
}

const byPath = (l: Layout, path: string): LayoutNode => {
  const n = l.nodes.find((x) => x.path === path);
  if (n === undefined)
    throw new Error(`not drawn: ${path}; drawn: ${l.nodes.map((x) => x.path).join(' ')}`);
  return n;
};

/**
 * A synthetic node: a root supervisor with `sups` child supervisors of
 * `perSup` counter workers each (the events a real node would send, without
 * running 10,000 processes).
 */
function synthetic(node: number, sups: number, perSup: number, flat = false): TraceEvent[] {
  let id = 0;
  const pid = (): { node: number; id: number } => ({ node, id: ++id });
  const ev: TraceEvent[] = [];
  const spawn = (
    p: { node: number; id: number },
    parent: { node: number; id: number } | undefined,
    behaviour: string,
  ): void => {
    ev.push({
      type: 'spawn',
      t: 0,
      pid: p,
      parent,
      behaviour,
      linked: parent !== undefined,
    } as TraceEvent);
    ev.push({ type: 'init', t: 0, pid: p, result: 'ok' } as TraceEvent);
  };
  const started = (
    s: { node: number; id: number },
    childId: string | undefined,
    p: { node: number; id: number },
  ): void => {
    ev.push({ type: 'child_started', t: 0, sup: s, childId, pid: p } as TraceEvent);
  };
  const root = pid();
  spawn(root, undefined, 'supervisor');
  const workersUnder = (s: { node: number; id: number }): void => {
    for (let j = 0; j < perSup; j++) {
      const w = pid();
      spawn(w, s, 'gen_server:counter');
      started(s, flat ? undefined : `w${j}`, w);
    }
  };
  if (flat) workersUnder(root);
  for (let i = 0; i < sups; i++) {
    const s = pid();
    spawn(s, root, 'supervisor');
    workersUnder(s);
    started(root, `sup${i}`, s);
  }
  return ev;
}

describe('layout', () => {
  it('draws a tidy tree: paths, kinds, children in start order under their parent', () => {
    const { state } = live(
      sup('root', { strategy: 'one_for_all' }, [
        worker('a'),
        sup('sub', {}, [worker('x'), worker('y')]),
        worker('b'),
      ]),
    );
    const l = layout(state);
    expect(l.nodes.map((n) => n.path)).toEqual([
      'root',
      'root/a',
      'root/sub',
      'root/b',
      'root/sub/x',
      'root/sub/y',
    ]);
    const root = byPath(l, 'root');
    expect(root).toMatchObject({
      kind: 'supervisor',
      strategy: 'one_for_all',
      depth: 0,
      parent: undefined,
    });
    expect(byPath(l, 'root/sub/x')).toMatchObject({
      kind: 'worker',
      status: 'waiting',
      parent: '0:root/sub',
      depth: 2,
    });
    const [a, s, b] = ['root/a', 'root/sub', 'root/b'].map((p) => byPath(l, p));
    expect(a!.x).toBeLessThan(s!.x);
    expect(s!.x).toBeLessThan(b!.x);
    expect(a!.y).toBeGreaterThan(root.y);
    expect(new Set(l.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(l.nodes.length);
    // The driver that started the tree is the host's, not drawn.
    expect(l.nodes.some((n) => n.behaviour === 'driver')).toBe(false);
    expect(l.edges.filter((e) => e.kind === 'supervision')).toHaveLength(5);
    expect(l.edges.filter((e) => e.kind === 'link')).toHaveLength(0);
  });

  it('draws a restarted child as the same node, one generation up', () => {
    const { node, state } = live(sup('root', {}, [worker('a'), worker('b')]));
    const before = byPath(layout(state), 'root/a');
    node.crash(at(state, 'root/a').pid, 'boom').settle();
    const after = layout(applyBatch(state, node.batch()));
    const a = byPath(after, 'root/a');
    expect(a.id).toBe(before.id);
    expect(a.pid).not.toBe(before.pid);
    expect(a.generation).toBe(1);
    expect(a.ariaLabel).toBe('worker a, waiting, restarted 1 time');
    expect(after.nodes).toHaveLength(3);
  });

  it('draws links and monitors between processes, once per pair', () => {
    const { node, state } = live(sup('root', {}, [worker('a'), worker('b'), worker('c')]));
    const [a, b, c] = ['a', 'b', 'c'].map((id) => at(state, `root/${id}`));
    node
      .cast(a!.pid, ['link', c!.pid])
      .cast(b!.pid, ['monitor', c!.pid])
      .cast(b!.pid, ['monitor', c!.pid])
      .settle();
    const l = layout(applyBatch(state, node.batch()));
    const links = l.edges.filter((e) => e.kind === 'link');
    expect(links).toEqual([
      {
        id: 'l:0:root/a|0:root/c',
        kind: 'link',
        source: '0:root/a',
        target: '0:root/c',
        count: 1,
        // a–c passes b: the arc bows round it (edges.ts clearBow).
        bow: expect.any(Number),
      },
    ]);
    expect(links[0]?.bow).not.toBe(0.15);
    const monitors = l.edges.filter((e) => e.kind === 'monitor');
    expect(monitors).toEqual([
      {
        id: 'm:0:root/b>0:root/c',
        kind: 'monitor',
        source: '0:root/b',
        target: '0:root/c',
        count: 2,
        bow: 0.15,
      },
    ]);
  });

  it('folds more than 50 identical children into one counted node', () => {
    const state = applyEvents(initialViewState(), 0, synthetic(0, 0, 940, true));
    const l = layout(state);
    expect(l.nodes).toHaveLength(2);
    const group = l.nodes[1]!;
    expect(group).toMatchObject({
      kind: 'group',
      count: 940,
      label: '×940 counter, waiting',
      path: 'root/*counter',
      pid: undefined,
    });
    expect(group.members).toHaveLength(940);
    expect(group.ariaLabel).toBe('940 counter workers, waiting, folded');
    expect(l.byPid.get(group.members[17]!)).toBe(group.id);
    // The selection is never folded away; an unfolded group shows every member.
    const pinned = layout(state, { pinned: new Set([group.members[17]!]) });
    expect(pinned.nodes).toHaveLength(3);
    expect(layout(state, { expanded: new Set([group.path]) }).nodes).toHaveLength(941);
    expect(layout(state, { foldThreshold: 1000 }).nodes).toHaveLength(941);
  });

  it('folds running and waiting members together and counts the running; the dead apart', () => {
    const base = applyEvents(initialViewState(), 0, synthetic(0, 0, 940, true));
    const keys = [...base.processes.values()].filter((p) => p.kind === 'worker').map((p) => p.pid);
    const t = 1;
    const busy = applyEvents(base, 0, [
      ...keys
        .slice(0, 12)
        .map((to) => ({ type: 'send', t, from: undefined, to, msg: 'x' }) as const),
      { type: 'exit', t, pid: keys[20]!, reason: 'boom' },
      { type: 'exit', t, pid: keys[21]!, reason: 'boom' },
    ]);
    const l = layout(busy);
    const live = byPath(l, 'root/*counter');
    expect(live).toMatchObject({
      kind: 'group',
      count: 938,
      status: 'running',
      label: '×938 counter, 12 running',
      ariaLabel: '938 counter workers, 12 running, folded',
    });
    expect(byPath(l, 'root/*counter:dead')).toMatchObject({ count: 2, label: '×2 counter, dead' });
  });

  it('opens a big group a page of 1,000 members at a time; the rest stay folded', () => {
    const state = applyEvents(initialViewState(), 0, synthetic(0, 0, 2500, true));
    const once = layout(state, { expanded: new Set(['root/*counter']) });
    expect(once.nodes.filter((n) => n.kind === 'worker')).toHaveLength(1000);
    expect(byPath(once, 'root/*counter@1000')).toMatchObject({ kind: 'group', count: 1500 });
    const twice = layout(state, { expanded: new Set(['root/*counter', 'root/*counter@1000']) });
    expect(twice.nodes.filter((n) => n.kind === 'worker')).toHaveLength(2000);
    expect(byPath(twice, 'root/*counter@2000')).toMatchObject({ kind: 'group', count: 500 });
  });

  it('packs a long run of leaves into rows under their parent, edges to the first row only', () => {
    const state = applyEvents(initialViewState(), 0, synthetic(0, 0, 940, true));
    const l = layout(state, { foldThreshold: 1000 });
    const leaves = l.nodes.filter((n) => n.depth >= 1);
    expect(leaves).toHaveLength(940);
    expect(new Set(leaves.map((n) => `${n.x},${n.y}`)).size).toBe(940);
    const cols = leaves.filter((n) => n.gridRow === 0).length;
    expect(cols).toBe(Math.ceil(Math.sqrt(940 * 3)));
    expect(l.width).toBeLessThan(cols * 64 + 200);
    expect(l.edges.filter((e) => e.kind === 'supervision')).toHaveLength(cols);
    // Start order reads left to right, row by row.
    const order = [...leaves].sort((a, b) => a.y - b.y || a.x - b.x).map((n) => n.path);
    expect(order.slice(0, 3)).toEqual(['root/#1', 'root/#2', 'root/#3']);
    expect(order[cols]).toBe(`root/#${cols + 1}`);
  });

  it('keeps 10,000 processes usable by folding harder, under the node budget', () => {
    const state = applyEvents(initialViewState(), 0, synthetic(0, 200, 50));
    expect(state.processes.size).toBe(1 + 200 + 200 * 50);
    const l = layout(state);
    expect(l.nodes.length).toBeLessThanOrEqual(1500);
    expect(l.foldThreshold).toBeLessThan(50);
    expect(l.nodes.filter((n) => n.kind === 'group').reduce((s, n) => s + n.count, 0)).toBe(10_000);
    expect(new Set(l.nodes.map((n) => `${n.x},${n.y}`)).size).toBe(l.nodes.length);
  });

  it('places each BEAM node in its own region, side by side', () => {
    let state = applyEvents(initialViewState(), 0, synthetic(0, 2, 3));
    state = applyEvents(state, 1, synthetic(1, 1, 2));
    const l = layout(state);
    expect(l.regions.map((r) => r.node)).toEqual([0, 1]);
    const [r0, r1] = l.regions;
    expect(r0!.x + r0!.width).toBeLessThan(r1!.x);
    for (const n of l.nodes) {
      const r = l.regions.find((x) => x.node === n.node)!;
      expect(n.x).toBeGreaterThan(r.x);
      expect(n.x).toBeLessThan(r.x + r.width);
      expect(n.y).toBeGreaterThan(r.y);
      expect(n.y).toBeLessThan(r.y + r.height);
    }
    expect(l.nodes.filter((n) => n.path === 'root').map((n) => n.id)).toEqual(['0:root', '1:root']);
  });

  it('is deterministic: the same events give the same layout', () => {
    const run = (): Layout => {
      const { node, state } = live(
        sup('root', { strategy: 'rest_for_one' }, [worker('a'), worker('b'), worker('c')]),
      );
      node.crash(at(state, 'root/b').pid, 'boom').settle();
      return layout(applyBatch(state, node.batch()));
    };
    const one = run();
    const two = run();
    expect(two.nodes).toEqual(one.nodes);
    expect(two.edges).toEqual(one.edges);
    expect(two.regions).toEqual(one.regions);
  });
});
