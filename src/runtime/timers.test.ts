import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerHeap } from './timers';

describe('TimerHeap', () => {
  it('pops live timers by time, then creation order, skipping cancelled ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 100 }),
        fc.integer({ min: 0, max: 60 }),
        (specs, now) => {
          const heap = new TimerHeap();
          const fired: number[] = [];
          const timers = specs.map(([at], i) => heap.add(at, () => fired.push(i)));
          specs.forEach(([, cancel], i) => {
            if (cancel) (timers[i] as { cancelled: boolean }).cancelled = true;
          });
          const due = specs
            .map(([at, cancel], i) => ({ at, cancel, i }))
            .filter((t) => !t.cancel && t.at <= now)
            .sort((a, b) => a.at - b.at || a.i - b.i)
            .map((t) => t.i);
          for (let t = heap.popDue(now); t !== undefined; t = heap.popDue(now)) t.fire();
          expect(fired).toEqual(due);
          const next = specs.filter(([at, cancel]) => !cancel && at > now).map(([at]) => at);
          expect(heap.peekTime()).toBe(next.length ? Math.min(...next) : undefined);
        },
      ),
      { numRuns: 300 },
    );
  });
});
