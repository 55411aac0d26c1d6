/**
 * One playground instance's timers (tldraw's `editor.timers`): everything the controller schedules
 * goes through here, so two playgrounds on one page share none, and `destroy()` clears them all.
 * After `destroy()` the object still works (React's StrictMode unmounts and mounts again).
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  setInterval(fn: () => void, ms: number): number;
  clearInterval(id: number): void;
  /** How many timers are pending (tests). */
  pending(): number;
  /** Clears every pending timer. */
  destroy(): void;
}

export function createTimers(): Timers {
  const timeouts = new Set<number>();
  const intervals = new Set<number>();
  return {
    setTimeout(fn, ms) {
      const id: number = globalThis.setTimeout(() => {
        timeouts.delete(id);
        fn();
      }, ms) as unknown as number;
      timeouts.add(id);
      return id;
    },
    clearTimeout(id) {
      timeouts.delete(id);
      globalThis.clearTimeout(id);
    },
    setInterval(fn, ms) {
      const id = globalThis.setInterval(fn, ms) as unknown as number;
      intervals.add(id);
      return id;
    },
    clearInterval(id) {
      intervals.delete(id);
      globalThis.clearInterval(id);
    },
    pending: () => timeouts.size + intervals.size,
    destroy() {
      for (const id of timeouts) globalThis.clearTimeout(id);
      for (const id of intervals) globalThis.clearInterval(id);
      timeouts.clear();
      intervals.clear();
    },
  };
}
