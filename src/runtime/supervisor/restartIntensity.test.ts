import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RestartWindow, addRestart, restartsInWindow } from './restartIntensity';

describe('addRestart (supervisor:add_restart/3)', () => {
  it('records the restart at Now in whole seconds, rounding down', () => {
    expect(addRestart([], 2999, 1, 5)).toEqual({ restarts: [2], giveUp: false });
    expect(addRestart([], 3000, 1, 5)).toEqual({ restarts: [3], giveUp: false });
  });

  it('keeps an earlier restart at exactly Now - Period (R >= Now - Period)', () => {
    expect(addRestart([5], 10_000, 1, 5)).toEqual({ restarts: [10, 5], giveUp: true });
    // 10.999 s is still second 10.
    expect(addRestart([5], 10_999, 1, 5)).toEqual({ restarts: [10, 5], giveUp: true });
  });

  it('drops restarts older than Now - Period', () => {
    expect(addRestart([5], 11_000, 1, 5)).toEqual({ restarts: [11], giveUp: false });
    expect(addRestart([9, 7, 4, 2], 10_000, 3, 5)).toEqual({ restarts: [10, 9, 7], giveUp: false });
  });

  it('gives up only when the count, this restart included, exceeds the intensity', () => {
    let restarts: number[] = [];
    const giveUps: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const r = addRestart(restarts, 1000, 3, 5);
      restarts = r.restarts;
      giveUps.push(r.giveUp);
    }
    expect(giveUps).toEqual([false, false, false, true]);
  });

  it('gives up on the first restart with intensity 0', () => {
    expect(addRestart([], 0, 0, 5).giveUp).toBe(true);
  });

  it('does not change the list it is given', () => {
    const before = [3, 2];
    addRestart(before, 4000, 5, 5);
    expect(before).toEqual([3, 2]);
  });
});

describe('restartsInWindow', () => {
  it('counts the restarts still inside the window at a time, inclusive of the boundary second', () => {
    expect(restartsInWindow([10, 7, 5, 1], 10_500, 5)).toBe(3);
    expect(restartsInWindow([10, 7, 5, 1], 11_000, 5)).toBe(2);
    expect(restartsInWindow([], 0, 5)).toBe(0);
  });
});

describe('RestartWindow', () => {
  it('decides exactly as addRestart for any sequence of restart times', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 4000 }), { maxLength: 40 }),
        (intensity, period, gaps) => {
          const w = new RestartWindow(intensity, period);
          let list: number[] = [];
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            const r = addRestart(list, now, intensity, period);
            list = r.restarts;
            expect(w.add(now)).toBe(r.giveUp);
            expect(w.newestFirst()).toEqual(list);
            expect(w.count(now)).toBe(restartsInWindow(list, now, period));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
