import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClusterEngine } from './clusterEngine';
import { createPlayground, type PlaygroundEnv } from './createPlayground';
import { createTimers } from './timers';

/** An engine that only counts starts and stops. */
function fakeEngine() {
  const calls = { start: 0, stop: 0 };
  const nothing = () => undefined;
  const engine: ClusterEngine = {
    start: () => void calls.start++,
    stop: () => void calls.stop++,
    post: nothing,
    supervisor: () => Promise.resolve('ok'),
    call: () => Promise.resolve('ok'),
    inspect: () => Promise.resolve(undefined),
    setSpeed: nothing,
    pause: nothing,
    resume: nothing,
    step: nothing,
    addNode: nothing,
    stopNode: nothing,
    restartNode: nothing,
    netsplit: nothing,
    heal: nothing,
    reboot: nothing,
    resolve: () => undefined,
    bootedModules: () => [],
    pathOf: () => undefined,
    onNotice: nothing,
  };
  return { engine, calls };
}

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

function instance(env: Partial<PlaygroundEnv> = {}) {
  const f = fakeEngine();
  const pg = createPlayground({
    location: { origin: 'http://x', pathname: '/', search: '', hash: '' },
    storage: memoryStorage(),
    createEngine: () => f.engine,
    ...env,
  });
  return { pg, calls: f.calls };
}

afterEach(() => vi.useRealTimers());

describe('createPlayground', () => {
  it('gives two instances their own stores, toast ids and timers', () => {
    vi.useFakeTimers();
    const a = instance();
    const b = instance();
    expect(a.pg.ui).not.toBe(b.pg.ui);
    expect(a.pg.view).not.toBe(b.pg.view);
    expect(a.pg.timers).not.toBe(b.pg.timers);

    a.pg.dispatch({ type: 'toast', text: 'a1' });
    a.pg.dispatch({ type: 'toast', text: 'a2' });
    b.pg.dispatch({ type: 'toast', text: 'b1' });
    // Each numbers its own toasts from 1: no counter is shared.
    expect(a.pg.ui.getState().toasts.map((t) => [t.id, t.text])).toEqual([
      [1, 'a1'],
      [2, 'a2'],
    ]);
    expect(b.pg.ui.getState().toasts.map((t) => [t.id, t.text])).toEqual([[1, 'b1']]);
    expect(a.pg.timers.pending()).toBe(2);
    expect(b.pg.timers.pending()).toBe(1);

    // Destroying one clears its timers only: its toasts stay, the other's expire.
    a.pg.destroy();
    expect(a.pg.timers.pending()).toBe(0);
    expect(b.pg.timers.pending()).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(a.pg.ui.getState().toasts).toHaveLength(2);
    expect(b.pg.ui.getState().toasts).toHaveLength(0);
  });

  it('starts the engine on start() and stops it on destroy()', () => {
    const { pg, calls } = instance();
    pg.start();
    expect(calls).toEqual({ start: 1, stop: 0 });
    pg.destroy();
    expect(calls).toEqual({ start: 1, stop: 1 });
  });

  it('takes a share link out of the address it was given, and only that one', () => {
    const replaced: string[] = [];
    const { pg } = instance({
      location: { origin: 'http://x', pathname: '/p', search: '?speed=2', hash: '#w2=nonsense' },
      replaceUrl: (url) => void replaced.push(url),
    });
    expect(replaced).toEqual(['/p?speed=2']);
    expect(pg.booted.problems.length).toBeGreaterThan(0);
  });
});

describe('timers', () => {
  it('clears every pending timeout and interval on destroy, and still works after', () => {
    vi.useFakeTimers();
    const t = createTimers();
    const fired: string[] = [];
    t.setTimeout(() => fired.push('timeout'), 100);
    t.setInterval(() => fired.push('interval'), 50);
    expect(t.pending()).toBe(2);
    t.destroy();
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual([]);
    t.setTimeout(() => fired.push('again'), 10);
    vi.advanceTimersByTime(10);
    expect(fired).toEqual(['again']);
    expect(t.pending()).toBe(0);
  });
});
