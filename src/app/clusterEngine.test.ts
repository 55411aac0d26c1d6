import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSplit } from '../store/selectors';
import { at } from '../store/testing/find';
import { LiveNode, sup, worker } from '../store/testing/liveNode';
import { createPlaygroundStore } from '../store/vanilla';
import { FakeNode, fakeChannel } from '../worker/testing/fakeNode';
import type { NodeSpecData, Workspace } from '../worker/protocol';
import { createClusterEngine } from './clusterEngine';

const spec = (id: number): NodeSpecData => ({
  id,
  name: `node${id}`,
  root: { kind: 'supervisor', id: `sup${id}`, strategy: 'one_for_one', children: [] },
});
const workspace: Workspace = {
  version: 1,
  flavour: 'erlang',
  nodes: [spec(1), spec(2)],
  modules: [],
  seed: 1,
};

/** An engine over the real cluster client, whose nodes the test plays (no Workers). */
function setup() {
  const view = createPlaygroundStore();
  const nodes = new Map<number, FakeNode>();
  const answers = new Map<number, { pong: boolean }>();
  const engine = createClusterEngine(view, {
    makeTransport: (id) => {
      const auto = { pong: true };
      answers.set(id, auto);
      const n = new FakeNode(auto);
      nodes.set(id, n);
      return n;
    },
    makeChannel: fakeChannel,
  });
  const notices: string[] = [];
  engine.onNotice((text) => notices.push(text));
  const node = (id: number): FakeNode => nodes.get(id) as FakeNode;
  return { view, engine, node, answers, notices };
}

describe('cluster engine: what the client reports goes through the store fold', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows nodes starting, up, connected, split and healed', () => {
    const { view, engine, node } = setup();
    engine.start(workspace, 1);
    expect(view.getState().nodes.get(1)?.status).toBe('starting');
    // The client connects every pair before booting, and the store remembers the peers.
    expect(view.getState().nodes.get(1)?.peers).toEqual([2]);
    node(1).boot(1);
    node(2).boot(2);
    expect(view.getState().nodes.get(2)?.status).toBe('up');
    expect(isSplit(view.getState(), 1, 2)).toBe(false);

    engine.netsplit(1, 2);
    expect(isSplit(view.getState(), 1, 2)).toBe(true);
    expect(view.getState().log.at(-1)?.text).toBe('node1 and node2 disconnected (netsplit)');
    engine.heal(1, 2);
    expect(isSplit(view.getState(), 1, 2)).toBe(false);
    expect(view.getState().nodes.get(2)?.peers).toEqual([1]);
    engine.stop();
  });

  it('a node the person stops is down, quietly; one the watchdog kills is unresponsive, loudly', () => {
    vi.useFakeTimers();
    const { view, engine, node, answers, notices } = setup();
    engine.start(workspace, 1);
    node(1).boot(1);
    node(2).boot(2);

    engine.stopNode(2, 'stopped');
    expect(view.getState().nodes.get(2)).toMatchObject({ status: 'down', downReason: 'stopped' });
    expect(view.getState().nodes.get(1)?.peers).toEqual([]);
    expect(notices).toEqual([]);

    (answers.get(1) as { pong: boolean }).pong = false;
    vi.advanceTimersByTime(3_000);
    const n1 = view.getState().nodes.get(1);
    expect(n1?.status).toBe('unresponsive');
    expect(n1?.downReason).toMatch(/^unresponsive: /);
    expect(notices).toEqual([`node 1 is down: ${n1?.downReason}`]);
    engine.stop();
  });
});

describe('cluster engine: resolving what an action names', () => {
  const tree = sup('app', { strategy: 'one_for_one', intensity: 5 }, [
    worker('counter'),
    sup('db_sup', { strategy: 'one_for_all' }, [worker('cache')]),
  ]);

  function fed() {
    const { view, engine } = setup();
    const live = new LiveNode(1).start(tree);
    // A path starts at the node's root id, as the engine registers it when it boots a node.
    view.getState().addNode({ id: 1, name: 'node1', rootId: 'app' });
    view.getState().ingest(live.batch());
    return { view, engine, live };
  }

  it('resolves a pid key and a path to the same live process', () => {
    const { view, engine } = fed();
    const cache = at(view.getState(), 'app/db_sup/cache');
    const byPath = engine.resolve('app/db_sup/cache');
    expect(byPath).toEqual({ node: 1, pid: cache.pid, key: cache.key });
    expect(engine.resolve(cache.key)).toEqual(byPath);
    expect(engine.pathOf(cache.key)).toBe('app/db_sup/cache');
  });

  it('finds nothing for an unknown path, an unknown pid or a dead process', () => {
    const { view, engine, live } = fed();
    expect(engine.resolve('app/nope')).toBeUndefined();
    expect(engine.resolve('<1.999.0>')).toBeUndefined();
    const old = at(view.getState(), 'app/counter');
    view.getState().ingest(live.crash(old.pid, 'boom').settle().batch());
    // The dead pid no longer resolves; its path now names the restarted child.
    expect(engine.resolve(old.key)).toBeUndefined();
    const now = engine.resolve('app/counter');
    expect(now?.key).not.toBe(old.key);
    expect(now?.key).toBe(at(view.getState(), 'app/counter').key);
  });
});
