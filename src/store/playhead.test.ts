import { describe, expect, it } from 'vitest';
import { Draft } from './draft';
import { CHECKPOINT_EVERY } from './history';
import { foldStep } from './steps';
import { at } from './testing/find';
import { LiveNode, sup, worker } from './testing/liveNode';
import type { ViewState } from './types';
import { createPlaygroundStore } from './vanilla';
import { initialViewState } from './viewState';

const tree = sup('app', { strategy: 'one_for_one', intensity: 100_000 }, [
  worker('cache'),
  worker('db'),
]);

/** A store whose playhead the test walks, fed a tree that starts and a child crashed `crashes` times. */
function pacedStore(crashes: number) {
  const store = createPlaygroundStore({ deadLingerMs: 60_000 });
  store.getState().setPaced(true);
  const live = new LiveNode(0);
  store.getState().addNode({ id: 0, name: 'a', rootId: 'app' });
  store.getState().ingest(live.start(tree).batch());
  for (let i = 0; i < crashes; i++) {
    live.crash(at(store.getState().liveState(), 'app/cache').pid, 'boom').settle();
    store.getState().ingest(live.batch());
  }
  return store;
}

/** The fold of the first `n` steps in one go: what the page must show at `n`. */
function foldPrefix(store: ReturnType<typeof pacedStore>, n: number): ViewState {
  const h = store.getState().history();
  const base = initialViewState({ deadLingerMs: 60_000 });
  const d = new Draft(base);
  for (let i = 0; i < n; i++) foldStep(d, h.step(i)!);
  return d.finish(base);
}

const picture = (s: Pick<ViewState, 'processes' | 'log'>) => ({
  procs: [...s.processes.values()].map((p) => [p.key, p.status, p.generation, p.mailbox]),
  log: s.log.map((e) => [e.seq, e.text]),
});

describe('the playhead', () => {
  it('shows nothing new until walked, while the live state has every step', () => {
    const store = pacedStore(1);
    const s = store.getState();
    expect(s.playhead.index).toBe(0);
    expect(s.playhead.end).toBeGreaterThan(10);
    expect(s.processes.size).toBe(0);
    expect(at(s.liveState(), 'app/cache').generation).toBe(1);
  });

  it('walks one event at a time: the crashed child is dead before its new pid appears', () => {
    const store = pacedStore(1);
    const seen: string[] = [];
    while (store.getState().stepForward()) {
      const p = store.getState();
      const cache = [...p.processes.values()].some((x) => x.childId === 'cache')
        ? at(p, 'app/cache')
        : undefined;
      if (cache) seen.push(`${cache.key}:${cache.status}`);
    }
    const first = seen[0]!.split(':')[0];
    const firstDead = seen.findIndex((x) => /:(dead|exiting|restarting)$/.test(x));
    const firstNew = seen.findIndex((x) => !x.startsWith(`${first}:`));
    expect(firstDead).toBeGreaterThan(0);
    expect(firstNew).toBeGreaterThan(firstDead);
    expect(store.getState().playhead.index).toBe(store.getState().playhead.end);
  });

  it('seeks anywhere to exactly the fold of the steps before it, past checkpoints too', () => {
    const store = pacedStore(200);
    const { end } = store.getState().playhead;
    expect(end).toBeGreaterThan(2 * CHECKPOINT_EVERY);
    for (const i of [
      0,
      1,
      7,
      CHECKPOINT_EVERY - 1,
      CHECKPOINT_EVERY,
      CHECKPOINT_EVERY + 3,
      end - 1,
      end,
    ]) {
      store.getState().seek(i);
      expect(store.getState().playhead.index).toBe(i);
      expect(picture(store.getState())).toEqual(picture(foldPrefix(store, i)));
    }
  });

  it('steps back and forward over the same states, and `structure` only goes up', () => {
    const store = pacedStore(2);
    const states: unknown[] = [];
    const structures: number[] = [];
    while (store.getState().stepForward()) {
      states.push(picture(store.getState()));
      structures.push(store.getState().structure);
    }
    for (let k = states.length - 2; k >= 0; k--) {
      store.getState().stepBack();
      expect(picture(store.getState())).toEqual(states[k]);
      structures.push(store.getState().structure);
    }
    expect(structures).toEqual([...structures].sort((a, b) => a - b));
  });

  it('at the live end, a step waits for the next to arrive and shows only it', () => {
    const store = createPlaygroundStore();
    store.getState().setPaced(true);
    const live = new LiveNode(0);
    store.getState().addNode({ id: 0, name: 'a', rootId: 'app' });
    store.getState().ingest(live.start(tree).batch());
    store.getState().seek(store.getState().playhead.end);
    expect(store.getState().stepForward()).toBe(false);
    live.crash(at(store.getState().liveState(), 'app/cache').pid, 'boom').settle();
    const before = store.getState().playhead.index;
    store.getState().ingest(live.batch());
    expect(store.getState().playhead.index).toBe(before + 1);
  });

  it('a selected child stays selected when the playhead jumps past its restart and its pruning', () => {
    const store = createPlaygroundStore();
    store.getState().setPaced(true);
    const live = new LiveNode(0);
    store.getState().addNode({ id: 0, name: 'a', rootId: 'app' });
    store.getState().ingest(live.start(tree).batch());
    store.getState().advance(1_000);
    const old = at(store.getState(), 'app/cache').key;
    store.getState().select(old);
    live.crash(at(store.getState().liveState(), 'app/cache').pid, 'boom').settle();
    store.getState().ingest(live.batch());
    live.advance(10_000);
    store.getState().ingest(live.batch());
    expect(store.getState().liveState().processes.has(old)).toBe(false);
    store.getState().advance(1_000);
    const s = store.getState();
    expect(s.selected).toBe(at(s, 'app/cache').key);
    expect(s.selected).not.toBe(old);
  });

  it('unpaced, it follows the live end at once', () => {
    const store = createPlaygroundStore();
    store.getState().ingest(new LiveNode(0).start(tree).batch());
    const s = store.getState();
    expect(s.playhead.index).toBe(s.playhead.end);
    expect(s.processes).toBe(s.liveState().processes);
  });
});

describe('truncate (Resume from here)', () => {
  it('forgets the steps after a point: the live state is the fold before it, and new steps follow on', () => {
    const store = pacedStore(Math.ceil((CHECKPOINT_EVERY * 2.5) / 12));
    const h = store.getState().history();
    const cut = Math.floor(h.end * 0.6);
    const expected = foldPrefix(store, cut);
    store.getState().truncate(cut);
    const s = store.getState();
    expect(h.end).toBe(cut);
    expect(s.playhead.index).toBe(cut);
    expect(picture(s.liveState())).toEqual(picture(expected));
    expect(picture(s)).toEqual(picture(expected));
    // Seeks still agree with the fold of the prefix, on either side of the old checkpoints.
    for (const i of [cut - 1, Math.floor(cut / 2), CHECKPOINT_EVERY])
      expect(picture(h.stateAt(i))).toEqual(picture(foldPrefix(store, i)));
    // And steps appended after it fold on from there (checkpoints included).
    const live = new LiveNode(1);
    store.getState().addNode({ id: 1, name: 'b', rootId: 'app' });
    store.getState().ingest(live.start(tree).batch());
    const db = () =>
      [...store.getState().liveState().processes.values()]
        .filter((p) => p.node === 1 && p.childId === 'db')
        .sort((a, b) => b.generation - a.generation)[0]!.pid;
    for (let i = 0; i < 100; i++)
      store.getState().ingest(live.crash(db(), 'boom').settle().batch());
    for (const i of [cut + 5, h.end - 1, h.end])
      expect(picture(h.stateAt(i))).toEqual(picture(foldPrefix(store, i)));
  });
});
