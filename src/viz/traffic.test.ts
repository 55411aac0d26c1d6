import { describe, expect, it } from 'vitest';
import { along, flightKey } from './traffic';

describe('traffic', () => {
  it('flies an arc between two points, and a loop beside a node to itself', () => {
    const a = { x: 0, y: 0 };
    const b = { x: 100, y: 0 };
    expect(along(a, b, 0)).toEqual(a);
    expect(along(a, b, 1)).toEqual(b);
    // A loop starts and ends at the same spot, clear of the node (radius 14, a group's ring 23).
    const start = along(a, a, 0);
    const end = along(a, a, 1);
    expect(end.x).toBeCloseTo(start.x);
    expect(end.y).toBeCloseTo(start.y);
    for (const p of [0, 0.25, 0.5, 0.75]) expect(along(a, a, p).x).toBeGreaterThan(20);
  });

  it('counts flights over the cap by where their ends are drawn, not by pid', () => {
    expect(flightKey('m', { x: 1.2, y: 2 }, { x: 3, y: 4.4 })).toBe(
      flightKey('m', { x: 1, y: 2 }, { x: 3, y: 4 }),
    );
    expect(flightKey('m', { x: 1, y: 2 }, { x: 3, y: 4 })).not.toBe(
      flightKey('x', { x: 1, y: 2 }, { x: 3, y: 4 }),
    );
  });
});
