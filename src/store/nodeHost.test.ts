import { describe, expect, it } from 'vitest';
import { HostHarness, sup, worker } from '../worker/testing/hostHarness';
import { pathOf } from './selectors';
import { at, lines } from './testing/find';
import { createPlaygroundStore } from './vanilla';

/** The worker's real node host (in-thread transport, structured clone) feeding the store. */
describe('the store fed by a node host', () => {
  const TREE = sup('app', [
    worker('count', 'counter', { name: 'count' }),
    sup('db_sup', [worker('cache', 'kv_store'), worker('c2', 'counter')], {
      strategy: 'one_for_all',
    }),
  ]);

  it('draws the booted tree by path and follows a one_for_all restart', async () => {
    const h = new HostHarness();
    const store = createPlaygroundStore({ deadLingerMs: 60_000 });
    store.getState().addNode({ id: 1, name: 'n1', rootId: 'app' });
    h.transport.onEvent((ev) => store.getState().ingest(ev, 1));
    await h.boot(TREE);
    let s = store.getState();
    expect(s.nodes.get(1)?.status).toBe('up');
    expect(at(s, 'app').supervisor?.strategy).toBe('one_for_one');
    expect(at(s, 'app/db_sup').supervisor?.strategy).toBe('one_for_all');
    expect(at(s, 'app/count').name).toBe('count');
    expect(pathOf(s, at(s, 'app/db_sup/cache').key)).toBe('app/db_sup/cache');
    // The host's shell is not part of the picture: the root has no drawn parent.
    const shell = [...s.processes.values()].find((p) => p.behaviour === 'shell');
    expect(shell).toBeDefined();
    expect(pathOf(s, at(s, 'app').key)).toBe('app');

    const cache = at(s, 'app/db_sup/cache');
    await h.post({ type: 'crash', pid: cache.pid, reason: 'boom' });
    await h.run(200);
    s = store.getState();
    expect(at(s, 'app/db_sup/cache').generation).toBe(1);
    expect(at(s, 'app/db_sup/c2').generation).toBe(1);
    expect(at(s, 'app/count').generation).toBe(0);
    expect(lines(s, 'supervisor_report')).toEqual([
      `SUPERVISOR REPORT supervisor: {${at(s, 'app/db_sup').key},db_sup} errorContext: child_terminated reason: boom offender: [{pid,${cache.key}},{id,cache}]`,
    ]);
  });
});
