import { describe, expect, it } from 'vitest';
import { sequenceAt } from './sequence';
import { at } from './testing/find';
import { LiveNode, sup, worker } from './testing/liveNode';
import { createPlaygroundStore } from './vanilla';

const tree = sup('app', { strategy: 'one_for_one', intensity: 10 }, [
  worker('cache'),
  worker('db'),
]);

describe('sequenceAt', () => {
  it("draws a crash on the child's lifeline and its supervisor's: the exit, the 'EXIT', the report, the restart", () => {
    const store = createPlaygroundStore({ deadLingerMs: 60_000 });
    const live = new LiveNode(0);
    store.getState().addNode({ id: 0, name: 'a', rootId: 'app' });
    store.getState().ingest(live.start(tree).batch());
    live.crash(at(store.getState(), 'app/cache').pid, 'boom').settle();
    store.getState().ingest(live.batch());
    const s = store.getState();
    const cache = at(s, 'app/cache');
    const seq = sequenceAt(s.history(), s, cache.key, s.playhead.index);
    expect(seq.lanes.map((l) => l.label)).toEqual(expect.arrayContaining(['cache']));
    const kinds = seq.rows.map((r) => r.kind);
    const exit = kinds.indexOf('exit');
    const trapped = kinds.indexOf('EXIT');
    const restart = kinds.indexOf('restart');
    const started = kinds.lastIndexOf('spawn');
    expect(exit).toBeGreaterThanOrEqual(0);
    expect(trapped).toBeGreaterThan(exit);
    expect(restart).toBeGreaterThan(trapped);
    expect(started).toBeGreaterThan(restart);
    const signal = seq.rows[trapped]!;
    expect(signal.label).toContain('boom');
    expect(signal.from).toBe(seq.rows[exit]!.from);
    expect(signal.to).not.toBe(signal.from);
  });

  it('shows only what happened before the playhead', () => {
    const store = createPlaygroundStore();
    const live = new LiveNode(0);
    store.getState().ingest(live.start(tree).batch());
    const s = store.getState();
    const cache = at(s, 'root/cache');
    const all = sequenceAt(s.history(), s, cache.key, s.playhead.end);
    const none = sequenceAt(s.history(), s, cache.key, 0);
    expect(all.rows.length).toBeGreaterThan(0);
    expect(none.rows).toEqual([]);
  });
});
