/**
 * Real time for the node host, injected so the host is testable without
 * real timers: `now` is the worker's `performance.now`, a {@link Scheduler}
 * its `setTimeout`. Tests use `FakeTime` (testing/fakeTime.ts) for both.
 */
export interface Scheduler {
  /** Calls `fn` after `ms` of real time; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
}

/** `setTimeout`-based: a worker has no requestAnimationFrame, and needs none. */
export const timeoutScheduler: Scheduler = {
  after(ms, fn) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};
