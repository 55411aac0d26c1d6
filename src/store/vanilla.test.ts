import { describe, expect, it } from 'vitest';
import { filterLog, isSplit, pathOf } from './selectors';
import { at } from './testing/find';
import { LiveNode, sup, worker } from './testing/liveNode';
import { createPlaygroundStore } from './vanilla';

const tree = sup('app', { strategy: 'one_for_one', intensity: 5 }, [worker('cache'), worker('db')]);

describe('createPlaygroundStore', () => {
  it('gives each playground its own store', () => {
    const one = createPlaygroundStore();
    const two = createPlaygroundStore();
    one.getState().ingest(new LiveNode(0).start(tree).batch());
    expect(one.getState().processes.size).toBeGreaterThan(0);
    expect(two.getState().processes.size).toBe(0);
  });

  it('folds batches, names paths by the node root id, and keeps the selection on a restarted child', () => {
    const store = createPlaygroundStore({ deadLingerMs: 60_000 });
    const live = new LiveNode(0);
    store.getState().addNode({ id: 0, name: 'a@playground', rootId: 'app' });
    store.getState().ingest({ type: 'ready', version: 1, node: 0 });
    store.getState().ingest(live.start(tree).batch());
    const cache = at(store.getState(), 'app/cache');
    expect(pathOf(store.getState(), cache.key)).toBe('app/cache');
    store.getState().select(cache.key);
    live.crash(cache.pid, 'boom').settle();
    store.getState().ingest(live.batch());
    const s = store.getState();
    expect(s.selected).not.toBe(cache.key);
    expect(s.selected).toBe(at(s, 'app/cache').key);
    expect(s.processes.get(s.selected!)?.generation).toBe(1);
  });

  it('keeps `structure` counting up across a reset, so a layout memoised on it is not reused', () => {
    const store = createPlaygroundStore();
    store.getState().ingest(new LiveNode(0).start(tree).batch());
    const before = store.getState().structure;
    store.getState().reset();
    expect(store.getState().processes.size).toBe(0);
    expect(store.getState().structure).toBeGreaterThan(before);
  });

  it('notifies subscribers once per batch', () => {
    const store = createPlaygroundStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.getState().ingest(new LiveNode(0).start(tree).batch());
    expect(calls).toBe(1);
    store.getState().ingest({ type: 'pong', seq: 1 });
    expect(calls).toBe(1);
  });

  it('marks every process on a node that went down dead, with the reason', () => {
    const store = createPlaygroundStore();
    store.getState().ingest(new LiveNode(0).start(tree).batch());
    store.getState().ingestCluster({
      type: 'node_down',
      node: 0,
      reason: 'watchdog: not responding for 1000 ms',
    });
    const s = store.getState();
    expect(s.nodes.get(0)).toMatchObject({
      status: 'down',
      downReason: 'watchdog: not responding for 1000 ms',
    });
    const live = [...s.processes.values()].filter((p) => p.status !== 'dead');
    expect(live).toEqual([]);
    expect(at(s, 'root/cache').exitReason).toBe('watchdog: not responding for 1000 ms');
    expect(s.log.at(-1)?.text).toBe('node node0 down: watchdog: not responding for 1000 ms');
    // A restarted node starts over: its old processes are forgotten.
    store.getState().ingest({ type: 'ready', version: 1, node: 0 });
    expect(store.getState().processes.size).toBe(0);
    expect(store.getState().nodes.get(0)?.status).toBe('up');
  });

  it('folds cluster events: the watchdog marks a node unresponsive, netsplits are logged', () => {
    const store = createPlaygroundStore();
    store.getState().addNode({ id: 1, name: 'a@play' });
    store.getState().addNode({ id: 2, name: 'b@play' });
    store.getState().ingest(new LiveNode(2).start(tree).batch());
    store.getState().ingestCluster({ type: 'node_up', node: 1 });
    store.getState().ingestCluster({ type: 'node_up', node: 2 });
    store.getState().ingestCluster({ type: 'nodes_connected', a: 1, b: 2 });
    expect(store.getState().nodes.get(1)?.peers).toEqual([2]);
    store.getState().ingestCluster({ type: 'nodes_disconnected', a: 1, b: 2, why: 'netsplit' });
    expect(store.getState().nodes.get(2)?.peers).toEqual([]);
    expect(isSplit(store.getState(), 1, 2)).toBe(true);
    store.getState().ingestCluster({ type: 'nodes_connected', a: 1, b: 2 });
    expect(isSplit(store.getState(), 1, 2)).toBe(false);
    store.getState().ingestCluster({ type: 'nodes_disconnected', a: 1, b: 2, why: 'netsplit' });
    expect(store.getState().log.at(-1)?.text).toBe('a@play and b@play disconnected (netsplit)');
    store
      .getState()
      .ingestCluster({ type: 'node_down', node: 2, reason: 'unresponsive: no answer for 1000 ms' });
    const s = store.getState();
    expect(s.nodes.get(2)).toMatchObject({
      status: 'unresponsive',
      downReason: 'unresponsive: no answer for 1000 ms',
    });
    expect([...s.processes.values()].every((p) => p.status === 'dead')).toBe(true);
  });

  it('keeps UI state: speed clamped to 0.1–10, pause, log filter', () => {
    const store = createPlaygroundStore();
    store.getState().setSpeed(50);
    expect(store.getState().speed).toBe(10);
    store.getState().setSpeed(0);
    expect(store.getState().speed).toBe(0.1);
    store.getState().setPaused(true);
    expect(store.getState().paused).toBe(true);

    const live = new LiveNode(0).start(tree);
    store.getState().ingest(live.batch());
    live.crash(at(store.getState(), 'root/db').pid, 'boom').settle();
    store.getState().ingest(live.batch());
    store.getState().setLogFilter({ categories: new Set(['report']), text: 'errorContext' });
    const s = store.getState();
    expect(filterLog(s.log, s.logFilter).map((e) => e.text)).toEqual([
      expect.stringMatching(/^SUPERVISOR REPORT .*errorContext: child_terminated reason: boom/),
    ]);
    store.getState().reset();
    expect(store.getState().processes.size).toBe(0);
    expect(store.getState().speed).toBe(0.1);
  });
});
