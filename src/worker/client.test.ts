import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Term, TraceEvent } from '../runtime';
import type { ClusterEvent, Command, NodeEvent, NodeSpecData } from './protocol';
import type { WirePid } from '../base';
import { pidKey } from '../base';
import { createCluster, defaultTransport } from './client';
import { inThreadTransport } from './inThreadTransport';
import { FakeNode, fakeChannel } from './testing/fakeNode';
import { sup, worker } from './testing/hostHarness';

const spec = (id: number): NodeSpecData => ({
  id,
  name: `n${id}`,
  root: sup('app', [worker('c', 'counter', { name: 'count' })]),
});
const BOOT = { flavour: 'erlang' as const, modules: [], seed: 1 };

describe('cluster client with fake nodes', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function fakeCluster(pong: (id: number) => boolean) {
    const nodes = new Map<number, FakeNode[]>();
    const events: ClusterEvent[] = [];
    const cluster = createCluster({
      makeTransport: (id) => {
        const n = new FakeNode({ pong: pong(id) });
        nodes.set(id, [...(nodes.get(id) ?? []), n]);
        return n;
      },
      makeChannel: fakeChannel,
    });
    cluster.onCluster((e) => events.push(e));
    const node = (id: number): FakeNode => nodes.get(id)?.at(-1) as FakeNode;
    return { cluster, node, nodes, events };
  }

  it('boots a node and resolves with the root pid; requests are answered by rid', async () => {
    const { cluster, node, events } = fakeCluster(() => true);
    const started = cluster.startNode(spec(1), BOOT);
    node(1).boot(1);
    await expect(started).resolves.toEqual({ node: 1, id: 2 });
    expect(events).toEqual([
      { type: 'node_starting', node: 1 },
      { type: 'node_up', node: 1 },
    ]);
    const call = cluster.call(1, 'count', 'get');
    const sent = node(1).got.at(-1) as Extract<Command, { type: 'call' }>;
    expect(sent).toMatchObject({ type: 'call', to: 'count', request: 'get' });
    node(1).send({
      type: 'reply',
      rid: sent.rid,
      ok: false,
      error: 'call to count failed: noproc',
    });
    await expect(call).rejects.toThrow('call to count failed: noproc');
    cluster.dispose();
  });

  it('terminates a node that stops answering, reports why, and restarts it on request', async () => {
    vi.useFakeTimers();
    let hung = false;
    const { cluster, node, nodes, events } = fakeCluster(() => !hung);
    const peer = cluster.startNode(spec(2), BOOT);
    node(2).boot(2);
    await peer;
    hung = true;
    void cluster.startNode(spec(1), BOOT);
    node(1).boot(1);
    const pending = expect(cluster.call(1, 'count', 'get')).rejects.toThrow(
      /node 1 is down: unresponsive/,
    );
    await vi.advanceTimersByTimeAsync(1300);
    expect(node(1).terminated).toBe(true);
    expect(cluster.status(1)).toMatchObject({
      status: 'down',
      reason: 'unresponsive: no heartbeat for 1.0 s — a process may be in an endless loop',
    });
    await pending;
    expect(events).toContainEqual({
      type: 'node_down',
      node: 1,
      reason: expect.stringMatching(/^unresponsive: no heartbeat/),
    });
    // Its peer is told, so links to it fire noconnection there.
    expect(node(2).got.filter((c) => c.type === 'disconnect')).toEqual([
      { type: 'disconnect', peer: 1 },
    ]);
    hung = false;
    const again = cluster.restartNode(1);
    expect(nodes.get(1)).toHaveLength(2);
    node(1).boot(1);
    await expect(again).resolves.toEqual({ node: 1, id: 2 });
    expect(node(1).types()).toEqual(['connect', 'boot']);
    await vi.advanceTimersByTimeAsync(3000);
    expect(cluster.status(1)?.status).toBe('up');
    cluster.dispose();
  });

  it('wires a channel between every pair, and cuts and heals it on a netsplit', async () => {
    const { cluster, node, events } = fakeCluster(() => true);
    for (const id of [1, 2, 3]) {
      const p = cluster.startNode(spec(id), BOOT);
      node(id).boot(id);
      await p;
    }
    const connects = (id: number) =>
      node(id)
        .got.filter((c) => c.type === 'connect')
        .map((c) => (c as { peer: number }).peer);
    expect(connects(1)).toEqual([2, 3]);
    expect(connects(3)).toEqual([1, 2]);
    cluster.netsplit(1, 3);
    expect(node(1).got.at(-1)).toEqual({ type: 'disconnect', peer: 3 });
    expect(node(3).got.at(-1)).toEqual({ type: 'disconnect', peer: 1 });
    cluster.heal(1, 3);
    expect(connects(1)).toEqual([2, 3, 3]);
    expect(events.filter((e) => e.type.startsWith('nodes_')).map((e) => e.type)).toEqual([
      'nodes_connected',
      'nodes_connected',
      'nodes_connected',
      'nodes_disconnected',
      'nodes_connected',
    ]);
    cluster.stopNode(2);
    expect(node(1).got.at(-1)).toEqual({ type: 'disconnect', peer: 2 });
    expect(cluster.status(2)).toMatchObject({ status: 'stopped', reason: 'stopped' });
    cluster.dispose();
  });

  it('applies speed and pause to every node, including ones started later', async () => {
    const { cluster, node } = fakeCluster(() => true);
    const p = cluster.startNode(spec(1), BOOT);
    node(1).boot(1);
    await p;
    cluster.setSpeed(2);
    cluster.pause();
    const second = cluster.startNode(spec(2), BOOT).catch((e: Error) => e.message);
    expect(node(1).types()).toEqual(['boot', 'set_speed', 'pause', 'connect']);
    expect(node(2).types()).toEqual(['connect', 'set_speed', 'boot', 'pause']);
    cluster.dispose();
    await expect(second).resolves.toBe('node 2 is stopped: disposed');
  });
});

describe('cluster client: nothing from a worker is trusted', () => {
  async function upCluster(ids: number[]) {
    const nodes = new Map<number, FakeNode>();
    const cluster = createCluster({
      makeTransport: (id) => {
        const n = new FakeNode({ pong: true });
        nodes.set(id, n);
        return n;
      },
      makeChannel: fakeChannel,
    });
    const got: [number, NodeEvent][] = [];
    const clusterEvents: ClusterEvent[] = [];
    cluster.onEvent((node, ev) => got.push([node, ev]));
    cluster.onCluster((ev) => clusterEvents.push(ev));
    for (const id of ids) {
      const p = cluster.startNode(spec(id), BOOT);
      nodes.get(id)?.boot(id);
      await p;
    }
    const node = (id: number) => nodes.get(id) as FakeNode;
    /** Posts anything as node `id` would (a worker running hostile code can post anything). */
    const raw = (id: number, ev: unknown) => node(id).send(ev as NodeEvent);
    const errors = () => got.flatMap(([n, e]) => (e.type === 'error' ? [[n, e.message]] : []));
    const batches = () => got.flatMap(([n, e]) => (e.type === 'batch' ? [[n, e]] : []));
    return { cluster, node, raw, got, errors, batches, clusterEvents };
  }
  const spawnEv = (node: number, id: number) => ({
    type: 'spawn',
    t: 1,
    pid: { node, id },
    parent: undefined,
    behaviour: 'gen_server:counter',
    linked: false,
  });
  const batchOf = (node: number, events: unknown[]) => ({
    type: 'batch',
    node,
    now: 5,
    events,
    summary: undefined,
    states: [],
  });

  it('ignores a batch from node 1 claiming to be node 2, and says so once', async () => {
    const c = await upCluster([1, 2]);
    c.got.length = 0;
    c.raw(1, batchOf(2, [{ type: 'exit', t: 1, pid: { node: 2, id: 2 }, reason: 'killed' }]));
    c.raw(1, batchOf(2, [{ type: 'exit', t: 1, pid: { node: 2, id: 3 }, reason: 'killed' }]));
    expect(c.batches()).toEqual([]);
    expect(c.errors()).toEqual([[1, 'node 1 sent a batch claiming to be node 2 (reported once)']]);
    c.cluster.dispose();
  });

  it('ignores a ready from a node that is already up (it would make its tree vanish)', async () => {
    const c = await upCluster([1]);
    c.got.length = 0;
    c.raw(1, { type: 'ready', version: 1, node: 1 });
    c.raw(1, { type: 'ready', version: 1, node: 1 });
    expect(c.got.filter(([, e]) => e.type === 'ready')).toEqual([]);
    expect(c.errors()).toEqual([[1, 'node 1 said it was ready while up; ignored (reported once)']]);
    expect(c.clusterEvents.filter((e) => e.type === 'node_up')).toHaveLength(1);
    c.cluster.dispose();
  });

  it('drops malformed and unknown events, reports each kind once, and applies the rest', async () => {
    const c = await upCluster([1]);
    c.got.length = 0;
    for (let i = 0; i < 3; i++)
      c.raw(
        1,
        batchOf(1, [
          spawnEv(1, 10 + i),
          { type: 'spawn', pid: { node: 1 } },
          { type: 'teleport', t: 1 },
          spawnEv(1, 20 + i),
        ]),
      );
    c.raw(1, 'garbage');
    c.raw(1, { type: 'pong' });
    const applied = c.batches().map(([, b]) => (b as { events: { pid: WirePid }[] }).events);
    expect(applied.map((evs) => evs.map((e) => e.pid.id))).toEqual([
      [10, 20],
      [11, 21],
      [12, 22],
    ]);
    expect(c.errors().map(([, m]) => m)).toEqual([
      expect.stringMatching(/^node 1 sent a malformed 'spawn' trace event \(t: .*reported once\)$/),
      "node 1 sent an unknown trace event 'teleport'; such events are ignored (reported once)",
      'node 1 sent a message that is not a protocol event (Invalid type: Expected Object but received "garbage") (reported once)',
    ]);
    c.cluster.dispose();
  });

  it("does not let a node answer another node's request", async () => {
    const c = await upCluster([1, 2]);
    const call = c.cluster.call(2, 'count', 'get');
    const sent = c.node(2).got.at(-1) as Extract<Command, { type: 'call' }>;
    c.raw(1, { type: 'reply', rid: sent.rid, ok: true, value: 'forged' });
    c.raw(2, { type: 'reply', rid: sent.rid, ok: true, value: 7 });
    await expect(call).resolves.toBe(7);
    c.cluster.dispose();
  });

  it('hands a big batch on in pieces a task apart, and a later reply after them', async () => {
    const c = await upCluster([1]);
    c.got.length = 0;
    const call = c.cluster.call(1, 'count', 'get');
    const sent = c.node(1).got.at(-1) as Extract<Command, { type: 'call' }>;
    const big = batchOf(
      1,
      Array.from({ length: 5000 }, (_, i) => spawnEv(1, 100 + i)),
    );
    c.raw(1, { ...big, skipped: { log: 3 } });
    c.raw(1, { type: 'reply', rid: sent.rid, ok: true, value: 1 });
    let answered = false;
    void call.then(() => (answered = true));
    // The first piece at once, the rest later; the reply waits for them.
    expect(c.batches()).toHaveLength(1);
    await Promise.resolve();
    expect(answered).toBe(false);
    await expect(call).resolves.toBe(1);
    const pieces = c.batches().map(([, b]) => b as Extract<NodeEvent, { type: 'batch' }>);
    expect(pieces.map((b) => b.events.length)).toEqual([2000, 2000, 1000]);
    expect(pieces.map((b) => b.skipped)).toEqual([undefined, undefined, { log: 3 }]);
    // Stopped mid-way: what it posted and was not handed on is dropped.
    c.raw(1, big);
    c.cluster.stopNode(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(c.batches()).toHaveLength(4);
    c.cluster.dispose();
  });

  it('shows a burst of errors, then counts the rest instead of flooding the log', async () => {
    const c = await upCluster([1]);
    c.got.length = 0;
    for (let i = 0; i < 500; i++) c.raw(1, { type: 'error', message: `oops ${i}` });
    expect(c.errors()).toHaveLength(20);
    c.cluster.dispose();
  });
});

describe('cluster client with real in-thread nodes', () => {
  const waitFor = async (cond: () => boolean, ms = 3000): Promise<void> => {
    const end = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > end) throw new Error('timed out waiting');
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it('falls back to an in-thread node where Worker does not exist (loaded on first use)', async () => {
    const t = defaultTransport();
    const events: string[] = [];
    t.onEvent((ev) => events.push(ev.type));
    t.post({ type: 'ping', seq: 1 });
    await waitFor(() => events.length > 0);
    expect(events[0]).toBe('pong');
    t.terminate();
  });

  it('sends across nodes, and a cross-node link fires noconnection when a node stops', async () => {
    const cluster = createCluster({ makeTransport: () => inThreadTransport({ defaultSpeed: 10 }) });
    const trace: [number, TraceEvent][] = [];
    cluster.onEvent((node, ev) => {
      if (ev.type === 'batch') for (const e of ev.events) trace.push([node, e]);
    });
    await cluster.startNode(spec(1), BOOT);
    await cluster.startNode(
      { id: 2, name: 'n2', root: sup('app', [worker('e', 'echo', { name: 'echo' })]) },
      BOOT,
    );
    const started = (node: number, id: string): WirePid | undefined => {
      const hit = trace.find(
        ([n, e]) => n === node && e.type === 'child_started' && e.childId === id,
      );
      return (hit?.[1] as { pid?: WirePid } | undefined)?.pid;
    };
    await waitFor(() => started(1, 'c') !== undefined && started(2, 'e') !== undefined);
    const count = started(1, 'c') as WirePid;
    const echo = started(2, 'e') as WirePid;
    // The echo on node 2 sends `increment` to the counter on node 1.
    cluster.post(2, { type: 'send', to: echo, msg: [count as unknown as Term, 'increment'] });
    await waitFor(() =>
      trace.some(([n, e]) => n === 1 && e.type === 'receive' && e.msg === 'increment'),
    );
    await expect(cluster.call(1, 'count', 'get')).resolves.toBe(1);
    // A link from the counter to the echo, across the nodes; then node 2 stops.
    cluster.post(1, { type: 'link', a: count, b: echo });
    await waitFor(() => trace.some(([n, e]) => n === 1 && e.type === 'link'));
    await new Promise((r) => setTimeout(r, 30));
    cluster.stopNode(2);
    await waitFor(() => trace.some(([n, e]) => n === 1 && e.type === 'exit'));
    const exit = trace.find(([n, e]) => n === 1 && e.type === 'exit')?.[1] as Extract<
      TraceEvent,
      { type: 'exit' }
    >;
    expect(pidKey(exit.pid as unknown as WirePid)).toBe(pidKey(count));
    expect(exit.reason).toBe('noconnection');
    // Its supervisor restarts it.
    await waitFor(
      () =>
        trace.filter(([n, e]) => n === 1 && e.type === 'child_started' && e.childId === 'c')
          .length === 2,
    );
    cluster.dispose();
  });
});
