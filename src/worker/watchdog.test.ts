import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Watchdog, unresponsiveReason } from './watchdog';

describe('watchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function dog(answer: (node: number) => boolean) {
    const pings: [number, number][] = [];
    const hung: [number, number][] = [];
    const w: Watchdog = new Watchdog({
      ping: (node, seq) => {
        pings.push([node, seq]);
        if (answer(node)) queueMicrotask(() => w.pong(node, seq));
      },
      onUnresponsive: (node, silent) => hung.push([node, silent]),
    });
    return { w, pings, hung };
  }

  it('pings every 250 ms and leaves a node that answers alone', async () => {
    const { w, pings, hung } = dog(() => true);
    w.watch(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(pings.length).toBe(20);
    expect(hung).toEqual([]);
    w.stop();
  });

  it('reports a node silent for a second, once, and stops watching it', async () => {
    const { w, hung } = dog((node) => node !== 2);
    w.watch(1);
    w.watch(2);
    await vi.advanceTimersByTimeAsync(1200);
    expect(hung).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(hung).toEqual([[2, 1000]]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(hung).toHaveLength(1);
    w.stop();
  });

  it('gives a loading worker a longer allowance', async () => {
    const { w, hung } = dog(() => false);
    w.watch(1, 10_000);
    await vi.advanceTimersByTimeAsync(5000);
    expect(hung).toEqual([]);
    await vi.advanceTimersByTimeAsync(6000);
    expect(hung.map(([n]) => n)).toEqual([1]);
  });

  it('does not condemn nodes when the main thread itself was asleep', async () => {
    const { w, hung } = dog(() => true);
    w.watch(1);
    await vi.advanceTimersByTimeAsync(250);
    // The whole page stalls for 3 s (a background tab): the answer to the last ping arrives right after.
    vi.setSystemTime(Date.now() + 3000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(hung).toEqual([]);
    w.stop();
  });

  it('explains the reason in words', () => {
    expect(unresponsiveReason(1000)).toBe(
      'unresponsive: no heartbeat for 1.0 s — a process may be in an endless loop',
    );
  });
});
