import './sandbox/install';
import { afterEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../runtime';
import { BATCH_CAPS } from './eventBatcher';
import type { Cluster } from './client';
import { createCluster } from './client';
import { inThreadTransport } from './inThreadTransport';
import type { NodeEvent, NodeLimits, UserModule } from './protocol';
import { sup, worker } from './testing/hostHarness';
import { FLOOD_SOURCES } from './testing/floodModules';

type Batch = Extract<NodeEvent, { type: 'batch' }>;

/** Hostile modules, as a person could write them. */
const MODULES: UserModule[] = (['log_flood', 'fork_bomb', 'hoarder'] as const).map((name) => ({
  name,
  source: FLOOD_SOURCES[name],
}));

let cluster: Cluster | undefined;
afterEach(() => {
  cluster?.dispose();
  cluster = undefined;
});

/** Node 1 with one hostile worker beside a counter, run in this thread in real time for `ms`. */
async function run(behaviour: string, ms: number, limits?: NodeLimits) {
  // Temporary: its supervisor does not restart it, so the test sees one death and a healthy rest.
  cluster = createCluster({ makeTransport: () => inThreadTransport({ defaultSpeed: 10 }) });
  const batches: Batch[] = [];
  const errors: string[] = [];
  cluster.onEvent((_, ev) => {
    if (ev.type === 'batch') batches.push(ev);
    if (ev.type === 'error') errors.push(ev.message);
  });
  await cluster.startNode(
    {
      id: 1,
      name: 'n1',
      root: sup('app', [
        worker('count', 'counter', { name: 'count' }),
        worker('h', behaviour, { restart: 'temporary' }),
      ]),
    },
    { flavour: 'erlang', modules: MODULES, seed: 1, ...(limits ? { limits } : {}) },
  );
  await new Promise((r) => setTimeout(r, ms));
  const of = (type: TraceEvent['type']) =>
    batches.map((b) => b.events.filter((e) => e.type === type).length);
  const skipped = (type: TraceEvent['type']) =>
    batches.reduce((n, b) => n + (b.skipped?.[type] ?? 0), 0);
  return { cluster, batches, errors, of, skipped };
}

describe('floods from a node', () => {
  it('a log flood: log lines capped per batch and counted; the node still answers', async () => {
    const r = await run('log_flood', 400);
    const logs = r.of('log');
    expect(Math.max(...logs)).toBeLessThanOrEqual(BATCH_CAPS.log.burst);
    expect(logs.slice(2).every((n) => n <= BATCH_CAPS.log.perBatch)).toBe(true);
    expect(r.skipped('log')).toBeGreaterThan(10_000);
    await expect(r.cluster.call(1, 'count', 'get')).resolves.toBe(0);
  });

  it('a fork bomb: held at the process limit, spawns capped and counted; the node still answers', async () => {
    const r = await run('fork_bomb', 500, { maxProcesses: 3_000 });
    // Plain processes: their own, smaller burst.
    expect(Math.max(...r.of('spawn'))).toBeLessThanOrEqual(BATCH_CAPS.process.burst);
    expect(r.skipped('spawn')).toBeGreaterThan(0);
    const counts = r.batches.map((b) => b.processes ?? 0);
    expect(Math.max(...counts)).toBeLessThanOrEqual(3_000);
    expect(Math.max(...counts)).toBeGreaterThan(2_900);
    const logs = r.batches.flatMap((b) => b.events.filter((e) => e.type === 'log'));
    expect(logs.some((e) => e.text.startsWith('spawn failed: system_limit'))).toBe(true);
    await expect(r.cluster.call(1, 'count', 'get')).resolves.toBe(0);
  });

  it('a state over the limit: that process is killed with a report, its neighbour is fine', async () => {
    const r = await run('hoarder', 300, { maxStateTerms: 20_000 });
    const events = r.batches.flatMap((b) => b.events);
    const log = events.find((e) => e.type === 'log' && e.text.startsWith('killed: state'));
    expect(log).toMatchObject({
      text: 'killed: state over 20,000 terms (maximum heap size reached, like max_heap_size)',
    });
    expect(events.filter((e) => e.type === 'exit' && e.reason === 'killed').length).toBeGreaterThan(
      0,
    );
    await expect(r.cluster.call(1, 'count', 'get')).resolves.toBe(0);
  });

  it('refuses a bad limit at boot with a message that names it', async () => {
    cluster = createCluster({ makeTransport: () => inThreadTransport() });
    await expect(
      cluster.startNode(
        { id: 1, name: 'n1', root: sup('app', []) },
        { flavour: 'erlang', modules: [], seed: 1, limits: { maxProcesses: -3 } },
      ),
    ).rejects.toThrow('boot: limit maxProcesses must be a positive integer, got -3');
  });
});
