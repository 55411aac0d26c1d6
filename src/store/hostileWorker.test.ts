import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Term } from '../runtime';
import { createCluster } from '../worker/client';
import type { Command, NodeEvent, Transport } from '../worker/protocol';
import { sup, worker } from '../worker/testing/hostHarness';
import { createPlaygroundStore } from './vanilla';

/**
 * A worker runs a person's code, so it can post anything. Random protocol
 * messages — valid, mutated and garbage — go through the client's receive
 * path and the store's fold exactly as on the page: nothing throws, and
 * node 1 cannot change what the page shows of node 2.
 */

/** A node the test speaks for. */
class Puppet implements Transport {
  private listeners: ((ev: NodeEvent) => void)[] = [];
  readonly got: Command[] = [];
  post(cmd: Command): void {
    this.got.push(cmd);
  }
  onEvent(fn: (ev: NodeEvent) => void): () => void {
    this.listeners.push(fn);
    return () => (this.listeners = this.listeners.filter((l) => l !== fn));
  }
  terminate(): void {
    this.listeners = [];
  }
  send(ev: unknown): void {
    for (const l of this.listeners) l(ev as NodeEvent);
  }
}

const pid = fc.record({
  node: fc.oneof(fc.constantFrom(1, 2), fc.integer()),
  id: fc.integer({ min: 0, max: 12 }),
});
const localPid = (node: number) => fc.record({ node: fc.constant(node), id: fc.nat(12) });
const term: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  t: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.constant(undefined),
    pid,
    fc.array(tie('t'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('t'), { maxKeys: 3 }),
  ),
})).t;
const t = fc.oneof(fc.nat(10_000), fc.double());
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Trace events shaped as the protocol says, about node `n`'s processes (mostly). */
const traceEvent = (n: number): fc.Arbitrary<Record<string, unknown>> => {
  const p = fc.oneof({ weight: 4, arbitrary: localPid(n) }, { weight: 1, arbitrary: pid });
  return fc.oneof(
    fc.record({
      type: fc.constant('spawn'),
      t,
      pid: p,
      parent: maybe(p),
      behaviour: fc.constantFrom('supervisor', 'gen_server:counter', 'shell', 'x'),
      linked: fc.boolean(),
    }),
    fc.record({ type: fc.constant('exit'), t, pid: p, reason: term }),
    fc.record({
      type: fc.constantFrom('send', 'send_dropped'),
      t,
      from: maybe(p),
      to: p,
      msg: term,
    }),
    fc.record({ type: fc.constant('receive'), t, pid: p, msg: term }),
    fc.record({ type: fc.constantFrom('link', 'unlink'), t, a: p, b: p }),
    fc.record({
      type: fc.constantFrom('monitor', 'demonitor'),
      t,
      ref: pid,
      watcher: p,
      target: p,
    }),
    fc.record({ type: fc.constant('down'), t, ref: pid, watcher: p, target: p, reason: term }),
    fc.record({
      type: fc.constant('exit_signal'),
      t,
      from: maybe(p),
      to: p,
      reason: term,
      link: fc.boolean(),
      outcome: fc.constantFrom('trapped', 'ignored', 'dies'),
    }),
    fc.record({ type: fc.constant('trap_exit'), t, pid: p, on: fc.boolean() }),
    fc.record({ type: fc.constantFrom('register', 'unregister'), t, pid: p, name: fc.string() }),
    fc.record({
      type: fc.constant('init'),
      t,
      pid: p,
      result: fc.constantFrom('ok', 'ignore', 'stop'),
      reason: maybe(term),
    }),
    fc.record({ type: fc.constant('state'), t, pid: p }),
    fc.record({ type: fc.constant('crash_report'), t, pid: p, reason: term }),
    fc.record({
      type: fc.constant('supervisor_report'),
      t,
      sup: p,
      context: fc.constantFrom('child_terminated', 'start_error', 'shutdown_error', 'shutdown'),
      reason: term,
      childId: maybe(fc.constantFrom('a', 'b', '#1')),
      childPid: maybe(p),
    }),
    fc.record({
      type: fc.constant('child_started'),
      t,
      sup: p,
      childId: maybe(fc.constantFrom('a', 'b', 'c')),
      pid: p,
    }),
    fc.record({
      type: fc.constant('child_deleted'),
      t,
      sup: p,
      childId: fc.constantFrom('a', 'b'),
    }),
    fc.record({
      type: fc.constant('restart'),
      t,
      sup: p,
      childId: maybe(fc.constantFrom('a', 'b')),
      restarts: fc.nat(5),
      intensity: fc.nat(5),
      period: fc.nat(10),
    }),
    fc.record({
      type: fc.constant('supervisor_gave_up'),
      t,
      sup: p,
      why: fc.constantFrom('reached_max_restart_intensity', 'auto_shutdown'),
    }),
    fc.record({ type: fc.constant('log'), t, pid: p, text: fc.string() }),
  );
};

/** A valid object with one field replaced by anything, or removed. */
const mutated = (a: fc.Arbitrary<Record<string, unknown>>) =>
  fc.tuple(a, fc.nat(), fc.anything(), fc.boolean()).map(([o, i, junk, drop]) => {
    const keys = Object.keys(o);
    const k = keys[i % keys.length] as string;
    const copy = { ...o };
    if (drop) delete copy[k];
    else copy[k] = junk;
    return copy;
  });

const anyEvent = (n: number) =>
  fc.oneof(
    { weight: 6, arbitrary: traceEvent(n) },
    { weight: 2, arbitrary: mutated(traceEvent(n)) },
    { weight: 1, arbitrary: fc.anything() },
  );

const batch = (n: number) =>
  fc.record({
    type: fc.constant('batch'),
    node: fc.oneof({ weight: 5, arbitrary: fc.constant(n) }, { weight: 1, arbitrary: fc.nat(3) }),
    now: t,
    events: fc.array(anyEvent(n), { maxLength: 30 }),
    summary: maybe(fc.record({ sends: fc.nat(), receives: fc.nat(), dropped: fc.nat() })),
    states: fc.array(fc.record({ pid: localPid(n), state: term }), { maxLength: 3 }),
    skipped: maybe(fc.dictionary(fc.constantFrom('log', 'spawn', 'exit', 'link'), fc.nat())),
    processes: maybe(fc.nat()),
  });

const message = (n: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 8, arbitrary: batch(n) },
    { weight: 2, arbitrary: mutated(batch(n)) },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constant('ready'), version: fc.nat(2), node: fc.nat(3) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('reply'),
        rid: fc.nat(5),
        ok: fc.boolean(),
        value: term,
        error: fc.string(),
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('pong'), seq: fc.nat(5) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('error'),
        message: fc.string(),
        fatal: maybe(fc.constant(false)),
      }),
    },
    { weight: 1, arbitrary: fc.anything() },
  );

async function page() {
  const puppets = new Map<number, Puppet>();
  const cluster = createCluster({
    makeTransport: (id) => {
      const p = new Puppet();
      puppets.set(id, p);
      return p;
    },
    makeChannel: () => ({ port1: {} as MessagePort, port2: {} as MessagePort }),
  });
  const view = createPlaygroundStore();
  cluster.onEvent((node, ev) => view.getState().ingest(ev, node));
  cluster.onCluster((ev) => view.getState().ingestCluster(ev));
  for (const id of [1, 2]) {
    view.getState().addNode({ id, name: `node${id}`, rootId: 'app' });
    const started = cluster.startNode(
      { id, name: `node${id}`, root: sup('app', [worker('c', 'counter')]) },
      { flavour: 'erlang', modules: [], seed: 1 },
    );
    const p = puppets.get(id) as Puppet;
    const boot = p.got.find((c) => c.type === 'boot') as { rid: number };
    p.send({ type: 'ready', version: 1, node: id });
    p.send({
      type: 'reply',
      rid: boot.rid,
      ok: true,
      value: { node: id, id: 2 } as unknown as Term,
    });
    await started;
  }
  return { cluster, view, puppet: (id: number) => puppets.get(id) as Puppet };
}

describe('a hostile worker', () => {
  it('never makes the page throw, whatever the nodes post', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(1, 2), fc.nat()), { minLength: 1, maxLength: 25 }),
        fc.array(message(1), { minLength: 25, maxLength: 25 }),
        fc.array(message(2), { minLength: 25, maxLength: 25 }),
        async (plan, from1, from2) => {
          const { cluster, view, puppet } = await page();
          try {
            plan.forEach(([node], i) => {
              const msg = (node === 1 ? from1 : from2)[i];
              expect(() => puppet(node).send(msg)).not.toThrow();
            });
            const s = view.getState();
            expect(s.processes.size).toBeGreaterThanOrEqual(0);
          } finally {
            cluster.dispose();
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it("cannot touch what the page shows of another node's processes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(message(1), { minLength: 1, maxLength: 40 }), async (msgs) => {
        const { cluster, view, puppet } = await page();
        try {
          for (const m of msgs) puppet(1).send(m);
          const s = view.getState();
          expect([...s.processes.values()].filter((p) => p.node === 2)).toEqual([]);
          expect(s.nodes.get(2)?.status).toBe('up');
        } finally {
          cluster.dispose();
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
