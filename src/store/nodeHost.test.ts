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
    const db = at(s, 'app/db_sup').key;
    const report = s.log.find((e) => e.kind === 'supervisor_report')?.report;
    expect(report?.summary).toBe(
      `db_sup ${db}: child_terminated of cache ${cache.key}, reason: boom`,
    );
    expect(report?.fields).toContainEqual([
      'offender',
      `[{pid,${cache.key}},{id,cache},{mfargs,{kv_store,start_link,[]}},{restart_type,permanent},{significant,false},{shutdown,5000},{child_type,worker}]`,
    ]);
    // The page's crash is sys:terminate/2: gen_server's ERROR REPORT says [] was its last message.
    expect(s.log.find((e) => e.kind === 'error_report')?.report?.lines).toEqual([
      `** Generic server ${cache.key} terminating`,
      '** Last message in was []',
      '** When Server state == #{}',
      '** Reason for termination ==',
      '** boom',
    ]);
    // Lines keep the names they had when they were written; the restarted cache has its own.
    const fresh = at(s, 'app/db_sup/cache').key;
    expect(lines(s, 'exit')).toContain(`cache ${cache.key} exited: boom`);
    expect(lines(s, 'progress_report').at(-2)).toMatch(
      new RegExp(`^PROGRESS REPORT db_sup ${db} started cache ${fresh} `),
    );
  });

  it("writes a call's reply with its ref, and hides the shell's plumbing as internals", async () => {
    const h = new HostHarness();
    const store = createPlaygroundStore({ deadLingerMs: 60_000 });
    store.getState().addNode({ id: 1, name: 'n1', rootId: 'app' });
    h.transport.onEvent((ev) => store.getState().ingest(ev, 1));
    await h.boot(TREE);
    const count = at(store.getState(), 'app/count').key;
    const rid = await h.request({ type: 'call', to: 'count', request: 'get', timeout: 5000 });
    await h.run(50);
    expect(h.value(rid)).toBe(0);
    const s = store.getState();
    const shell = [...s.processes.values()].find((p) => p.behaviour === 'shell')!.key;
    const ref = String.raw`#Ref<1\.\d+>`;
    expect(lines(s, 'send').slice(-2)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^shell ${shell} sent \\{'\\$gen_call',\\{${shell},${ref}\\},get\\} to count ${count}$`,
        ),
      ),
      expect.stringMatching(new RegExp(`^count ${count} sent \\{${ref},0\\} to shell ${shell}$`)),
    ]);
    const internal = s.log.filter((e) => e.internal).map((e) => e.kind);
    expect(new Set(internal)).toEqual(
      new Set(['trap_exit', 'send', 'progress_report', 'monitor', 'demonitor']),
    );
    expect(s.log.filter((e) => e.kind === 'monitor' && !e.internal)).toEqual([]);
  });

  it('drops a child slot when delete_child removes its spec', async () => {
    const h = new HostHarness();
    const store = createPlaygroundStore({ deadLingerMs: 60_000 });
    store.getState().addNode({ id: 1, name: 'n1', rootId: 'app' });
    h.transport.onEvent((ev) => store.getState().ingest(ev, 1));
    await h.boot(TREE);
    const db = at(store.getState(), 'app/db_sup').pid;
    const term = await h.request({ type: 'supervisor', sup: db, op: 'terminate_child', id: 'c2' });
    await h.run(50);
    expect(h.value(term)).toBe('ok');
    const c2 = at(store.getState(), 'app/db_sup/c2').key;
    expect(at(store.getState(), 'app/db_sup').supervisor?.children).toEqual(['cache', 'c2']);
    const del = await h.request({ type: 'supervisor', sup: db, op: 'delete_child', id: 'c2' });
    await h.run(50);
    expect(h.value(del)).toBe('ok');
    const s = store.getState();
    expect(at(s, 'app/db_sup').supervisor?.children).toEqual(['cache']);
    expect(at(s, 'app/db_sup').supervisor?.slots.has('c2')).toBe(false);
    // Its dead occupant does not linger in the picture either.
    expect(s.processes.has(c2)).toBe(false);
    expect(lines(s, 'child_deleted')).toEqual([
      `db_sup ${at(s, 'app/db_sup').key} deleted the spec of child c2`,
    ]);
  });
});
