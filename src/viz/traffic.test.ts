import { describe, expect, it } from 'vitest';
import { type Placed, along, flightKey, placeLabel } from './traffic';

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

describe('placeLabel', () => {
  it('counts labels that would cover the same text, moves ones that would cover another, never overlaps', () => {
    const placed: Placed[] = [];
    for (let i = 0; i < 6; i++) placeLabel(placed, 'shutdown', 100 + i, 50 + i, 48);
    expect(placed).toEqual([{ text: 'shutdown', x: 100, y: 50, w: 48, count: 6 }]);
    placeLabel(placed, 'killed', 102, 51, 30);
    placeLabel(placed, 'noproc', 101, 49, 34);
    expect(placed.map((p) => p.text)).toEqual(['shutdown', 'killed', 'noproc']);
    for (const a of placed)
      for (const b of placed)
        if (a !== b)
          expect(a.x < b.x + b.w && b.x < a.x + a.w && Math.abs(a.y - b.y) < 12).toBe(false);
  });
});
